import { describe, expect, it } from 'vitest';
import { zonedIso } from '@web/modules/weegtafel/weegtafel.rules';
import { apiCall, expectAccessibleInBothLanguages, isoDay, municipalityOf, openAs as openAsIn, organisationOfType, putForwardCase as putForward, sessionTimes, shot as shotIn } from './support/cases';
import { browserSuite, demoAccount, focused, viewports } from './support/harness';

const suite = browserSuite();
const SHOTS = '/tmp/shots-weegtafel';
const db = () => suite.app.test.prepared.database.db;
const region = () => suite.app.test.config.SCHAKEL_REGION;
const openAs = (role: Parameters<typeof demoAccount>[1], path: string, viewport?: { width: number; height: number }) => openAsIn(suite, role, path, viewport);
const shot = (page: Parameters<typeof shotIn>[0], name: string) => shotIn(page, SHOTS, name);
const putForwardCase = (context: Parameters<typeof putForward>[1], title: string) => putForward(suite.app, context, title);
const organisationOf = (type: string) => organisationOfType(suite.app, type);
const demoAccountOf = (role: Parameters<typeof demoAccount>[1]) => demoAccount(suite.app, role);

const shared = { sessionId: '', reference: '', cases: [] as { id: string; reference: string }[] };

describe('the weeg- en monitortafel (/weegtafel)', () => {
  it('the ketenregisseur plans a session, composes the agenda from candidates, invites the police on a legal basis, records the meeting and confirms the minutes', async () => {
    // Cases put forward by the aandachtsfunctionaris (the demo may have none yet).
    const af = await openAs('aandachtsfunctionaris', '/');
    const stamp = Date.now();
    shared.cases = [await putForwardCase(af.context, `Loods Havenweg ${stamp}`), await putForwardCase(af.context, `Nagelstudio Kerkstraat ${stamp}`)];
    await af.context.close();

    const { page, context, problems } = await openAs('ketenregisseur', '/weegtafel');
    await page.locator('[data-testid="sessions"][data-state="ready"]').waitFor();
    await expect(page.locator('main h1').textContent()).resolves.toBe('Weeg- en monitortafel');
    await shot(page, 'lijst');
    await expectAccessibleInBothLanguages(page);

    // Plan: nothing filled in first, then a session that runs now.
    await page.getByTestId('new-session').click();
    await page.locator('#session-date').waitFor();
    await page.locator('#session-start').fill('');
    await page.getByTestId('create-session').click();
    await page.locator('.schakel-error-summary').waitFor();
    expect((await focused(page)).text).toContain('Controleer het formulier');
    await expect(page.locator('#session-date-error').textContent()).resolves.toContain('Vul de datum in.');
    await shot(page, 'nieuw-fouten');
    await expectAccessibleInBothLanguages(page);
    const times = sessionTimes();
    await page.locator('#session-date').fill(times.date);
    await page.locator('#session-start').fill(times.start);
    await page.locator('#session-end').fill(times.end);
    await page.locator('#session-location').fill('Zorg- en Veiligheidshuis, zaal 2');
    await page.getByTestId('create-session').click();
    await page.getByTestId('session').waitFor();
    shared.sessionId = page.url().split('/').pop() ?? '';
    shared.reference = ((await page.locator('main h1').textContent()) ?? '').replace('Bespreking ', '');
    expect(shared.reference).toMatch(/^WT-/);

    // Candidates: select the two new cases and add them in one go.
    await page.getByTestId('candidates-table').waitFor();
    for (const c of shared.cases) await page.locator(`[data-testid="candidate-row"][data-case="${c.reference}"] input[type="checkbox"]`).check();
    await page.getByTestId('add-candidates').click();
    await page.locator('.schakel-notice', { hasText: 'De casussen staan op de agenda.' }).waitFor();
    for (const c of shared.cases) {
      const item = page.locator(`[data-testid="agenda-item"][data-case="${c.reference}"]`);
      await expect(item.getByRole('link', { name: c.reference }).getAttribute('href')).resolves.toBe(`/casussen/${c.id}`);
    }

    // An organisation without a recorded legal basis: the 422 lands on the field.
    const recorded = new Set((await db().selectFrom('partner_legal_basis').select('organisation_id').where('region_code', '=', region()).execute()).map((r) => r.organisation_id));
    const police = await organisationOf('police');
    const without = (await db().selectFrom('organisation').select(['id', 'name']).where('region_code', '=', region()).orderBy('name').execute()).find((o) => !recorded.has(o.id) && o.id !== police.id);
    if (without) {
      await page.locator('#invite-organisation').selectOption(without.id);
      await page.locator('#invite-legal-basis').selectOption('');
      // A municipality starts with only its own cases (none may be on this agenda): the whole agenda here.
      await page.locator('#invite-cases-all').check();
      await page.getByTestId('invite').click();
      await page.locator('#invite-legal-basis-error').waitFor();
      await expect(page.locator('#invite-legal-basis-error').textContent()).resolves.toContain('heeft zelf geen grondslag vastgelegd');
      expect((await focused(page)).text).toContain('Controleer het formulier');
      await shot(page, 'bespreking-fout-grondslag');
      await expectAccessibleInBothLanguages(page);
    }
    await page.locator('#invite-organisation').selectOption(police.id);
    await page.locator('#invite-legal-basis').selectOption('wpg');
    await page.getByTestId('invite').click();
    await page.locator('.schakel-notice', { hasText: 'De organisatie is uitgenodigd.' }).waitFor();
    await expect(page.getByTestId('invitations-table').textContent()).resolves.toContain(police.name);
    await expect(page.getByTestId('invitations-table').textContent()).resolves.toContain('Wet politiegegevens');

    // Attendance, a summary and a decision that opens a care track.
    await page.locator(`#attendance-${police.id}-present`).check();
    await page.getByTestId('save-attendance').click();
    await page.locator('.schakel-notice', { hasText: 'De aanwezigheid is opgeslagen.' }).waitFor();
    const first = page.locator(`[data-testid="agenda-item"][data-case="${shared.cases[0]!.reference}"]`);
    await first.locator('textarea[id^="summary-"]').fill('Besproken: zorgspoor via de zorgcoördinator, politie onderzoekt de werkgever.');
    await first.getByTestId('save-summary').click();
    await page.locator('.schakel-notice', { hasText: 'De samenvatting is opgeslagen.' }).waitFor();
    const care = await organisationOf('care-coordination');
    await first.locator('textarea[id$="-text"]').fill('Zorgspoor via de zorgcoördinator.');
    await first.getByTestId('add-track').click();
    await first.getByTestId('save-decision').click();
    // A track without kind and owner: named on its fields, and in the summary.
    await first.locator('[id$="-tracks-0-kind-error"]').waitFor();
    await expect(first.locator('.schakel-error-summary').textContent()).resolves.toContain('Spoor 1, Soort spoor: Kies de soort spoor.');
    await first.locator('select[id$="-tracks-0-kind"]').selectOption('care');
    await first.locator('select[id$="-tracks-0-ownerOrganisationId"]').selectOption(care.id);
    await first.getByTestId('save-decision').click();
    await page.locator('.schakel-notice', { hasText: 'Het besluit is vastgelegd.' }).waitFor();
    await expect(first.getByTestId('item-decisions').textContent()).resolves.toContain('Zorgspoor via de zorgcoördinator.');
    await expect(first.getByTestId('open-tracks').textContent()).resolves.toContain('Zorg');
    await shot(page, 'bespreking-voorzitter');
    await expectAccessibleInBothLanguages(page);

    // A second tab that still shows the session before the confirmation.
    const stale = await openAs('ketenregisseur', `/weegtafel/${shared.sessionId}`);
    await stale.page.getByTestId('session').waitFor();

    await page.getByTestId('mark-held').click();
    await page.locator('.schakel-notice', { hasText: 'gehouden' }).waitFor();
    await page.getByTestId('confirm-minutes').click();
    await page.getByTestId('confirm-minutes-confirm').click();
    await page.locator('.schakel-notice', { hasText: 'De notulen zijn vastgesteld.' }).waitFor();
    await page.getByTestId('minutes-read-only').waitFor();
    await expect(page.getByTestId('summary-form').count()).resolves.toBe(0);
    await expect(page.getByTestId('decision-form').count()).resolves.toBe(0);
    await expect(first.getByTestId('item-summary').textContent()).resolves.toContain('zorgspoor via de zorgcoördinator');

    await page.locator('#amendment-text').fill('Correctie: het zorgspoor ligt bij Veilig Thuis (fictief).');
    await page.getByTestId('add-amendment').click();
    await page.locator('.schakel-notice', { hasText: 'Het amendement is toegevoegd.' }).waitFor();
    await expect(page.getByTestId('amendment').first().textContent()).resolves.toContain('Correctie: het zorgspoor ligt bij Veilig Thuis');
    await shot(page, 'bespreking-vastgesteld');
    await expectAccessibleInBothLanguages(page);

    // The stale tab tries to save a summary: the session is closed, said at the top, nothing saved.
    await stale.page.locator('textarea[id^="summary-"]').first().fill('Te laat.');
    await stale.page.getByTestId('save-summary').first().click();
    await stale.page.locator('[data-testid="session-conflict"][data-kind="closed"]').waitFor();
    expect((await focused(stale.page)).text).toContain('De bespreking kan niet meer worden gewijzigd');
    await shot(stale.page, 'bespreking-gesloten-conflict');
    await expectAccessibleInBothLanguages(stale.page);
    await stale.page.getByRole('button', { name: 'Pagina opnieuw laden' }).click();
    await stale.page.getByTestId('minutes-read-only').waitFor();

    // The agenda PDF, for this reader.
    const href = (await page.getByTestId('agenda-pdf').getAttribute('href')) ?? '';
    const pdf = await context.request.get(href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');

    const unexpected = (list: string[]) => list.filter((p) => !p.includes('HTTP 400') && !p.includes('HTTP 422') && !p.includes('HTTP 409') && !p.includes('status of 4'));
    expect(unexpected(problems)).toEqual([]);
    expect(unexpected(stale.problems)).toEqual([]);
  }, 600_000);

  it('the session page works at 390 px wide', async () => {
    expect(shared.sessionId, 'the first test runs first').not.toBe('');
    const { page, problems } = await openAs('ketenregisseur', `/weegtafel/${shared.sessionId}`, viewports.phone);
    await page.getByTestId('session').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'bespreking-telefoon');
    await expectAccessibleInBothLanguages(page);
    expect(problems).toEqual([]);
  }, 180_000);

  it('the tafellid (police) sees the session and its cases while invited, and gets the agenda PDF', async () => {
    expect(shared.sessionId, 'the first test runs first').not.toBe('');
    const { page, context, problems } = await openAs('tafellid', '/weegtafel');
    await page.locator('[data-testid="sessions"][data-state="ready"]').waitFor();
    await expect(page.getByTestId('new-session').count()).resolves.toBe(0);
    const row = page.getByTestId('session-row').filter({ hasText: shared.reference });
    await expect(row.textContent()).resolves.toContain('Uw organisatie is uitgenodigd');
    await expectAccessibleInBothLanguages(page);
    await row.getByRole('link', { name: shared.reference }).click();
    await page.getByTestId('session').waitFor();
    for (const c of shared.cases) {
      const item = page.locator(`[data-testid="agenda-item"][data-case="${c.reference}"]`);
      await expect(item.getByTestId('withheld-mark').count()).resolves.toBe(0);
      await expect(item.getByRole('link', { name: c.reference }).getAttribute('href')).resolves.toBe(`/casussen/${c.id}`);
    }
    // A partner reads; nothing to compose or record.
    await expect(page.getByTestId('candidates').count()).resolves.toBe(0);
    await expect(page.getByTestId('invite-form').count()).resolves.toBe(0);
    await expect(page.getByTestId('amendment-form').count()).resolves.toBe(0);
    await expect(page.getByTestId('amendment').first().textContent()).resolves.toContain('Correctie');
    await shot(page, 'bespreking-tafellid');
    await expectAccessibleInBothLanguages(page);
    const href = (await page.getByTestId('agenda-pdf').getAttribute('href')) ?? '';
    const pdf = await context.request.get(href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect(problems).toEqual([]);
  }, 240_000);

  it('the ketenregisseur moves a planned session and then cancels it; the invited police hear of both and lose access', async () => {
    const af = await openAs('aandachtsfunctionaris', '/');
    const kase = await putForwardCase(af.context, `Woning Molenweg ${Date.now()}`);
    await af.context.close();
    const { page, context, problems } = await openAs('ketenregisseur', '/weegtafel');
    const police = await organisationOf('police');
    const day = isoDay(14);
    const planned = await apiCall<{ id: string }>(context, 'POST', '/api/v1/table-sessions', { startsAt: zonedIso(day, '09:00'), endsAt: zonedIso(day, '12:00'), location: 'ZVH, zaal 1' });
    await apiCall(context, 'POST', `/api/v1/table-sessions/${planned.id}/agenda-items`, { caseId: kase.id, kind: 'discussion' });
    await apiCall(context, 'POST', `/api/v1/table-sessions/${planned.id}/invitations`, { organisationId: police.id, legalBasis: 'wpg' });
    const before = await apiCall<{ grantsUntil: string; endsAt: string }>(context, 'GET', `/api/v1/table-sessions/${planned.id}`);
    await page.goto(`/weegtafel/${planned.id}`);
    await page.getByTestId('session-schedule').waitFor();
    await expectAccessibleInBothLanguages(page);

    // The municipality is invited for its own case only: choosing it chooses its cases.
    const municipality = await db().selectFrom('organisation').select(['id', 'name']).where('region_code', '=', region()).where('municipality_code', '=', await municipalityOf(suite.app, 'aandachtsfunctionaris')).executeTakeFirstOrThrow();
    await page.locator('#invite-organisation').selectOption(municipality.id);
    await page.locator('#invite-legal-basis').selectOption('avg-6-1-e');
    await expect(page.locator('#invite-cases-some').isChecked()).resolves.toBe(true);
    await expect(page.locator(`#invite-case-${kase.id}`).isChecked()).resolves.toBe(true);
    await page.locator(`#invite-case-${kase.id}`).uncheck();
    await page.getByTestId('invite').click();
    await page.locator('#invite-cases-error').waitFor();
    await expectAccessibleInBothLanguages(page);
    await page.locator(`#invite-case-${kase.id}`).check();
    await page.getByTestId('invite').click();
    await page.locator('.schakel-notice', { hasText: 'De organisatie is uitgenodigd.' }).waitFor();
    await expect(page.getByTestId('invitation-row').filter({ hasText: municipality.name }).textContent()).resolves.toContain('Alleen voor 1 casus');

    // Move it a week on: the form starts from the session as it is; the grants move with it.
    await page.getByTestId('move-session').click();
    expect((await focused(page)).id).toBe('move-date');
    await expect(page.locator('#move-date').inputValue()).resolves.toBe(day);
    await expect(page.locator('#move-start').inputValue()).resolves.toBe('09:00');
    await page.locator('#move-end').fill('08:00');
    await page.getByTestId('move-session-submit').click();
    await page.locator('#move-end-error').waitFor();
    await shot(page, 'verzetten-fout');
    await expectAccessibleInBothLanguages(page);
    await page.locator('#move-date').fill(isoDay(21));
    await page.locator('#move-end').fill('12:30');
    await page.getByTestId('move-session-submit').click();
    await page.locator('.schakel-notice', { hasText: 'De bespreking is verzet.' }).waitFor();
    const after = await apiCall<{ grantsUntil: string; endsAt: string; location: string }>(context, 'GET', `/api/v1/table-sessions/${planned.id}`);
    expect(new Date(after.endsAt).getTime()).toBe(new Date(zonedIso(isoDay(21), '12:30')).getTime());
    expect(new Date(after.grantsUntil).getTime() - new Date(before.grantsUntil).getTime()).toBe(new Date(after.endsAt).getTime() - new Date(before.endsAt).getTime());
    expect(after.location).toBe('ZVH, zaal 1');

    // Cancel it, asked twice: the police's grant ends, and the session can no longer be moved.
    await page.getByTestId('cancel-session').click();
    await shot(page, 'afzeggen-vraag');
    await expectAccessibleInBothLanguages(page);
    await page.getByTestId('cancel-session-confirm').click();
    await page.locator('.schakel-notice', { hasText: 'De bespreking is afgezegd.' }).waitFor();
    await page.locator('[data-testid="session"][data-status="cancelled"]').waitFor();
    await expect(page.getByTestId('session-schedule').count()).resolves.toBe(0);
    await expectAccessibleInBothLanguages(page);
    const grants = await db().selectFrom('access_grant').select('revoked_at').where('record_id', '=', kase.id).where('grantee_organisation_id', '=', police.id).execute();
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((g) => g.revoked_at !== null)).toBe(true);
    const tafellid = await db().selectFrom('app_user').select('id').where('email', '=', demoAccountOf('tafellid').email).executeTakeFirstOrThrow();
    const told = await db().selectFrom('notification').select('kind').where('record_id', '=', planned.id).where('user_id', '=', tafellid.id).execute();
    expect(told.map((n) => n.kind).sort()).toEqual(['table-invitation', 'table-session-cancelled', 'table-session-moved']);
    expect(problems.filter((p) => !p.includes('HTTP 400'))).toEqual([]);
  }, 240_000);

  it('legal bases: the tafellid records the police basis; the ketenregisseur sees every organisation', async () => {
    const { page, problems } = await openAs('tafellid', '/weegtafel/grondslagen');
    await page.getByTestId('legal-bases-table').waitFor();
    await expectAccessibleInBothLanguages(page);
    const police = await organisationOf('police');
    // Only their own organisation can be chosen.
    await expect(page.locator('#basis-organisation option').count()).resolves.toBe(1);
    await page.locator('#basis-legal-basis').selectOption('');
    await page.getByTestId('save-legal-basis').click();
    await page.locator('#basis-legal-basis-error').waitFor();
    await expectAccessibleInBothLanguages(page);
    await page.locator('#basis-legal-basis').selectOption('wpg');
    await page.locator('#basis-note').fill('Art. 20 Wpg, convenant mensenhandel (fictief)');
    await page.getByTestId('save-legal-basis').click();
    await page.locator('.schakel-notice', { hasText: 'De grondslag is opgeslagen.' }).waitFor();
    await expect(page.locator(`[data-testid="legal-basis-row"][data-organisation="${police.name}"]`).textContent()).resolves.toContain('Wet politiegegevens');
    await shot(page, 'grondslagen-tafellid');
    expect(problems.filter((p) => !p.includes('HTTP 400'))).toEqual([]);

    const chair = await openAs('ketenregisseur', '/weegtafel/grondslagen');
    await chair.page.getByTestId('legal-bases-table').waitFor();
    expect(await chair.page.locator('#basis-organisation option').count()).toBeGreaterThan(2);
    await shot(chair.page, 'grondslagen-ketenregisseur');
    await expectAccessibleInBothLanguages(chair.page);
    expect(chair.problems).toEqual([]);
  }, 240_000);
});
