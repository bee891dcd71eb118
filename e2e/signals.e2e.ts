import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, browserSuite, type BrowserPage, demoAccount, focused, logInThroughApi, waitForPage } from './support/harness';
import { changeSignal, reportSignal, uniquePhone } from './support/signals';

const suite = browserSuite();
const HILVERSUM = 'GM0402';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** A page logged in as the demo account of `role`, opened at `path`. */
async function openAs(role: Parameters<typeof demoAccount>[1], path: string): Promise<BrowserPage> {
  const session = await suite.open('/');
  await logInThroughApi(session.context, demoAccount(suite.app, role));
  await session.page.goto(path);
  await waitForPage(session.page);
  await session.page.waitForFunction(() => document.querySelector('.schakel-loading') === null);
  return session;
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

async function waitForQueue(page: Page, search = ''): Promise<void> {
  await page.locator(`[data-testid="signals-summary"][data-state="ready"][data-search="${search}"]`).waitFor();
}

const db = () => suite.app.test.prepared.database.db;

/** Shared between the tests below, in order: what the signaleerder reported. */
const reported = { id: '', reference: '', phone: uniquePhone(), summary: `Arbeiders slapen in een loods aan de Havenstraat en werken dag en nacht (${Date.now()}).` };

describe('reporting a signal (/signalen/nieuw)', () => {
  it('a signaleerder reports a signal with a person (by keyboard only) and a location, once however often they click, and sees it under "Mijn signalen"', async () => {
    const { page, context, problems } = await openAs('signaleerder', '/signalen/nieuw');
    await page.locator('#signal-summary').waitFor();
    await expectAccessibleInBothLanguages(page);

    // Nothing filled in: the summary takes focus and links to the field.
    await page.getByTestId('send-signal').click();
    await page.locator('.schakel-error-summary').waitFor();
    expect((await focused(page)).text).toContain('Controleer het formulier');
    await expect(page.locator('.schakel-error-summary').textContent()).resolves.toContain('Beschrijving: Beschrijf wat u hebt gezien of gehoord.');
    await expectAccessibleInBothLanguages(page);

    await page.locator('#signal-summary').fill(reported.summary);
    // Only the checklists of the chosen forms show; unchoosing drops its ticks.
    await expect(page.getByTestId('checklist-labour').count()).resolves.toBe(0);
    await page.getByLabel('Arbeidsuitbuiting').check();
    await page.getByTestId('checklist-labour').waitFor();
    await page.getByLabel('Buitensporig lange werkdagen zonder rust').check();
    await page.getByLabel('Heeft een schuld bij werkgever, bemiddelaar of "vriend"').check();

    // The person, by keyboard only: the add button moves focus to the new group's first field.
    await page.getByTestId('add-persons').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="persons-group"] legend', { hasText: 'Persoon 1' }).waitFor();
    expect((await focused(page)).id).toBe('signal-persons-0-role');
    await page.keyboard.press('ArrowDown');
    for (const text of ['Piotr (fictief)', '', reported.phone, '', '34', 'Pools', '123456789']) {
      await page.keyboard.press('Tab');
      if (text) await page.keyboard.type(text);
    }
    expect((await focused(page)).id).toBe('signal-persons-0-bsn');
    await expect(page.locator('#signal-persons-0-role').inputValue()).resolves.toBe('victim');
    await expect(page.locator('#signal-persons-0-phone').inputValue()).resolves.toBe(reported.phone);

    await page.getByTestId('add-locations').click();
    await page.locator('#signal-locations-0-street').fill('Havenstraat');
    await page.locator('#signal-locations-0-houseNumber').fill('12');
    await page.locator('#signal-locations-0-postcode').fill('1211 AB');
    await page.locator('#signal-locations-0-place').fill('Hilversum');
    await page.locator('#signal-attachments').setInputFiles({ name: 'foto-loods.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('attachment-list').getByRole('button', { name: 'foto-loods.png verwijderen' }).waitFor();

    // The BSN fails the elfproef: the error sits on the field and in the summary, which links to it.
    await page.getByTestId('send-signal').click();
    const summary = page.locator('.schakel-error-summary');
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain('Persoon 1, BSN: Dit is geen geldig BSN');
    await expect(page.locator('#signal-persons-0-bsn-error').textContent()).resolves.toContain('Dit is geen geldig BSN');
    await summary.getByRole('link').first().click();
    expect((await focused(page)).id).toBe('signal-persons-0-bsn');
    await expectAccessibleInBothLanguages(page);
    await page.locator('#signal-persons-0-bsn').fill('111222333');

    // What only the server refuses (a one-letter top-level domain) comes back on the same field.
    await page.locator('#signal-persons-0-email').fill('piotr@loods.x');
    await page.getByTestId('send-signal').click();
    await page.locator('#signal-persons-0-email-error').waitFor();
    await expect(summary.textContent()).resolves.toContain('Persoon 1, E-mailadres: Vul een e-mailadres in');
    expect((await focused(page)).text).toContain('Controleer het formulier');
    await page.locator('#signal-persons-0-email').fill('');

    // A double click sends one signal: the same submissionId, and the form waits for the answer.
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/signals')) posts.push(request.postData() ?? '');
    });
    await page.getByTestId('send-signal').dblclick();
    await page.getByTestId('signal-receipt').waitFor();
    reported.reference = ((await page.getByTestId('signal-reference').textContent()) ?? '').trim();
    expect(reported.reference).toMatch(/^MH-\d{4}-\d{6}$/);
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(new Set(posts.map((body) => JSON.parse(body).submissionId)).size).toBe(1);
    const stored = await db().selectFrom('signal').select(['id', 'reference']).where('summary', '=', reported.summary).execute();
    expect(stored).toEqual([{ id: expect.any(String), reference: reported.reference }]);
    reported.id = stored[0]!.id;
    expect((await focused(page)).text).toContain('Het signaal is ontvangen');
    await expectAccessibleInBothLanguages(page);

    // The reporter may read their signal but not triage it: no actions offered.
    await page.getByTestId('receipt-open').click();
    await page.getByTestId('signal-summary').waitFor();
    await expect(page.getByTestId('signal-summary').textContent()).resolves.toBe(reported.summary);
    await expect(page.getByTestId('signal-municipalities').textContent()).resolves.toContain('Hilversum (afgeleid uit adres)');
    await expect(page.getByTestId('signal-person').textContent()).resolves.toContain('111222333');
    await expect(page.getByTestId('triage').count()).resolves.toBe(0);
    const download = (await page.getByTestId('signal-attachments').getByRole('link').getAttribute('href')) ?? '';
    const file = await context.request.get(download);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-disposition']).toContain('attachment');
    await page.locator('[data-testid="duplicates"] [data-state], [data-testid="no-duplicates"], [data-testid="duplicates-table"]').first().waitFor();
    await expectAccessibleInBothLanguages(page);

    await page.getByRole('link', { name: 'Mijn signalen' }).click();
    await waitForQueue(page);
    await expect(page.locator('main h1').textContent()).resolves.toBe('Mijn signalen');
    // The demo data gives this reporter years of signals; the new ones are easy to find.
    await page.locator('#queue-status').selectOption('new');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await waitForQueue(page, '?status=new');
    const row = page.getByTestId('signal-row').filter({ hasText: reported.reference });
    await expect(row.textContent()).resolves.toContain('Nieuw');
    await expectAccessibleInBothLanguages(page);
    // The one refusal was the e-mail address the server checked.
    expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);
  }, 360_000);
});

describe('triage (/signalen and /signalen/:id)', () => {
  it('a ketenregisseur finds the signal in the queue, links a likely duplicate with a reason, sets the municipalities and closes another with a reason', async () => {
    expect(reported.id, 'the reporting test runs first').not.toBe('');
    const { page, context, problems } = await openAs('ketenregisseur', '/signalen');
    const related = await reportSignal(context, { summary: 'Een busje haalt elke ochtend om vijf uur mensen op bij de loods.', persons: [{ role: 'witness', phone: reported.phone }] });
    const other = await reportSignal(context, { summary: 'Buren horen vaak geschreeuw in de loods aan de Havenstraat.', persons: [{ role: 'other', phone: reported.phone }] });
    await reportSignal(context, { summary: 'Acuut: een man zegt dat hij vanavond naar een ander adres wordt gebracht.', acute: true });
    await page.reload();
    await waitForQueue(page);
    await expect(page.locator('main h1').textContent()).resolves.toBe('Signalen');
    // Acute first, each said in words with an icon beside the colour.
    const acute = await page.getByTestId('signal-row').evaluateAll((rows) => rows.map((row) => row.querySelector('[data-testid="acute-mark"]')?.textContent ?? ''));
    expect(acute.length).toBeGreaterThan(0);
    expect(acute.indexOf('')).not.toBe(0);
    expect(acute.slice(acute.indexOf('') === -1 ? acute.length : acute.indexOf(''))).not.toContain('Acuut');
    await expect(page.locator('[data-testid="acute-mark"] svg').count()).resolves.toBe(acute.filter(Boolean).length);
    await expectAccessibleInBothLanguages(page);

    await page.locator('#queue-municipality').selectOption(HILVERSUM);
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(`**/signalen?gemeente=${HILVERSUM}`);
    await waitForQueue(page, `?gemeente=${HILVERSUM}`);
    // Codes only in the address: no names, phone numbers or text.
    expect(page.url()).not.toMatch(/Piotr|Havenstraat|06-/);
    const row = page.getByTestId('signal-row').filter({ hasText: reported.reference });
    await expect(row.getByTestId('duplicate-mark').count()).resolves.toBe(1);
    await expectAccessibleInBothLanguages(page);

    await row.getByRole('link', { name: reported.reference }).click();
    await page.waitForURL(`**/signalen/${reported.id}`);
    const duplicates = page.getByTestId('duplicate-row');
    await duplicates.first().waitFor();
    await expect(page.getByTestId('duplicates-table').textContent()).resolves.toContain(related.reference);
    await expect(page.getByTestId('duplicates-table').textContent()).resolves.toContain(other.reference);
    await expect(duplicates.filter({ hasText: related.reference }).textContent()).resolves.toContain('zelfde telefoonnummer');
    await expectAccessibleInBothLanguages(page);

    // Merging explains what it does and asks again; cancel returns focus to the button.
    await page.getByTestId(`merge-${other.reference}`).click();
    const form = page.getByTestId('link-form');
    await form.waitFor();
    expect((await focused(page)).text).toContain(`${reported.reference} samenvoegen in ${other.reference}?`);
    await expect(form.textContent()).resolves.toContain('Dit kan niet ongedaan worden gemaakt.');
    await expectAccessibleInBothLanguages(page);
    await form.getByRole('button', { name: 'Annuleren' }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid')?.startsWith('merge-') === true);

    // Linking needs a reason.
    await page.getByTestId(`related-${related.reference}`).click();
    await form.waitFor();
    await page.getByTestId('link-confirm').click();
    await page.locator('#link-reason-error').waitFor();
    await expectAccessibleInBothLanguages(page);
    await page.locator('#link-reason').fill('Zelfde telefoonnummer en dezelfde loods.');
    await page.getByTestId('link-confirm').click();
    await page.locator('main', { hasText: 'Het signaal is gekoppeld.' }).waitFor();
    await expect(page.getByTestId('signal-links').textContent()).resolves.toContain(related.reference);
    await expect(page.getByTestId('signal-links').textContent()).resolves.toContain('Zelfde telefoonnummer en dezelfde loods.');
    await expect(duplicates.filter({ hasText: related.reference }).textContent()).resolves.toContain('Al gekoppeld');
    await page.getByTestId('timeline').getByText('Reden: Zelfde telefoonnummer en dezelfde loods.').waitFor();
    expect((await focused(page)).text).toBe('Het signaal is gekoppeld.');

    // The municipality: Huizen as well (chosen, no longer only derived).
    await page.getByTestId('triage').getByLabel('Huizen').check();
    await page.getByTestId('triage-save').click();
    await page.locator('main', { hasText: 'De wijzigingen zijn opgeslagen.' }).waitFor();
    await expect(page.getByTestId('signal-municipalities').textContent()).resolves.toContain('Huizen');
    const codes = await db().selectFrom('signal_municipality').select('municipality_code').where('signal_id', '=', reported.id).orderBy('municipality_code').execute();
    expect(codes.map((c) => c.municipality_code)).toEqual([HILVERSUM, 'GM0406']);
    await page.getByTestId('timeline').getByText('Gemeenten: Hilversum, Huizen').waitFor();
    await expectAccessibleInBothLanguages(page);

    // Close the other one, with a reason.
    await page.getByTestId('duplicates-table').getByRole('link', { name: other.reference }).click();
    await page.waitForURL(`**/signalen/${other.id}`);
    await page.getByTestId('triage').waitFor();
    await page.locator('#triage-status').selectOption('closed');
    await page.getByTestId('triage-save').click();
    await page.locator('#triage-reason-error').waitFor();
    expect((await focused(page)).text).toContain('Controleer het formulier');
    await expectAccessibleInBothLanguages(page);
    await page.locator('#triage-reason').fill('Zelfde situatie als het gekoppelde signaal; daar verder behandeld.');
    await page.getByTestId('triage-save').click();
    await page.locator('[data-testid="signal-marks"][data-status="closed"]').waitFor();
    await expect(page.getByTestId('signal-details').textContent()).resolves.toContain('Zelfde situatie als het gekoppelde signaal');
    await expect(page.getByTestId('triage').count()).resolves.toBe(0);
    const closed = await db().selectFrom('signal').select(['status', 'closed_reason']).where('id', '=', other.id).executeTakeFirstOrThrow();
    expect(closed).toEqual({ status: 'closed', closed_reason: 'Zelfde situatie als het gekoppelde signaal; daar verder behandeld.' });
    await expectAccessibleInBothLanguages(page);
    expect(problems).toEqual([]);
  }, 360_000);

  it('says so when someone else changed the signal in the meantime, and reloads it on request', async () => {
    const { page, context, problems } = await openAs('ketenregisseur', '/');
    const signal = await reportSignal(context, { summary: 'Een meisje van ongeveer vijftien wordt elke avond opgehaald bij het station.', forms: ['sexual'] });
    await page.goto(`/signalen/${signal.id}`);
    await page.getByTestId('triage').waitFor();
    await expect(page.getByTestId('signal-marks').getAttribute('data-version')).resolves.toBe('1');

    // Another person, in another session, makes it acute.
    const colleague = await suite.open('/');
    await logInThroughApi(colleague.context, demoAccount(suite.app, 'ketenregisseur'));
    await changeSignal(colleague.context, signal.id, { acute: true });

    await page.locator('#triage-status').selectOption('in-triage');
    await page.getByTestId('triage-save').click();
    const conflict = page.getByTestId('version-conflict');
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toContain('Intussen gewijzigd');
    expect((await focused(page)).text).toContain('Iemand anders heeft dit signaal gewijzigd');
    await expectAccessibleInBothLanguages(page);
    const unchanged = await db().selectFrom('signal').select(['status', 'acute', 'version']).where('id', '=', signal.id).executeTakeFirstOrThrow();
    expect(unchanged).toEqual({ status: 'new', acute: true, version: 2 });

    await conflict.getByRole('button', { name: 'Signaal opnieuw laden' }).click();
    await page.locator('[data-testid="signal-marks"][data-version="2"]').waitFor();
    await expect(conflict.count()).resolves.toBe(0);
    await expect(page.locator('#triage-acute').isChecked()).resolves.toBe(true);
    await expect(page.getByTestId('signal-marks').textContent()).resolves.toContain('Acuut');
    // The 409 is the point of this test; nothing else may go wrong.
    expect(problems.filter((problem) => !problem.includes('409'))).toEqual([]);
  }, 120_000);
});
