import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiCall, expectAccessibleInBothLanguages, openAs as openAsIn, shot as shotIn, signalArrives } from './support/cases';
import { browserSuite, demoAccount, focused, waitForPage } from './support/harness';

const suite = browserSuite();
const SHOTS = '/tmp/shots-urgent-consultations';
const db = () => suite.app.test.prepared.database.db;
const region = () => suite.app.test.config.SCHAKEL_REGION;
const openAs = (role: Parameters<typeof demoAccount>[1], path: string) => openAsIn(suite, role, path);
const shot = (page: Parameters<typeof shotIn>[0], name: string) => shotIn(page, SHOTS, name);

/** A fresh case of the demo aandachtsfunctionaris's municipality (from an acute report), made through the API. */
async function makeCase(context: BrowserContext, title: string): Promise<{ id: string; reference: string }> {
  const signal = await signalArrives(suite.app, 'aandachtsfunctionaris', `Fictief: een vrouw vraagt 's nachts om hulp (${title}).`, { forms: ['sexual'], acute: true });
  return apiCall(context, 'POST', '/api/v1/cases', { signalIds: [signal.id], title, leadMunicipality: signal.municipality });
}

const unexpected = (list: string[]) => list.filter((p) => !/HTTP 4(00|22)|status of 4(00|22)/.test(p));

describe('spoed-MDO (/casussen/:id/spoed-mdo, /spoed-mdo, /spoed-mdo/:id)', () => {
  it('the aandachtsfunctionaris opens one inviting the police, the tafellid contributes, the opener records the advice', async () => {
    const af = await openAs('aandachtsfunctionaris', '/spoed-mdo');
    await af.page.locator('[data-testid="my-consultations"][data-state="ready"]').waitFor();
    await shot(af.page, 'mijn-spoed-mdos-leeg');
    await expectAccessibleInBothLanguages(af.page);
    const created = await makeCase(af.context, `Opvang nacht ${Date.now()}`);

    // The case's page: nothing yet, and the form. An empty form first.
    await af.page.goto(`/casussen/${created.id}/spoed-mdo`);
    await waitForPage(af.page);
    await af.page.getByTestId('open-consultation-form').waitFor();
    await expect(af.page.locator('main h1').textContent()).resolves.toBe(`Spoed-MDO’s van ${created.reference}`);
    await af.page.getByTestId('open-consultation').click();
    await af.page.locator('#mdo-question-error').waitFor();
    expect((await focused(af.page)).text).toContain('Controleer het formulier');
    await expectAccessibleInBothLanguages(af.page);

    const police = await db().selectFrom('organisation').select(['id', 'name']).where('region_code', '=', region()).where('type', '=', 'police').orderBy('name').executeTakeFirstOrThrow();
    const question = 'Kan de cliënt vannacht veilig worden opgevangen, en wie meldt haar aan? (fictief)';
    await af.page.locator('#mdo-question').fill(question);
    await af.page.locator('#mdo-invitees-0-organisationId').selectOption(police.id);
    await af.page.locator('#mdo-invitees-0-legalBasis').selectOption('wpg');

    // A second organisation that recorded no legal basis, left on "its own basis": the 422 lands on its field.
    const recorded = new Set((await db().selectFrom('partner_legal_basis').select('organisation_id').where('region_code', '=', region()).execute()).map((r) => r.organisation_id));
    const me = await db().selectFrom('app_user').select('organisation_id').where('email', '=', demoAccount(suite.app, 'aandachtsfunctionaris').email).executeTakeFirstOrThrow();
    const without = (await db().selectFrom('organisation').select(['id', 'name']).where('region_code', '=', region()).orderBy('name').execute()).find((o) => !recorded.has(o.id) && o.id !== police.id && o.id !== me.organisation_id);
    if (without) {
      await af.page.getByTestId('add-invitee').click();
      await af.page.locator('#mdo-invitees-1-organisationId').selectOption(without.id);
      await af.page.getByTestId('open-consultation').click();
      await af.page.locator('#mdo-invitees-1-legalBasis-error').waitFor();
      await expect(af.page.locator('#mdo-invitees-1-legalBasis-error').textContent()).resolves.toContain('heeft zelf geen grondslag vastgelegd');
      expect((await focused(af.page)).text).toContain('Organisatie 2, Grondslag voor gegevensdeling');
      await shot(af.page, 'starten-fout-grondslag');
      await expectAccessibleInBothLanguages(af.page);
      await af.page.getByRole('button', { name: 'Organisatie 2 weghalen' }).click();
    }
    await af.page.getByTestId('open-consultation').click();
    await af.page.getByTestId('consultation').waitFor();
    const consultationId = af.page.url().split('/').pop() ?? '';
    await expect(af.page.getByTestId('consultation-question').textContent()).resolves.toBe(question);
    await expect(af.page.getByTestId('invitees').textContent()).resolves.toContain(police.name);
    await expect(af.page.getByTestId('invitees').textContent()).resolves.toContain('Wet politiegegevens');
    await af.page.getByTestId('grant-until').waitFor();
    await af.page.getByTestId('advice-form').waitFor();
    await shot(af.page, 'thread-geopend');
    await expectAccessibleInBothLanguages(af.page);

    // The tafellid of the police finds it under "Mijn spoed-MDO's" and contributes.
    const police1 = await openAs('tafellid', '/spoed-mdo');
    await police1.page.locator('[data-testid="my-consultations"][data-state="ready"]').waitFor();
    const row = police1.page.locator(`[data-testid="consultation-row"][data-case="${created.reference}"]`);
    await expect(row.textContent()).resolves.toContain('Uw organisatie is gevraagd');
    await expect(row.textContent()).resolves.toContain('Open');
    await shot(police1.page, 'mijn-spoed-mdos-tafellid');
    await expectAccessibleInBothLanguages(police1.page);
    await row.getByRole('link', { name: `Spoed-MDO over ${created.reference}` }).click();
    await police1.page.getByTestId('contribution-form').waitFor();
    // A partner adds to the thread but does not record the advice.
    await expect(police1.page.getByTestId('advice-form').count()).resolves.toBe(0);
    await police1.page.getByTestId('add-contribution').click();
    await police1.page.locator('#contribution-text-error').waitFor();
    await police1.page.locator('#contribution-text').fill('Politie kan om 22:00 ophalen en naar de crisisopvang brengen (fictief).');
    await police1.page.getByTestId('add-contribution').click();
    await police1.page.locator('.schakel-notice', { hasText: 'Uw bijdrage is toegevoegd.' }).waitFor();
    const contribution = police1.page.getByTestId('contribution').first();
    await expect(contribution.textContent()).resolves.toContain('Politie kan om 22:00 ophalen');
    await expect(contribution.textContent()).resolves.toContain(police.name);
    await shot(police1.page, 'thread-tafellid');
    await expectAccessibleInBothLanguages(police1.page);

    // The opener sees the contribution and records the advice once; then the thread is read-only.
    await af.page.reload();
    await waitForPage(af.page);
    await expect(af.page.getByTestId('contribution').first().textContent()).resolves.toContain('Politie kan om 22:00 ophalen');
    await af.page.locator('#advice-text').fill('Opvang via de politie vannacht; de zorgcoördinator meldt morgen aan (fictief).');
    await af.page.getByTestId('record-advice').click();
    await af.page.locator('.schakel-notice', { hasText: 'Het advies is vastgelegd.' }).waitFor();
    await expect(af.page.getByTestId('advice').textContent()).resolves.toContain('Opvang via de politie vannacht');
    await expect(af.page.getByTestId('contribution-form').count()).resolves.toBe(0);
    await expect(af.page.getByTestId('advice-form').count()).resolves.toBe(0);
    await expect(af.page.locator('[data-testid="consultation"]').getAttribute('data-status')).resolves.toBe('advised');
    await shot(af.page, 'thread-advies');
    await expectAccessibleInBothLanguages(af.page);

    // The police tab, still open, tries to add: the consultation is closed, said clearly.
    await police1.page.locator('#contribution-text').fill('Nog een aanvulling.');
    await police1.page.getByTestId('add-contribution').click();
    await police1.page.getByTestId('consultation-conflict').waitFor();
    await police1.page.getByRole('button', { name: 'Pagina opnieuw laden' }).click();
    await police1.page.getByTestId('advice').waitFor();

    // The case's list shows it advised.
    await af.page.goto(`/casussen/${created.id}/spoed-mdo`);
    await waitForPage(af.page);
    await expect(af.page.getByTestId('case-consultations-table').textContent()).resolves.toContain('Advies vastgelegd');
    await shot(af.page, 'casus-spoed-mdos');
    await expectAccessibleInBothLanguages(af.page);
    await af.page.goto('/spoed-mdo');
    await af.page.locator(`[data-testid="consultation-row"][data-case="${created.reference}"]`).waitFor();
    expect(consultationId).toMatch(/^[0-9a-f-]{36}$/);

    expect(unexpected(af.problems)).toEqual([]);
    expect(police1.problems.filter((p) => !/HTTP 4(00|09)|status of 4(00|09)/.test(p))).toEqual([]);
  }, 600_000);
});
