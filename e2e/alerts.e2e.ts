import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordSignal } from '@server/modules/signals';
import { axeViolations, browserSuite, demoAccount, logInThroughApi, type OpenOptions, viewports, waitForPage } from './support/harness';

const suite = browserSuite();
const SHOTS = process.env.ALERT_SHOTS_DIR ?? '/tmp/alerts-shots';

/** A page logged in as the demo account of `role`, at `path`. */
async function openAs(role: Parameters<typeof demoAccount>[1], path: string, options: OpenOptions = {}) {
  const session = await suite.open('/inloggen', options);
  await logInThroughApi(session.context, demoAccount(suite.app, role));
  await session.page.goto(path);
  await waitForPage(session.page);
  return session;
}

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Waits until the banner has answered at least once with `count` open alerts. */
async function bannerWith(page: Page, count: number): Promise<void> {
  await page.locator(`[data-testid="alert-banner"][data-count="${count}"]`).waitFor({ timeout: 10_000 });
}

const db = () => suite.app.test.prepared.database.db;
const region = () => suite.app.test.config.SCHAKEL_REGION;

/** Open alerts of the default region now (the demo has one; demo signals of the last day may add some). */
async function openAlerts(): Promise<number> {
  const rows = await db().selectFrom('alert').select('id').where('region_code', '=', region()).where('acknowledged_at', 'is', null).execute();
  return rows.length;
}

describe('the acute alert on screen', () => {
  it('shows the open acute alert to everyone on duty, in a band under the header, without axe violations', async () => {
    const { page, problems } = await openAs('zorgcoordinator', '/');
    const open = await openAlerts();
    expect(open).toBeGreaterThanOrEqual(1);
    await bannerWith(page, open);
    const banner = page.getByTestId('alert-banner');
    await expect(banner.locator('h2').textContent()).resolves.toMatch(/(Acuut signaal|acute signalen): direct actie nodig/);
    await expect(banner.getByTestId('alert-item').first().textContent()).resolves.toMatch(/Acuut signaal MH-\d{4}-\d{6}/);
    await expect(banner.getByRole('button', { name: 'Ik pak dit op' }).count()).resolves.toBe(open);
    await expect(banner.getByRole('link', { name: 'Signaal openen' }).first().getAttribute('href')).resolves.toMatch(/^\/signalen\/[0-9a-f-]{36}$/);
    // It sits between the header and the page, so it is the first thing after the navigation.
    const order = await page.evaluate(() => {
      const header = document.querySelector('header')!;
      const bannerElement = document.querySelector('[data-testid="alert-banner"]')!;
      const main = document.querySelector('main')!;
      return [header.compareDocumentPosition(bannerElement) & Node.DOCUMENT_POSITION_FOLLOWING, bannerElement.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING];
    });
    expect(order.every(Boolean)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'banner-desktop-nl');
    expect(problems).toEqual([]);
  });

  it('is the same in English and on a phone', async () => {
    const { page, problems } = await openAs('tafellid', '/', { language: 'en', viewport: viewports.phone });
    const open = await openAlerts();
    await bannerWith(page, open);
    await expect(page.getByTestId('alert-banner').locator('h2').textContent()).resolves.toMatch(/acute signals?: immediate action needed/i);
    await expect(page.getByRole('button', { name: "I'm on it" }).count()).resolves.toBe(open);
    expect(await axeViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'banner-phone-en');
    expect(problems).toEqual([]);
  });

  it('is not shown to roles without duty, who do not even ask for it', async () => {
    for (const role of ['beleidsmedewerker', 'privacy-officer', 'functioneel-beheerder', 'signaleerder'] as const) {
      const asked: string[] = [];
      const { page, problems } = await suite.open('/inloggen');
      page.on('request', (request) => {
        if (request.url().includes('/api/v1/alerts')) asked.push(request.url());
      });
      await logInThroughApi(page.context(), demoAccount(suite.app, role));
      await page.goto('/');
      await waitForPage(page);
      await page.waitForTimeout(300);
      expect(await page.getByTestId('alert-banner').count(), role).toBe(0);
      expect(asked, role).toEqual([]);
      expect(problems).toEqual([]);
    }
  });

  it('picks up a new acute signal, announces it, and records "I\'m on it" with who and when', async () => {
    const { page, problems } = await openAs('ketenregisseur', '/');
    const open = await openAlerts();
    await bannerWith(page, open);
    const signal = await recordSignal(db(), {
      regionCode: region(),
      channel: 'professional',
      acute: true,
      forms: ['criminal'],
      summary: 'Fictief: een minderjarige wordt gedwongen drugs te vervoeren.',
      locations: [{ place: 'Huizen' }],
    });
    // The banner asks every 20 s and whenever the tab comes back into view.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await bannerWith(page, open + 1);
    await expect(page.getByTestId('alert-banner').locator('[role="status"]').first().textContent()).resolves.toBe('Er is een nieuw acuut signaal binnengekomen.');
    const item = page.getByTestId('alert-item').filter({ hasText: signal.reference });
    await expect(item.textContent()).resolves.toContain('Huizen');
    await shot(page, 'banner-two-alerts');
    await item.getByRole('button', { name: 'Ik pak dit op' }).click();
    const picked = page.getByTestId('alert-picked');
    await picked.waitFor();
    await expect(picked.textContent()).resolves.toContain(`U pakt acuut signaal ${signal.reference} op`);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('alert-picked');
    await bannerWith(page, open);
    expect(await axeViolations(page)).toEqual([]);
    const ack = await db()
      .selectFrom('alert_acknowledgement as k')
      .innerJoin('alert as a', 'a.id', 'k.alert_id')
      .innerJoin('app_user as u', 'u.id', 'k.user_id')
      .select(['u.email', 'k.at'])
      .where('a.signal_id', '=', signal.id)
      .executeTakeFirstOrThrow();
    expect(ack.email).toBe(demoAccount(suite.app, 'ketenregisseur').email);
    expect(Date.now() - new Date(ack.at).getTime()).toBeLessThan(60_000);
    expect(problems).toEqual([]);
  });

  it('lists every alert with who was alerted, how the mail went and who picked it up', async () => {
    const { page, problems } = await openAs('ketenregisseur', '/meldpunt/alarmeringen');
    await page.locator('[data-testid="alerts-summary"][data-state="ready"]').waitFor();
    const cards = page.getByTestId('alert-card');
    expect(await cards.count()).toBeGreaterThanOrEqual(3);
    // Demo names are random: a card that says "<name> om <time>" under "Opgepakt door" is enough.
    const picked = cards.filter({ hasText: 'Opgepakt door' }).filter({ hasText: / om \d/ });
    expect(await picked.count()).toBeGreaterThanOrEqual(1);
    await expect(cards.first().textContent()).resolves.toMatch(/Gealarmeerd/);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'history-desktop-nl');
    // Only the open ones. One is made here, so the filter has something to show whatever the tests
    // before did with the demo's open alert.
    const fresh = await recordSignal(db(), {
      regionCode: region(),
      channel: 'professional',
      acute: true,
      forms: ['labour'],
      summary: 'Fictief: mensen slapen op de werkplek en mogen niet weg.',
      locations: [{ place: 'Huizen' }],
    });
    await page.getByRole('link', { name: 'Alleen nog niet opgepakt' }).click();
    await page.waitForURL('**/meldpunt/alarmeringen?status=open');
    // The summary says "ready" of the previous list for a moment after the link; the fresh alert's
    // card is what shows the filtered list has arrived (one CI run counted while it was loading).
    await page.getByTestId('alert-card').filter({ hasText: fresh.reference }).waitFor();
    await page.locator('[data-testid="alerts-summary"][data-state="ready"]').waitFor();
    const open = await page.getByTestId('alert-card').count();
    expect(open).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('alert-card').filter({ hasText: fresh.reference }).count()).resolves.toBe(1);
    expect(await page.getByTestId('alert-card').filter({ hasText: 'Opgepakt door' }).filter({ hasText: 'Nog door niemand opgepakt' }).count()).toBe(open);
    expect(problems).toEqual([]);
  });
});

describe('the reachability roster (/meldpunt/bereikbaarheid)', () => {
  it('shows who is on call now, the gaps, and the shifts of six weeks; in the navigation for the ketenregisseur only', async () => {
    const { page, problems } = await openAs('ketenregisseur', '/meldpunt/bereikbaarheid');
    await page.locator('[data-testid="roster-summary"][data-state="ready"]').waitFor();
    await expect(page.locator('main h1').textContent()).resolves.toBe('Bereikbaarheidsrooster');
    await page.getByTestId('on-call-now').waitFor();
    expect(await page.getByTestId('on-call-now').locator('li').count()).toBeGreaterThanOrEqual(1);
    // The demo roster leaves one Monday uncovered three weeks from now.
    await expect(page.getByTestId('roster-gaps').textContent()).resolves.toContain('zonder dienst');
    expect(await page.getByTestId('shift-row').count()).toBeGreaterThanOrEqual(6);
    expect(await page.getByTestId('shift-overlap').count()).toBeGreaterThanOrEqual(1);
    await expect(page.locator('nav.schakel-nav').getByRole('link', { name: 'Bereikbaarheid' }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'roster-desktop-nl');
    expect(problems).toEqual([]);

    const other = await openAs('zorgcoordinator', '/meldpunt/bereikbaarheid');
    await expect(other.page.locator('main h1').textContent()).resolves.not.toBe('Bereikbaarheidsrooster');
    await expect(other.page.locator('nav.schakel-nav').getByRole('link', { name: 'Bereikbaarheid' }).count()).resolves.toBe(0);
  });

  it('adds, changes and removes a shift, with errors at their fields and a warning for an overlap', async () => {
    const { page, problems } = await openAs('ketenregisseur', '/meldpunt/bereikbaarheid');
    await page.locator('[data-testid="roster-summary"][data-state="ready"]').waitFor();
    const before = await page.getByTestId('shift-row').count();
    const form = page.getByTestId('shift-form');
    await form.getByRole('button', { name: 'Dienst toevoegen' }).click();
    const summary = form.locator('.schakel-error-summary');
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain('Kies wie er dienst heeft.');
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toContain('schakel-error-summary');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'roster-form-errors');

    // A table member (police) as back-up tomorrow evening, next to the demo rotation: allowed, with a warning.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(tomorrow);
    await page.locator('#shift-person').selectOption({ label: await optionFor(page, 'Tafellid') });
    await page.locator('#shift-from').fill(`${day}T18:00`);
    await page.locator('#shift-until').fill(`${day}T08:00`);
    await form.getByRole('button', { name: 'Dienst toevoegen' }).click();
    await expect(form.locator('.schakel-error-summary').textContent()).resolves.toContain('Het einde van de dienst moet na het begin liggen.');
    await page.locator('#shift-until').fill(`${day}T23:00`);
    await page.locator('#shift-note').fill('Extra avonddienst (fictief)');
    await form.getByRole('button', { name: 'Dienst toevoegen' }).click();
    const notice = page.getByTestId('roster-notice');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/Dienst toegevoegd: .*Let op: deze dienst overlapt met \d+ andere dienst(en)?\./);
    await page.locator('[data-testid="roster-summary"][data-state="ready"]').waitFor();
    await expect(page.getByTestId('shift-row').count()).resolves.toBe(before + 1);
    const row = page.getByTestId('shift-row').filter({ hasText: 'Extra avonddienst (fictief)' });
    await expect(row.getByTestId('shift-overlap').count()).resolves.toBe(1);
    await shot(page, 'roster-added');

    // The same person twice at once is refused at the field.
    await page.locator('#shift-person').selectOption({ label: await optionFor(page, 'Tafellid') });
    await page.locator('#shift-from').fill(`${day}T20:00`);
    await page.locator('#shift-until').fill(`${day}T21:00`);
    await form.getByRole('button', { name: 'Dienst toevoegen' }).click();
    await expect(form.locator('.schakel-error-summary').textContent()).resolves.toContain('Deze persoon heeft in deze periode al een dienst.');

    // Change it: the form fills in, focus moves to it.
    await row.getByRole('button', { name: /^Wijzigen/ }).click();
    await expect(page.locator('#shift-form-heading').textContent()).resolves.toBe('Dienst wijzigen');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('shift-form-heading');
    await expect(page.locator('#shift-from').inputValue()).resolves.toBe(`${day}T18:00`);
    await page.locator('#shift-until').fill(`${day}T22:30`);
    await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await expect(page.getByTestId('roster-notice').textContent()).resolves.toContain('Dienst gewijzigd');
    await page.locator('[data-testid="roster-summary"][data-state="ready"]').waitFor();

    // Remove it, asked twice.
    const changed = page.getByTestId('shift-row').filter({ hasText: 'Extra avonddienst (fictief)' });
    await changed.getByRole('button', { name: 'Verwijderen' }).click();
    await changed.getByRole('button', { name: 'Ja, dienst verwijderen' }).click();
    // The notice changes when the delete has been answered: wait for it instead of reading it at once.
    await page.getByTestId('roster-notice').filter({ hasText: 'Dienst verwijderd' }).waitFor();
    await page.locator('[data-testid="roster-summary"][data-state="ready"]').waitFor();
    await expect(page.getByTestId('shift-row').count()).resolves.toBe(before);
    // The refused overlap answered 400 on purpose; nothing else may have gone wrong.
    expect(problems.filter((p) => !/\b400\b.*on-call-shifts|on-call-shifts.*\b400\b/.test(p))).toEqual([]);
  });

  it('has no axe violations in English or on a phone', async () => {
    const { page, problems } = await openAs('ketenregisseur', '/meldpunt/bereikbaarheid', { language: 'en', viewport: viewports.phone });
    await page.locator('[data-testid="roster-summary"][data-state="ready"]').waitFor();
    await expect(page.locator('main h1').textContent()).resolves.toBe('Reachability roster');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'roster-phone-en');
    const history = await openAs('ketenregisseur', '/meldpunt/alarmeringen', { language: 'en' });
    await history.page.locator('[data-testid="alerts-summary"][data-state="ready"]').waitFor();
    expect(await axeViolations(history.page)).toEqual([]);
    await shot(history.page, 'history-desktop-en');
    expect(problems).toEqual([]);
  });
});

/** The label of the person option whose roles include `role` (demo names are random). */
async function optionFor(page: Page, role: string): Promise<string> {
  const labels = await page.locator('#shift-person option').allTextContents();
  const label = labels.find((text) => text.includes(`(${role})`));
  if (!label) throw new Error(`no candidate with ${role}: ${labels.join(' | ')}`);
  return label;
}
