import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, browserSuite, type BrowserPage, demoAccount, focused, logInThroughApi, viewports, waitForPage } from './support/harness';
import { shot, signalArrives, startCase } from './support/cases';
import { reportSignal, uniquePhone } from './support/signals';

const suite = browserSuite();

/** A page logged in as the demo account of `role`, opened at `path`. */
async function openAs(role: Parameters<typeof demoAccount>[1], path: string, viewport: { width: number; height: number } = viewports.desktop): Promise<BrowserPage> {
  const session = await suite.open('/', { viewport });
  await logInThroughApi(session.context, demoAccount(suite.app, role));
  await session.page.goto(path);
  await settle(session.page);
  return session;
}

async function settle(page: Page): Promise<void> {
  await waitForPage(page);
  await page.waitForFunction(() => document.querySelector('.schakel-loading') === null);
}

/** No WCAG 2.1 AA violations on the screen as it is, in Dutch and in English (back to Dutch after). */
async function expectAccessibleInBothLanguages(page: Page): Promise<void> {
  expect(await axeViolations(page), 'nl').toEqual([]);
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  expect(await axeViolations(page), 'en').toEqual([]);
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'nl');
}

async function csrf(context: BrowserContext): Promise<string> {
  const body = (await (await context.request.get('/api/v1/sessions/current')).json()) as { csrfToken?: string };
  return body.csrfToken ?? '';
}

async function me(context: BrowserContext): Promise<{ id: string; region: string; municipalities: string[]; organisation: { id: string } }> {
  return ((await (await context.request.get('/api/v1/sessions/current')).json()) as { me: never }).me;
}

/** Changes the case through the API, as another person would while the page is open. */
async function changeCaseElsewhere(context: BrowserContext, id: string, change: Record<string, unknown>): Promise<void> {
  const { version } = (await (await context.request.get(`/api/v1/cases/${id}`)).json()) as { version: number };
  const response = await context.request.patch(`/api/v1/cases/${id}`, { data: { version, ...change }, headers: { 'X-CSRF-Token': await csrf(context) } });
  if (response.status() !== 200) throw new Error(`case not changed: ${response.status()} ${await response.text()}`);
}

async function organisationOfType(context: BrowserContext, region: string, type: string): Promise<{ id: string; name: string }> {
  const list = (await (await context.request.get(`/api/v1/organisations?region=${region}&type=${type}&pageSize=100`)).json()) as { _embedded: { organisations: { id: string; name: string }[] } };
  return list._embedded.organisations[0]!;
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const caseUrl = (id: string) => `/casussen/${id}`;

/** Shared between the tests below, in order. */
const flow = { signalId: '', caseId: '', reference: '', title: `Loods Havenstraat ${Date.now() % 100000}` };

describe('from signal to case (/signalen/:id → /casussen/nieuw → /casussen/:id)', () => {
  it('the aandachtsfunctionaris starts a case from a new signal, enriches it, consults a partner and puts it on the table', async () => {
    const { page, context, problems } = await openAs('aandachtsfunctionaris', '/');
    const account = await me(context);
    const signal = await reportSignal(context, {
      summary: 'Arbeiders slapen in een loods en werken dag en nacht zonder vrije dag.',
      forms: ['labour'],
      municipalities: [account.municipalities[0]!],
      persons: [{ role: 'victim', name: 'Piotr (fictief)', phone: uniquePhone(), approximateAge: 34 }],
    });
    flow.signalId = signal.id;

    await page.goto(`/signalen/${signal.id}`);
    await settle(page);
    await page.getByTestId('start-case').click();
    await page.waitForURL(`**/casussen/nieuw?signalen=${signal.id}`);
    await page.getByTestId('new-case-form').waitFor();
    await expect(page.getByTestId('new-case-signal-list').textContent()).resolves.toContain(signal.reference);
    // The lead is the user's municipality, the form of the signal is ticked.
    await expect(page.locator('#new-case-lead').inputValue()).resolves.toBe(account.municipalities[0]);
    await expect(page.locator('#new-case-form-labour').isChecked()).resolves.toBe(true);
    await expectAccessibleInBothLanguages(page);

    // A title that is too short: the summary takes focus and links to the field.
    await page.locator('#new-case-title').fill('ab');
    await page.getByTestId('new-case-submit').click();
    await page.locator('.schakel-error-summary').waitFor();
    await expect(page.locator('#new-case-title-error').textContent()).resolves.toContain('Werktitel: dit is te kort.');
    expect(await page.evaluate(() => document.activeElement?.className ?? '')).toContain('schakel-error-summary');
    await expectAccessibleInBothLanguages(page);

    await page.locator('#new-case-title').fill(flow.title);
    await page.locator('#new-case-summary').fill('Signaal van de balie; wijkteam kent het adres.');
    await page.getByTestId('new-case-submit').click();
    await page.getByTestId('case-created').waitFor();
    flow.caseId = page.url().split('/').pop()!;
    flow.reference = ((await page.getByTestId('case-header').locator('.schakel-case-reference').textContent()) ?? '').trim();
    expect(flow.reference).not.toBe('');
    await expect(page.getByTestId('case-title').textContent()).resolves.toContain(flow.title);
    await expect(page.getByTestId('case-signals').textContent()).resolves.toContain(signal.reference);
    await expect(page.getByTestId('case-assignee').textContent()).resolves.not.toBe('Niemand');
    await expect(page.getByTestId('urgent-consultation-link').getAttribute('href')).resolves.toBe(`/casussen/${flow.caseId}/spoed-mdo`);
    await page.getByTestId('case-timeline').waitFor();
    await expectAccessibleInBothLanguages(page);

    // A source check: the form opens in place, focus on its first field.
    await page.getByTestId('add-source-check').click();
    await page.locator('#source-check-source').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('source-check-source');
    await page.locator('#source-check-date').fill(isoDay(2));
    await page.getByTestId('source-check-submit').click();
    await page.locator('#source-check-source-error').waitFor();
    await expect(page.locator('#source-check-date-error').textContent()).resolves.toContain('dit kan niet later zijn dan nu');
    await expectAccessibleInBothLanguages(page);
    await page.locator('#source-check-source').selectOption('brp');
    await page.locator('#source-check-date').fill(isoDay(0));
    await page.locator('#source-check-finding').fill('Acht personen ingeschreven op één adres.');
    await page.getByTestId('source-check-submit').click();
    await page.getByTestId('source-checks').getByText('Acht personen ingeschreven op één adres.').waitFor();

    await page.getByTestId('add-consultation').click();
    await page.locator('#consultation-organisation').selectOption({ index: 1 });
    await page.locator('#consultation-summary').fill('Wijkagent bevestigt wisselende bewoners.');
    await page.getByTestId('consultation-submit').click();
    await page.getByTestId('consultations').getByText('Wijkagent bevestigt wisselende bewoners.').waitFor();

    // Someone else changes the case meanwhile: the decision is refused, nothing lost, reload and send again.
    await page.locator('#assessment-decision').selectOption('table');
    await page.locator('#assessment-reason').fill('Vermoeden versterkt na verrijking; meerdere partners nodig.');
    await changeCaseElsewhere(context, flow.caseId, { summary: 'Aangevuld door een collega.' });
    await page.getByTestId('assessment-submit').click();
    await page.getByTestId('version-conflict').waitFor();
    await expectAccessibleInBothLanguages(page);
    await page.getByTestId('conflict-reload').click();
    await page.getByTestId('version-conflict').waitFor({ state: 'detached' });
    await expect(page.locator('#assessment-reason').inputValue()).resolves.toBe('Vermoeden versterkt na verrijking; meerdere partners nodig.');
    await page.getByTestId('assessment-submit').click();
    await page.locator('[data-testid="case-header"][data-status="put-forward"]').waitFor();
    await expect(page.getByTestId('case-decision').textContent()).resolves.toContain('Naar de weeg- en monitortafel');

    // In the work list and in My work.
    await page.getByRole('navigation', { name: /hoofd|main/i }).getByRole('link', { name: 'Casussen' }).click();
    await page.locator('[data-testid="cases-summary"][data-state="ready"]').waitFor();
    await page.locator('#cases-status').selectOption('put-forward');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL('**/casussen?status=put-forward');
    await page.locator('[data-testid="cases-summary"][data-state="ready"][data-search="?status=put-forward"]').waitFor();
    await page.locator(`[data-testid="case-row"][data-reference="${flow.reference}"]`).waitFor();
    await expectAccessibleInBothLanguages(page);

    await page.goto('/mijn-werk');
    await settle(page);
    await page.getByTestId('my-cases').getByText(flow.reference).waitFor();
    // The navigation counts what waits for me, with the count explained to screen readers.
    const myWorkLink = page.getByRole('navigation', { name: /hoofdmenu|main/i }).getByRole('link', { name: /Mijn werk/ });
    await expect.poll(async () => (await myWorkLink.textContent()) ?? '').toMatch(/Mijn werk \(\d+\)/);
    await expectAccessibleInBothLanguages(page);
    // The one refusal was the version conflict the test made.
    expect(problems.filter((p) => !p.includes('409'))).toEqual([]);
  }, 300_000);

  it('the case page has no violations on a phone', async () => {
    const { page } = await openAs('aandachtsfunctionaris', caseUrl(flow.caseId), viewports.phone);
    await page.getByTestId('case-timeline').waitFor();
    await page.getByTestId('add-consultation').click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await expectAccessibleInBothLanguages(page);
  }, 120_000);

  it('the aandachtsfunctionaris changes the facts: a title too short is named at its field, the change is saved and on the timeline', async () => {
    const { page } = await openAs('aandachtsfunctionaris', caseUrl(flow.caseId));
    await page.getByTestId('facts-edit').click();
    await expect(page.locator('#facts-title').inputValue()).resolves.toBe(flow.title);
    expect((await focused(page)).id).toBe('facts-title');
    await expectAccessibleInBothLanguages(page);

    await page.locator('#facts-title').fill('ab');
    await page.getByTestId('facts-submit').click();
    await page.locator('#facts-title-error').waitFor();
    expect((await focused(page)).text).toContain('Controleer');
    await expectAccessibleInBothLanguages(page);

    const changedEvents = page.getByTestId('case-timeline').locator('li', { hasText: 'Casus gewijzigd' });
    const before = await changedEvents.count();
    flow.title = `${flow.title} (bijgewerkt)`;
    await page.locator('#facts-title').fill(flow.title);
    await page.locator('#facts-form-labour').check();
    await page.getByTestId('facts-submit').click();
    await page.getByText('De feiten zijn opgeslagen.').waitFor();
    await expect(page.getByTestId('case-title').innerText()).resolves.toContain(flow.title);
    expect((await focused(page)).text).toBe('Feiten wijzigen');
    const stored = (await (await page.context().request.get(`/api/v1/cases/${flow.caseId}`)).json()) as { title: string; forms: string[] };
    expect(stored.title).toBe(flow.title);
    expect(stored.forms).toContain('labour');
    await expect.poll(() => changedEvents.count()).toBe(before + 1);

    // Letting the case go and taking it again, next to the assignee.
    const assignee = page.getByTestId('case-assignee');
    const account = (await me(page.context())) as Awaited<ReturnType<typeof me>> & { displayName: string };
    if ((await page.getByTestId('assign-to-me').innerText()) === 'Aan mij toewijzen') await page.getByTestId('assign-to-me').click();
    await page.getByTestId('assign-to-me').getByText('Niet meer aan mij toewijzen').waitFor();
    await page.getByTestId('assign-to-me').click();
    await assignee.getByText('Niemand').waitFor();
    await page.getByTestId('assign-to-me').getByText('Aan mij toewijzen').waitFor();
    await page.getByTestId('assign-to-me').click();
    await assignee.getByText(account.displayName).waitFor();
    expect(((await (await page.context().request.get(`/api/v1/cases/${flow.caseId}`)).json()) as { assignedTo: { id: string } }).assignedTo.id).toBe(account.id);
  }, 120_000);

  it('the ketenregisseur assigns the case to a colleague from the list of those who may work on it, and back', async () => {
    const { page, context, problems } = await openAs('ketenregisseur', caseUrl(flow.caseId));
    const account = (await me(context)) as Awaited<ReturnType<typeof me>> & { displayName: string };
    const assignee = page.getByTestId('case-assignee');
    const before = ((await (await context.request.get(`/api/v1/cases/${flow.caseId}`)).json()) as { assignedTo: { id: string; displayName: string } }).assignedTo;
    await page.getByTestId('assign-colleague').click();
    const select = page.locator('#case-assign-colleague');
    await select.locator('option', { hasText: account.displayName }).waitFor({ state: 'attached' });
    expect((await focused(page)).id).toBe('case-assign-colleague');
    // The one assigned now is not offered again.
    expect(await select.locator('option').allInnerTexts()).not.toContain(before.displayName);
    await expectAccessibleInBothLanguages(page);

    await page.getByTestId('assign-colleague-submit').click();
    await page.locator('#case-assign-colleague-error').getByText('Collega: dit is verplicht.').waitFor();
    await select.selectOption({ label: account.displayName });
    await page.getByTestId('assign-colleague-submit').click();
    await page.getByText(`De casus is toegewezen aan ${account.displayName}.`).waitFor();
    await assignee.getByText(account.displayName).first().waitFor();
    await expectAccessibleInBothLanguages(page);

    // And back to the aandachtsfunctionaris, who goes on with the case below.
    await page.getByTestId('assign-colleague').click();
    await select.locator('option', { hasText: before.displayName }).waitFor({ state: 'attached' });
    await select.selectOption({ label: before.displayName });
    await page.getByTestId('assign-colleague-submit').click();
    await page.getByText(`De casus is toegewezen aan ${before.displayName}.`).waitFor();
    expect(((await (await context.request.get(`/api/v1/cases/${flow.caseId}`)).json()) as { assignedTo: { id: string } }).assignedTo.id).toBe(before.id);
    expect(problems).toEqual([]);
  }, 120_000);

  it('the ketenregisseur opens a track and adds an action with an owner and a due date, then refers for acute care', async () => {
    const { page, context, problems } = await openAs('ketenregisseur', caseUrl(flow.caseId));
    const account = await me(context);
    const police = await organisationOfType(context, account.region, 'police');
    await page.getByTestId('open-track').click();
    await page.locator('#track-kind').selectOption('care-criminal');
    await page.locator('#track-owner').selectOption(police.id);
    await page.locator('#track-note').fill('Politie onderzoekt; zorg via ZVH.');
    await page.getByTestId('track-submit').click();
    const track = page.locator('[data-testid="track"][data-kind="care-criminal"]');
    await track.waitFor();
    await expect(track.textContent()).resolves.toContain(police.name);

    await track.getByTestId('add-action').click();
    await track.locator('[id$="-action-description"]').fill('Verhoor plannen met tolk');
    await track.locator('select[id$="-action-owner"]').selectOption(police.id);
    await track.locator('input[id$="-action-due"]').fill(isoDay(-3));
    await track.getByTestId('action-submit').click();
    await track.locator('[id$="-action-due-error"]').waitFor();
    await expect(track.locator('[id$="-action-due-error"]').textContent()).resolves.toContain('kies vandaag of een latere datum');
    await expectAccessibleInBothLanguages(page);
    await track.locator('input[id$="-action-due"]').fill(isoDay(7));
    await track.getByTestId('action-submit').click();
    const action = track.getByTestId('action-row').filter({ hasText: 'Verhoor plannen met tolk' });
    await action.waitFor();
    await expect(action.textContent()).resolves.toContain(police.name);

    // Moving its due date, in the row: not into the past; the timeline names the date it replaces.
    await action.getByTestId('action-move').click();
    const due = action.locator('input[type="date"]');
    expect((await focused(page)).id).toMatch(/^action-.+-due$/);
    await due.fill(isoDay(-1));
    await action.getByTestId('action-move-submit').click();
    await action.locator('[id$="-due-error"]').waitFor();
    await expectAccessibleInBothLanguages(page);
    await due.fill(isoDay(14));
    await action.getByTestId('action-move-submit').click();
    await track.getByText('De termijn van de actie is verzet.').waitFor();
    const moved = (await (await context.request.get(`/api/v1/cases/${flow.caseId}`)).json()) as { tracks: { kind: string; actions: { description: string; dueOn: string }[] }[] };
    expect(moved.tracks.find((tr) => tr.kind === 'care-criminal')!.actions.find((a) => a.description === 'Verhoor plannen met tolk')!.dueOn).toBe(isoDay(14));
    await page.getByTestId('case-timeline').locator('li', { hasText: 'Was uiterlijk' }).first().waitFor();

    // Acute care: a care track for the zorgcoördinator, who gets access through it.
    await page.locator('#assessment-decision').selectOption('acute-care');
    await page.locator('#assessment-reason').fill('Slachtoffer heeft direct opvang nodig.');
    await page.getByTestId('assessment-submit').click();
    await page.locator('[data-testid="track"][data-kind="care"]').waitFor();
    await expect(page.locator('[data-testid="case-header"]').getAttribute('data-status')).resolves.toBe('monitoring');
    await expectAccessibleInBothLanguages(page);
    // With tracks and their action tables, on a phone: nothing wider than the screen, the tables scroll in their own box.
    await page.setViewportSize(viewports.phone);
    await page.locator('[data-testid="track"][data-kind="care-criminal"]').getByTestId('add-action').click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await expectAccessibleInBothLanguages(page);
    expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
  }, 240_000);

  it('the zorgcoördinator sees the case through the care track, with the parts not shared marked', async () => {
    const { page, problems } = await openAs('zorgcoordinator', '/casussen');
    await page.locator('[data-testid="cases-summary"][data-state="ready"]').waitFor();
    const row = page.locator(`[data-testid="case-row"][data-reference="${flow.reference}"]`);
    await row.waitFor();
    await expect(page.getByTestId('bulk-actions').count()).resolves.toBe(0);
    await expectAccessibleInBothLanguages(page);
    await row.getByRole('link', { name: flow.reference }).click();
    await page.getByTestId('case-header').waitFor();
    await settle(page);
    await expect(page.getByTestId('grant-notice').textContent()).resolves.toMatch(/tijdelijke toegang tot .+Grondslag/);
    await expect(page.getByTestId('case-enrichment-withheld').textContent()).resolves.toContain('Niet gedeeld met uw organisatie');
    await expect(page.getByTestId('case-consultations-withheld').count()).resolves.toBe(1);
    await expect(page.getByTestId('case-persons').textContent()).resolves.toContain('Piotr (fictief)');
    await expect(page.getByTestId('assessment-form').count()).resolves.toBe(0);
    await expectAccessibleInBothLanguages(page);
    expect(problems).toEqual([]);
  }, 120_000);

  it('bulk: the ketenregisseur finds the case by search, assigns it to themself and exports it as CSV', async () => {
    const { page, problems } = await openAs('ketenregisseur', '/casussen');
    await page.locator('[data-testid="cases-summary"][data-state="ready"]').waitFor();
    await page.locator('#cases-search').fill(flow.title);
    await page.getByTestId('cases-search-submit').click();
    await page.locator('[data-testid="cases-summary"][data-state="ready"][data-mode="search"]').waitFor();
    // The search text never lands in the address.
    expect(page.url()).not.toContain('Havenstraat');
    const row = page.locator(`[data-testid="case-row"][data-reference="${flow.reference}"]`);
    await row.getByRole('checkbox').check();
    await expect(page.getByTestId('bulk-count').textContent()).resolves.toBe('1 casus geselecteerd.');
    await page.getByTestId('bulk-assign-me').click();
    const results = page.getByTestId('bulk-results');
    await results.waitFor();
    await expect(results.locator('li[data-outcome="done"]').textContent()).resolves.toContain(flow.reference);
    await expectAccessibleInBothLanguages(page);

    await page.getByTestId('bulk-export').click();
    await page.getByTestId('bulk-export-submit').click();
    await page.locator('#bulk-export-purpose-error').waitFor();
    await page.locator('#bulk-export-purpose').fill('Voorbereiding weeg- en monitortafel');
    await expectAccessibleInBothLanguages(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulk-export-submit').click()]);
    expect(download.suggestedFilename()).toMatch(/^casussen-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain('referentie;titel;status');
    expect(csv).toContain(flow.reference);
    await expect(page.getByTestId('export-notice').textContent()).resolves.toContain('1 casus geëxporteerd');
    await expectAccessibleInBothLanguages(page);
    expect(problems).toEqual([]);

    await page.goto('/mijn-werk');
    await settle(page);
    await page.getByTestId('my-actions').waitFor({ state: 'attached' }).catch(() => undefined);
    await page.getByTestId('my-cases').getByText(flow.reference).waitFor();
  }, 240_000);

  it('closing with open tracks names them; after the tracks are closed the case closes', async () => {
    const { page, problems } = await openAs('ketenregisseur', caseUrl(flow.caseId));
    await page.getByTestId('close-case').click();
    await page.locator('#close-case-code').selectOption('tracks-completed');
    await page.locator('#close-case-reason').fill('Alle sporen afgerond; cliënt is veilig gehuisvest.');
    await page.getByTestId('close-case-submit').click();
    const refusal = page.getByTestId('open-tracks-problem');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('er lopen nog sporen');
    await expect(refusal.locator('li').count()).resolves.toBe(2);
    await expectAccessibleInBothLanguages(page);

    for (const kind of ['care-criminal', 'care']) {
      const track = page.locator(`[data-testid="track"][data-kind="${kind}"]`);
      const done = track.getByTestId('action-done');
      if ((await done.count()) > 0) {
        await done.first().click();
        await track.locator('[data-testid="action-row"][data-status="done"]').first().waitFor();
      }
      await track.getByTestId('close-track').click();
      await track.locator('[id$="-close-reason"]').fill('Afgerond.');
      await track.getByTestId('track-close-submit').click();
      await page.locator(`[data-testid="track"][data-kind="${kind}"][data-status="closed"]`).waitFor();
    }
    // The close form kept what was typed.
    await expect(page.locator('#close-case-reason').inputValue()).resolves.toBe('Alle sporen afgerond; cliënt is veilig gehuisvest.');
    await page.getByTestId('close-case-submit').click();
    await page.locator('[data-testid="case-header"][data-status="closed"]').waitFor();
    await expect(page.getByTestId('case-closed').textContent()).resolves.toContain('Alle sporen afgerond');
    await expect(page.getByTestId('close-case').count()).resolves.toBe(0);
    await expectAccessibleInBothLanguages(page);
    expect(problems.filter((p) => !p.includes('409'))).toEqual([]);
  }, 240_000);

  it('a new signal joins a case that is already open, from the page that starts a case', async () => {
    const { page, context, problems } = await openAs('aandachtsfunctionaris', '/');
    const title = `Kapsalon Dorpsstraat ${Date.now() % 100000}`;
    const target = await startCase(suite.app, context, title);
    const signal = await signalArrives(suite.app, 'aandachtsfunctionaris', 'Fictief: dezelfde kapsalon, nu met mensen die er ook slapen.');
    await page.goto(`/signalen/${signal.id}`);
    await settle(page);
    await page.getByTestId('start-case').click();
    await page.getByTestId('join-case').waitFor();
    // Too short a text is refused on the field, without a request.
    await page.locator('#join-case-text').fill('k');
    await page.getByTestId('join-case-search').click();
    await page.locator('#join-case-text-error').waitFor();
    await page.locator('#join-case-text').fill(title);
    await page.getByTestId('join-case-search').click();
    await page.getByTestId('join-case-results').waitFor();
    // One match is chosen already; the search text was in the body, the URL holds only ids.
    await expect(page.locator(`#join-case-${target.id}`).isChecked()).resolves.toBe(true);
    expect(page.url()).not.toContain('Kapsalon');
    await shot(page, '/tmp/shots-cases', 'toevoegen-aan-casus');
    await expectAccessibleInBothLanguages(page);
    await page.getByTestId('join-case-submit').click();
    await page.waitForURL(`**/casussen/${target.id}`);
    await page.getByTestId('case-joined').waitFor();
    await expect(page.getByTestId('case-signals').textContent()).resolves.toContain(signal.reference);
    await shot(page, '/tmp/shots-cases', 'toegevoegd');
    await expectAccessibleInBothLanguages(page);
    // The signal is forwarded now: its page no longer offers to start (or join) a case.
    await page.goto(`/signalen/${signal.id}`);
    await settle(page);
    await expect(page.getByTestId('start-case').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);
});
