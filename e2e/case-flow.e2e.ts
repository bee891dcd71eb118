import type { Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './support/harness';
import {
  dbOf,
  expectAccessible,
  expectAccessibleInBothLanguages,
  isoDay,
  openAs,
  organisationOfRole,
  sessionTimes,
  settle,
  shot as shotInto,
  signalArrives,
  startCase,
} from './support/cases';

/**
 * The whole way of one signal, through the real screens and as the roles who do each step:
 * signal → case → table → tracks → closure (issue 6). The tests run in order and share `flow`.
 */

const suite = browserSuite();
const SHOTS = '/tmp/shots-case-flow';
const shot = (page: Page, name: string) => shotInto(page, SHOTS, name);
const db = () => dbOf(suite.app);
const stamp = Date.now() % 1_000_000;

const flow = {
  signal: { id: '', reference: '', municipality: '' },
  caseId: '',
  reference: '',
  title: `Loods Veerweg ${stamp}`,
  /** A case of the same municipality that is not on the agenda: the police may not see it. */
  other: { id: '', reference: '', title: `Nagelstudio Brink ${stamp}` },
  sessionId: '',
  sessionReference: '',
  police: { id: '', name: '' },
  care: { id: '', name: '' },
  decision: 'Zorgspoor via de zorgcoördinatie; politie onderzoekt de werkgever (fictief).',
  action: `Opvangplek regelen met tolk (${stamp})`,
};

const caseHeader = (page: Page) => page.getByTestId('case-header');
const agendaItem = (page: Page) => page.locator(`[data-testid="agenda-item"][data-case="${flow.reference}"]`);
const careTrack = (page: Page) => page.locator('[data-testid="track"][data-kind="care"]');

describe('signal → case → table → tracks → closure, as the roles do it', () => {
  it('1. a signal arrives through the intake in the municipality of the aandachtsfunctionaris', async () => {
    flow.signal = await signalArrives(suite.app, 'aandachtsfunctionaris', `Fictief: arbeiders slapen in een loods aan de Veerweg en werken dag en nacht (${stamp}).`);
    flow.police = await organisationOfRole(suite.app, 'tafellid');
    flow.care = await organisationOfRole(suite.app, 'zorgcoordinator');
    expect(flow.care.name).toMatch(/^Zorgcoördinatie/);
    expect(flow.signal.reference).toMatch(/^MH-\d{4}-\d{6}$/);

    // It waits in the aandachtsfunctionaris's queue as new.
    const { page, problems } = await openAs(suite, 'aandachtsfunctionaris', '/signalen');
    await page.locator('[data-testid="signals-summary"][data-state="ready"]').waitFor();
    const row = page.getByTestId('signal-row').filter({ hasText: flow.signal.reference });
    await expect(row.textContent()).resolves.toContain('Nieuw');
    await expectAccessible(page);
    expect(problems).toEqual([]);
  }, 180_000);

  it('2. the aandachtsfunctionaris starts a case from the signal, enriches it, consults the police and puts it forward to the table', async () => {
    expect(flow.signal.id, 'step 1 runs first').not.toBe('');
    const { page, context, problems } = await openAs(suite, 'aandachtsfunctionaris', `/signalen/${flow.signal.id}`);
    await page.getByTestId('signal-summary').waitFor();
    await expectAccessibleInBothLanguages(page);

    await page.getByRole('link', { name: 'Casus starten' }).click();
    await page.waitForURL(`**/casussen/nieuw?signalen=${flow.signal.id}`);
    await page.getByTestId('new-case-form').waitFor();
    await expect(page.getByTestId('new-case-signal-list').textContent()).resolves.toContain(flow.signal.reference);
    await expect(page.getByLabel('Leidende gemeente').inputValue()).resolves.toBe(flow.signal.municipality);
    await expectAccessibleInBothLanguages(page);
    await page.getByLabel('Werktitel').fill(flow.title);
    await page.getByLabel('Samenvatting').fill('Melding via het meldpunt; wijkteam kent het adres.');
    await page.getByRole('button', { name: 'Casus starten' }).click();
    await page.getByTestId('case-created').waitFor();
    await page.waitForURL(/\/casussen\/[0-9a-f-]{36}$/);
    flow.caseId = page.url().split('/').pop()!;
    flow.reference = ((await caseHeader(page).locator('.schakel-case-reference').textContent()) ?? '').trim();
    expect(flow.reference).not.toBe('');
    await expect(page.locator('main h1').textContent()).resolves.toBe(`Casus ${flow.reference}`);
    await expect(page.getByTestId('case-signals').textContent()).resolves.toContain(flow.signal.reference);
    await page.getByTestId('case-timeline').waitFor();
    await shot(page, '2-casus-gestart');
    await expectAccessibleInBothLanguages(page);

    // Enrichment: a source consulted.
    await page.getByRole('button', { name: 'Bron toevoegen' }).click();
    await page.locator('#source-check-source').selectOption('brp');
    await page.getByLabel('Geraadpleegd op').fill(isoDay(0));
    await page.getByLabel('Bevinding').fill('Negen personen ingeschreven op één adres (fictief).');
    await page.getByRole('button', { name: 'Bron opslaan' }).click();
    await page.getByTestId('source-checks').getByText('Negen personen ingeschreven op één adres (fictief).').waitFor();

    // A partner consultation: the police.
    await page.getByRole('button', { name: 'Overleg toevoegen' }).click();
    await page.locator('#consultation-organisation').selectOption({ label: flow.police.name });
    await page.locator('#consultation-summary').fill('Wijkagent bevestigt wisselende bewoners (fictief).');
    await page.getByRole('button', { name: 'Overleg opslaan' }).click();
    await page.getByTestId('consultations').getByText('Wijkagent bevestigt wisselende bewoners (fictief).').waitFor();
    await expect(page.getByTestId('consultations').textContent()).resolves.toContain(flow.police.name);

    // The assessment: to the regional table.
    await page.getByLabel('Besluit', { exact: true }).selectOption('table');
    await page.getByLabel('Onderbouwing').fill('Vermoeden versterkt na verrijking; meerdere partners nodig.');
    await page.getByTestId('assessment-submit').click();
    await page.locator('[data-testid="case-header"][data-status="put-forward"]').waitFor();
    await expect(page.getByTestId('case-decision').textContent()).resolves.toContain('Naar de weeg- en monitortafel');
    await expectAccessible(page);

    // Their work: the case is theirs until it closes.
    await page.getByRole('link', { name: 'Mijn werk' }).first().click();
    await page.waitForURL('**/mijn-werk');
    await settle(page);
    await page.getByTestId('my-cases').getByText(flow.reference).waitFor();
    await expectAccessibleInBothLanguages(page);

    // Another case of the same municipality that will not be on the agenda.
    const other = await startCase(suite.app, context, flow.other.title);
    flow.other.id = other.id;
    flow.other.reference = other.reference;
    expect(problems).toEqual([]);
  }, 420_000);

  it('3. the ketenregisseur plans a session, puts the case on the agenda from the candidates and invites the police on a legal basis', async () => {
    expect(flow.caseId, 'step 2 runs first').not.toBe('');
    const { page, problems } = await openAs(suite, 'ketenregisseur', '/weegtafel');
    await page.locator('[data-testid="sessions"][data-state="ready"]').waitFor();
    await expectAccessibleInBothLanguages(page);

    await page.getByTestId('new-session').click();
    await page.waitForURL('**/weegtafel/nieuw');
    await page.getByLabel('Datum').waitFor();
    await expectAccessibleInBothLanguages(page);
    const times = sessionTimes();
    await page.getByLabel('Datum').fill(times.date);
    await page.getByLabel('Begintijd').fill(times.start);
    await page.getByLabel('Eindtijd').fill(times.end);
    await page.getByLabel('Locatie (optioneel)').fill('Zorg- en Veiligheidshuis, zaal 3');
    await page.getByRole('button', { name: 'Bespreking plannen' }).click();
    await page.getByTestId('session').waitFor();
    await page.waitForURL(/\/weegtafel\/[0-9a-f-]{36}$/);
    flow.sessionId = page.url().split('/').pop()!;
    flow.sessionReference = ((await page.locator('main h1').textContent()) ?? '').replace('Bespreking ', '');
    expect(flow.sessionReference).toMatch(/^WT-/);

    // From the candidates: our case is there (put forward), the other one is not.
    const candidate = page.locator(`[data-testid="candidate-row"][data-case="${flow.reference}"]`);
    await candidate.waitFor();
    await expect(page.locator(`[data-testid="candidate-row"][data-case="${flow.other.reference}"]`).count()).resolves.toBe(0);
    await candidate.getByRole('checkbox').check();
    await page.getByTestId('add-candidates').click();
    await page.locator('.schakel-notice', { hasText: 'De casussen staan op de agenda.' }).waitFor();
    await expect(agendaItem(page).getByRole('link', { name: flow.reference }).getAttribute('href')).resolves.toBe(`/casussen/${flow.caseId}`);

    // The police, on the basis of the Wet politiegegevens.
    await page.locator('#invite-organisation').selectOption({ label: flow.police.name });
    await page.locator('#invite-legal-basis').selectOption('wpg');
    await page.getByRole('button', { name: 'Uitnodigen' }).click();
    await page.locator('.schakel-notice', { hasText: 'De organisatie is uitgenodigd.' }).waitFor();
    const invitation = page.getByTestId('invitation-row').filter({ hasText: flow.police.name });
    await expect(invitation.textContent()).resolves.toContain('Wet politiegegevens');
    await shot(page, '3-bespreking-gepland');
    await expectAccessibleInBothLanguages(page);

    // The case page says it is on the agenda.
    await page.goto(`/casussen/${flow.caseId}`);
    await settle(page);
    await page.locator('[data-testid="case-timeline"] li[data-kind="put-on-agenda"]').waitFor();
    expect(problems).toEqual([]);
  }, 420_000);

  it('4. the tafellid (police) sees the session, opens the case through the invitation and cannot open a case that is not on the agenda', async () => {
    expect(flow.sessionId, 'step 3 runs first').not.toBe('');
    const { page, problems } = await openAs(suite, 'tafellid', '/weegtafel');
    await page.locator('[data-testid="sessions"][data-state="ready"]').waitFor();
    const row = page.getByTestId('session-row').filter({ hasText: flow.sessionReference });
    await expect(row.textContent()).resolves.toContain('Uw organisatie is uitgenodigd');
    await expectAccessible(page);
    await row.getByRole('link', { name: flow.sessionReference }).click();
    await page.getByTestId('session').waitFor();
    await settle(page);
    await expect(agendaItem(page).getByTestId('withheld-mark').count()).resolves.toBe(0);
    await expect(page.getByTestId('candidates').count()).resolves.toBe(0);
    await expect(page.getByTestId('invite-form').count()).resolves.toBe(0);
    await expectAccessibleInBothLanguages(page);

    await agendaItem(page).getByRole('link', { name: flow.reference }).click();
    await page.waitForURL(`**/casussen/${flow.caseId}`);
    await caseHeader(page).waitFor();
    await settle(page);
    await expect(page.getByTestId('case-title').textContent()).resolves.toContain(flow.title);
    // Through the invitation's grant, with its end: the session's end plus the region's hours.
    const grant = await db()
      .selectFrom('access_grant')
      .select(['valid_until', 'legal_basis'])
      .where('record_type', '=', 'case')
      .where('record_id', '=', flow.caseId)
      .where('grantee_organisation_id', '=', flow.police.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    const session = await db().selectFrom('table_session').select('ends_at').where('id', '=', flow.sessionId).executeTakeFirstOrThrow();
    expect(new Date(grant.valid_until).getTime() - new Date(session.ends_at).getTime()).toBe(48 * 3_600_000);
    const until = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(grant.valid_until));
    const notice = (await page.getByTestId('grant-notice').textContent()) ?? '';
    expect(notice).toContain('U ziet deze casus via tijdelijke toegang tot');
    expect(notice).toContain(until);
    expect(notice).toContain('Grondslag:');
    // A partner reads: no assessment, no closing.
    await expect(page.getByTestId('assessment-form').count()).resolves.toBe(0);
    await expect(page.getByTestId('close-case').count()).resolves.toBe(0);
    await shot(page, '4-casus-tafellid');
    await expectAccessibleInBothLanguages(page);

    // A case of the same municipality that is not on the agenda: not found, nothing of it shown.
    await page.goto(`/casussen/${flow.other.id}`);
    await settle(page);
    // The same page as for a case that does not exist: nothing to retry, nothing of the case.
    await page.getByTestId('case-not-found').waitFor();
    await expect(page.locator('main h1').textContent()).resolves.toBe('Casus niet gevonden');
    await expect(page.getByRole('button', { name: 'Opnieuw proberen' }).count()).resolves.toBe(0);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).not.toContain(flow.other.title);
    expect(main).not.toContain(flow.other.reference);
    await expect(caseHeader(page).count()).resolves.toBe(0);
    await shot(page, '4-andere-casus-tafellid');
    await expectAccessibleInBothLanguages(page);
    // The one refusal is the case that is not on the agenda.
    expect(problems.filter((p) => !p.includes(`HTTP 404 for ${suite.app.baseUrl}/api/v1/cases/${flow.other.id}`) && !p.includes('status of 404'))).toEqual([]);
  }, 420_000);

  it('5. the ketenregisseur records attendance, the summary and a decision that opens a care track, marks the session held, confirms the minutes and downloads them', async () => {
    expect(flow.sessionId, 'step 3 runs first').not.toBe('');
    const { page, context, problems } = await openAs(suite, 'ketenregisseur', `/weegtafel/${flow.sessionId}`);
    await page.getByTestId('session').waitFor();

    await page.getByRole('group', { name: flow.police.name }).getByLabel('Aanwezig').check();
    await page.getByRole('button', { name: 'Aanwezigheid opslaan' }).click();
    await page.locator('.schakel-notice', { hasText: 'De aanwezigheid is opgeslagen.' }).waitFor();

    await agendaItem(page).getByRole('textbox', { name: `Samenvatting van ${flow.reference}` }).fill('Besproken: opvang via de zorgcoördinatie, politie onderzoekt de werkgever (fictief).');
    await agendaItem(page).getByRole('button', { name: 'Samenvatting opslaan' }).click();
    await page.locator('.schakel-notice', { hasText: 'De samenvatting is opgeslagen.' }).waitFor();

    const decision = agendaItem(page).getByTestId('decision-form');
    await decision.getByLabel('Besluit', { exact: true }).fill(flow.decision);
    await decision.getByRole('button', { name: 'Spoor toevoegen' }).click();
    const track = decision.getByRole('group', { name: 'Spoor 1' });
    await track.getByLabel('Soort spoor').selectOption('care');
    await track.getByLabel('Eigenaar (organisatie)').selectOption({ label: flow.care.name });
    await decision.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.locator('.schakel-notice', { hasText: 'Het besluit is vastgelegd.' }).waitFor();
    await expect(agendaItem(page).getByTestId('item-decisions').textContent()).resolves.toContain(flow.decision);
    const opened = agendaItem(page).getByTestId('open-tracks');
    await expect(opened.textContent()).resolves.toContain('Zorg');
    await expect(opened.textContent()).resolves.toContain(flow.care.name);

    await page.getByRole('button', { name: 'Markeren als gehouden' }).click();
    await page.locator('.schakel-notice', { hasText: 'gehouden' }).waitFor();
    await page.getByTestId('confirm-minutes').click();
    await page.getByRole('button', { name: 'Ja, notulen vaststellen' }).click();
    await page.locator('.schakel-notice', { hasText: 'De notulen zijn vastgesteld.' }).waitFor();
    await page.getByTestId('minutes-read-only').waitFor();
    await expect(page.getByTestId('minutes-confirmed').textContent()).resolves.not.toBe('');
    await shot(page, '5-notulen-vastgesteld');
    await expectAccessibleInBothLanguages(page);

    // The minutes, as a PDF for this reader: the case and the decision in it.
    const link = page.getByRole('link', { name: 'Notulen downloaden (PDF)' });
    const pdf = await context.request.get((await link.getAttribute('href')) ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(flow.reference);
    expect(flat).toContain('politie onderzoekt de werkgever');

    // On the case: the table's decision and the care track it opened.
    await agendaItem(page).getByRole('link', { name: flow.reference }).click();
    await page.waitForURL(`**/casussen/${flow.caseId}`);
    await settle(page);
    await careTrack(page).waitFor();
    await expect(careTrack(page).textContent()).resolves.toContain(flow.care.name);
    await page.locator('[data-testid="case-timeline"] li[data-kind="decision"]').waitFor();
    expect(problems).toEqual([]);
  }, 480_000);

  it('the aandachtsfunctionaris cannot close the case while the care track is open: the screen names the open track', async () => {
    expect(flow.caseId, 'step 2 runs first').not.toBe('');
    const { page, problems } = await openAs(suite, 'aandachtsfunctionaris', `/casussen/${flow.caseId}`);
    await careTrack(page).waitFor();
    await page.getByTestId('close-case').click();
    await page.getByLabel('Reden van sluiten').selectOption('tracks-completed');
    await page.getByLabel('Toelichting').fill('Alle sporen afgerond (te vroeg).');
    await page.getByTestId('close-case-submit').click();
    const refusal = page.getByTestId('open-tracks-problem');
    await refusal.waitFor();
    await expect(refusal.getByRole('heading').textContent()).resolves.toBe('De casus is niet gesloten: er lopen nog sporen');
    await expect(refusal.locator('li').allTextContents()).resolves.toEqual([`Zorg — ${flow.care.name}`]);
    // Focus on the refusal; its link leads to the track.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-tracks-problem');
    await expect(refusal.getByRole('link').getAttribute('href')).resolves.toBe(`#${(await careTrack(page).getAttribute('id')) ?? ''}`);
    await expect(caseHeader(page).getAttribute('data-status')).resolves.not.toBe('closed');
    await shot(page, '5b-sluiten-geweigerd');
    await expectAccessibleInBothLanguages(page);
    const status = await db().selectFrom('case_file').select('status').where('id', '=', flow.caseId).executeTakeFirstOrThrow();
    expect(status.status).not.toBe('closed');
    expect(problems.filter((p) => !p.includes('409'))).toEqual([]);
  }, 240_000);

  it('6. the zorgcoördinator sees the case through the care track, adds an action with an owner and a due date, marks it done and closes the track', async () => {
    expect(flow.caseId, 'step 5 runs first').not.toBe('');
    const { page, problems } = await openAs(suite, 'zorgcoordinator', '/casussen');
    await page.locator('[data-testid="cases-summary"][data-state="ready"]').waitFor();
    const row = page.locator(`[data-testid="case-row"][data-reference="${flow.reference}"]`);
    await row.getByRole('link', { name: flow.reference }).click();
    await page.waitForURL(`**/casussen/${flow.caseId}`);
    await caseHeader(page).waitFor();
    await settle(page);
    await expect(page.getByTestId('grant-notice').textContent()).resolves.toMatch(/tijdelijke toegang tot .+Grondslag/);
    await expect(page.getByTestId('case-enrichment-withheld').textContent()).resolves.toContain('Niet gedeeld met uw organisatie');
    await expect(page.getByTestId('source-checks').count()).resolves.toBe(0);
    await expect(page.locator('main').textContent()).resolves.not.toContain('Negen personen ingeschreven');
    await expect(page.getByTestId('assessment-form').count()).resolves.toBe(0);
    await expectAccessibleInBothLanguages(page);

    const track = careTrack(page);
    await track.getByRole('button', { name: 'Actie toevoegen' }).click();
    await track.getByLabel('Wat moet er gebeuren?').fill(flow.action);
    await track.getByLabel('Een organisatie').check();
    await track.getByLabel('Organisatie', { exact: true }).selectOption({ label: flow.care.name });
    await track.getByLabel('Uiterlijk klaar op').fill(isoDay(5));
    await track.getByRole('button', { name: 'Actie opslaan' }).click();
    const action = track.getByTestId('action-row').filter({ hasText: flow.action });
    await action.waitFor();
    await expect(action.textContent()).resolves.toContain(flow.care.name);
    await expect(action.getAttribute('data-status')).resolves.toBe('open');
    await shot(page, '6-actie-zorgcoordinator');
    await expectAccessible(page);

    // It waits in their work, for their organisation.
    await page.goto('/mijn-werk');
    await settle(page);
    await page.getByTestId('my-actions').getByText(flow.action).waitFor();
    await page.goBack();
    await settle(page);

    // The button names its action for a screen reader ("Afronden: …").
    const escaped = flow.action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await careTrack(page).getByRole('button', { name: new RegExp(`^Afronden\\s*:\\s*${escaped}$`) }).click();
    await careTrack(page).locator('[data-testid="action-row"][data-status="done"]', { hasText: flow.action }).waitFor();
    await careTrack(page).getByRole('button', { name: 'Spoor sluiten' }).click();
    await careTrack(page).getByLabel('Reden van sluiten').fill('Opvang geregeld; cliënt is veilig.');
    await careTrack(page).getByRole('button', { name: 'Spoor sluiten' }).click();
    // Saved: the track is closed, and with it the grant through which the zorgcoördinator sees the case.
    await expect.poll(async () => (await db().selectFrom('case_track').select('status').where('case_id', '=', flow.caseId).where('kind', '=', 'care').executeTakeFirstOrThrow()).status, { timeout: 30_000 }).toBe('closed');
    // The screen confirms it, and says that the organisation's access ended with its track (no "not saved", no retry).
    await page.getByTestId('case-access-ended').waitFor();
    await expect(page.locator('main').getByRole('alert').count()).resolves.toBe(0);
    await expect(page.getByTestId('case-access-ended').textContent()).resolves.toContain('Het spoor is gesloten.');
    const reason = await db().selectFrom('case_track').select('closed_reason').where('case_id', '=', flow.caseId).where('kind', '=', 'care').executeTakeFirstOrThrow();
    expect(reason.closed_reason).toBe('Opvang geregeld; cliënt is veilig.');
    await expectAccessible(page);
    expect(problems).toEqual([]);
  }, 420_000);

  it('7. the aandachtsfunctionaris closes the case with a reason; it leaves their work and the timeline tells the whole way', async () => {
    expect(flow.caseId, 'step 2 runs first').not.toBe('');
    const { page, problems } = await openAs(suite, 'aandachtsfunctionaris', '/mijn-werk');
    await page.getByTestId('my-cases').getByRole('link', { name: flow.reference }).click();
    await page.waitForURL(`**/casussen/${flow.caseId}`);
    await settle(page);
    await page.locator('[data-testid="track"][data-kind="care"][data-status="closed"]').waitFor();

    await page.getByTestId('close-case').click();
    await page.getByLabel('Reden van sluiten').selectOption('tracks-completed');
    await page.getByLabel('Toelichting').fill('Alle sporen afgerond; cliënt is veilig opgevangen.');
    await page.getByTestId('close-case-submit').click();
    await page.locator('[data-testid="case-header"][data-status="closed"]').waitFor();
    await expect(page.getByTestId('case-closed').textContent()).resolves.toContain('Alle sporen afgerond — Alle sporen afgerond; cliënt is veilig opgevangen.');
    await expect(caseHeader(page).textContent()).resolves.toContain('Gesloten');
    await expect(page.getByTestId('close-case').count()).resolves.toBe(0);

    // The timeline, newest first: every step of the way.
    const timeline = page.getByTestId('case-timeline');
    await timeline.locator('li[data-kind="closed"]').waitFor();
    const kinds = await timeline.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind') ?? ''));
    const chronological = [...kinds].reverse();
    const steps = ['created', 'source-checked', 'consulted', 'assessed', 'put-on-agenda', 'decision', 'track-opened', 'action-added', 'track-closed', 'closed'];
    for (const step of steps) expect(kinds, step).toContain(step);
    // The table's decision and the track it opens are one change: either may come first.
    const order = steps.map((step) => chronological.indexOf(step === 'track-opened' ? 'decision' : step));
    expect(order, `in order: ${chronological.join(', ')}`).toEqual([...order].sort((a, b) => a - b));
    expect(Math.abs(chronological.indexOf('decision') - chronological.indexOf('track-opened'))).toBe(1);
    for (const text of ['Casus gestart', 'Besluit genomen', 'Op de agenda van de tafel', 'Besluit van de tafel', 'Spoor geopend', 'Spoor gesloten', 'Casus gesloten']) {
      await expect(timeline.textContent(), text).resolves.toContain(text);
    }
    await expect(timeline.locator('li[data-kind="closed"]').textContent()).resolves.toContain('Alle sporen afgerond; cliënt is veilig opgevangen.');
    await shot(page, '7-casus-gesloten');
    await expectAccessibleInBothLanguages(page);

    const stored = await db().selectFrom('case_file').select('status').where('id', '=', flow.caseId).executeTakeFirstOrThrow();
    expect(stored.status).toBe('closed');

    // No longer in their work.
    await page.getByRole('link', { name: 'Mijn werk' }).first().click();
    await page.waitForURL('**/mijn-werk');
    await settle(page);
    await page.getByTestId('my-work-summary').waitFor();
    await expect(page.locator('main').textContent()).resolves.not.toContain(flow.reference);
    await expectAccessible(page);
    expect(problems).toEqual([]);
  }, 420_000);
});
