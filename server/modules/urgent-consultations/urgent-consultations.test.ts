import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, expectRoleMatrix, logIn, type LoggedIn, type TestApp, type TestUser } from '@server/core/testing';
import { consultationRoles } from './urgent-consultations.policy';

const REGION = 'gooi-en-vechtstreek';
const HILVERSUM = 'GM0402';
const HUIZEN = 'GM0406';
const HOUR = 3_600_000;
/** A fictional question; none of it may reach a mail or a notice. */
const QUESTION = 'Fictief: Anouk Verbeek (19) slaapt vannacht in de bus van haar werkgever; kan zij vandaag worden opgevangen?';

let t: TestApp;
let regisseur: LoggedIn;
let police: TestUser;
let policeSession: LoggedIn;
let veiligThuisSession: LoggedIn;
let prosecution: TestUser;
let prosecutionSession: LoggedIn;
let organisations: Record<string, string>;
let caseCounter = 0;
const db = () => t.prepared.database.db;
const api = (session: LoggedIn, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: session.headers, ...(payload ? { payload } : {}) });

/** A case row made directly (the cases API is another module's); the consultation only needs its reference and municipalities. */
async function makeCase(municipality = HILVERSUM, status: 'enrichment' | 'closed' = 'enrichment'): Promise<{ id: string; reference: string }> {
  caseCounter += 1;
  const reference = `C-TEST-${caseCounter}-${randomUUID().slice(0, 6)}`;
  const row = await db()
    .insertInto('case_file')
    .values({ region_code: REGION, reference, title: `Testcasus ${caseCounter}`, lead_municipality_code: municipality, municipalities: [municipality], status } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  await db().insertInto('case_municipality').values({ case_id: row.id, municipality_code: municipality, region_code: REGION, lead: true } as never).execute();
  return { id: row.id, reference };
}

async function open(session: LoggedIn, caseId: string, invitees: object[] = [{ organisationId: organisations.police, legalBasis: 'wpg' }]) {
  return api(session, 'POST', `/cases/${caseId}/urgent-consultations`, { question: QUESTION, invitees });
}

async function deniedFor(userId: string, recordId: string) {
  return db().selectFrom('access_log').select(['reason']).where('user_id', '=', userId).where('action', '=', 'denied').where('record_id', '=', recordId).execute();
}

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 100_000, RATE_LIMIT_PER_MINUTE: 100_000, PUBLIC_BASE_URL: 'https://schakel.regio.example' });
  const orgs = await db().selectFrom('organisation').select(['id', 'type']).where('region_code', '=', REGION).orderBy('name').execute();
  const first = (type: string) => orgs.find((o) => o.type === type)!.id;
  organisations = { police: first('police'), veiligThuis: first('veilig-thuis'), prosecution: first('public-prosecution'), care: first('care-coordination') };
  regisseur = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'], organisationType: 'zorg-en-veiligheidshuis', allMunicipalities: true }));
  police = await createTestUser(t, { roles: ['tafellid'], organisationType: 'police' });
  policeSession = await logIn(t, police);
  veiligThuisSession = await logIn(t, await createTestUser(t, { roles: ['zorgcoordinator'], organisationType: 'veilig-thuis' }));
  prosecution = await createTestUser(t, { roles: ['tafellid'], organisationType: 'public-prosecution' });
  prosecutionSession = await logIn(t, prosecution);
  // Veilig Thuis recorded its own legal basis (normally through the weegtafel module).
  await db().insertInto('partner_legal_basis').values({ region_code: REGION, organisation_id: organisations.veiligThuis!, legal_basis: 'wmo-meldcode', recorded_by: null } as never).execute();
});
afterAll(async () => {
  await t.close();
});

describe('a spoed-MDO from opening to advice', () => {
  it('opens with grants for the invitees, who read, contribute, and after the advice can add nothing more', async () => {
    const kase = await makeCase();
    const before = Date.now();
    const opened = await open(regisseur, kase.id, [{ organisationId: organisations.police, legalBasis: 'wpg' }, { organisationId: organisations.veiligThuis }]);
    expect(opened.statusCode, opened.body).toBe(201);
    const consultation = opened.json();
    expect(consultation).toMatchObject({ caseId: kase.id, caseReference: kase.reference, question: QUESTION, status: 'open', version: 1, contributions: [], advice: null, permissions: { contribute: true, advise: true } });
    expect(consultation.invitees.map((i: { legalBasis: string }) => i.legalBasis).sort()).toEqual(['wmo-meldcode', 'wpg']);
    expect(consultation.invitees.every((i: { organisation: { name: string } }) => i.organisation.name.length > 0)).toBe(true);
    const grantUntil = new Date(consultation.grantUntil).getTime();
    expect(grantUntil).toBeGreaterThanOrEqual(before + 72 * HOUR - 1000);
    expect(grantUntil).toBeLessThanOrEqual(Date.now() + 72 * HOUR + 1000);

    const grants = await db().selectFrom('access_grant').selectAll().where('source_type', '=', 'urgent-consultation').where('source_id', '=', consultation.id).execute();
    expect(grants.map((g) => g.grantee_organisation_id).sort()).toEqual([organisations.police, organisations.veiligThuis].sort());
    expect(grants.every((g) => g.record_type === 'case' && g.record_id === kase.id && new Date(g.valid_until).getTime() === grantUntil)).toBe(true);
    const events = await db().selectFrom('case_event').select(['kind', 'field_group', 'detail']).where('case_id', '=', kase.id).execute();
    expect(events).toEqual([expect.objectContaining({ kind: 'urgent-consultation-opened', field_group: 'table' })]);
    expect(JSON.stringify(events)).not.toContain('Anouk');
    const notices = await db().selectFrom('notification').select(['user_id', 'record_type', 'record_id', 'reference']).where('record_id', '=', consultation.id).execute();
    expect(notices).toContainEqual({ user_id: police.id, record_type: 'urgent-consultation', record_id: consultation.id, reference: kase.reference });
    expect(notices.some((n) => n.user_id === prosecution.id)).toBe(false);

    // The invitee reads it through the consultation's own grant; the read is logged with it.
    const read = await api(policeSession, 'GET', `/urgent-consultations/${consultation.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().permissions).toEqual({ contribute: true, advise: false, closeSharing: false });
    const policeGrant = grants.find((g) => g.grantee_organisation_id === organisations.police)!;
    const logged = await db().selectFrom('access_log').select(['grant_id', 'purpose']).where('user_id', '=', police.id).where('action', '=', 'read').where('record_id', '=', consultation.id).execute();
    expect(logged).toContainEqual({ grant_id: policeGrant.id, purpose: 'spoed-MDO' });

    const contributed = await api(policeSession, 'POST', `/urgent-consultations/${consultation.id}/contributions`, { text: 'Politie: de bus staat bij het bedrijventerrein; wij kunnen vanavond langs.' });
    expect(contributed.statusCode, contributed.body).toBe(201);
    expect(contributed.json().contributions).toEqual([expect.objectContaining({ author: expect.objectContaining({ id: police.id }), organisation: expect.objectContaining({ id: organisations.police }) })]);
    expect((await api(veiligThuisSession, 'POST', `/urgent-consultations/${consultation.id}/contributions`, { text: 'Veilig Thuis: crisisplek vrij.' })).statusCode).toBe(201);

    // A partner may contribute but not record the advice.
    const partnerAdvice = await api(policeSession, 'POST', `/urgent-consultations/${consultation.id}/advice`, { version: 1, advice: 'Opvang vannacht.' });
    expect(partnerAdvice.statusCode).toBe(403);
    expect(await deniedFor(police.id, consultation.id)).toHaveLength(1);

    const advised = await api(regisseur, 'POST', `/urgent-consultations/${consultation.id}/advice`, { version: 1, advice: 'Opvang via Veilig Thuis vannacht; zorgcoördinator meldt morgen aan.' });
    expect(advised.statusCode, advised.body).toBe(201);
    expect(advised.json()).toMatchObject({ status: 'advised', version: 2, advice: { text: expect.stringContaining('Opvang') }, permissions: { contribute: false, advise: false } });
    expect(advised.json().contributions).toHaveLength(2);
    const kinds = await db().selectFrom('case_event').select('kind').where('case_id', '=', kase.id).orderBy('id').execute();
    expect(kinds.map((k) => k.kind)).toEqual(['urgent-consultation-opened', 'urgent-consultation-advised']);

    const late = await api(policeSession, 'POST', `/urgent-consultations/${consultation.id}/contributions`, { text: 'Nog iets.' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('consultation.closed');
    const again = await api(regisseur, 'POST', `/urgent-consultations/${consultation.id}/advice`, { version: 1, advice: 'Ander advies.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('consultation.closed');
    // The grants are not ended by the advice: the partners can still read what was advised until grant_until.
    expect((await api(policeSession, 'GET', `/urgent-consultations/${consultation.id}`)).json().advice.text).toContain('Opvang');

    // The thread cannot be rewritten, not even in the database.
    await expect(sql`update urgent_consultation_contribution set text = 'x' where consultation_id = ${consultation.id}`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`delete from urgent_consultation_contribution where consultation_id = ${consultation.id}`.execute(db())).rejects.toThrow(/append-only/);
  });

  it('mails the invitees a reference and a link, never the question', async () => {
    const kase = await makeCase();
    const opened = await open(regisseur, kase.id);
    expect(opened.statusCode, opened.body).toBe(201);
    const mails = await db().selectFrom('mail_outbox').select(['subject', 'text_body', 'high_priority']).where('recipient', '=', police.email).where('text_body', 'like', `%${opened.json().id}%`).execute();
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.high_priority).toBe(true);
    expect(mail.text_body).toContain(kase.reference);
    expect(mail.text_body).toContain(`https://schakel.regio.example/spoed-mdo/${opened.json().id}`);
    for (const part of [QUESTION, 'Anouk', 'Verbeek']) {
      expect(mail.text_body).not.toContain(part);
      expect(mail.subject).not.toContain(part);
    }
  });

  it("ends the partners' access early on request of whoever may record the advice", async () => {
    const kase = await makeCase();
    const consultation = (await open(regisseur, kase.id)).json();
    expect(consultation.permissions.closeSharing).toBe(true);
    expect((await api(policeSession, 'GET', `/urgent-consultations/${consultation.id}`)).statusCode).toBe(200);
    const byPartner = await api(policeSession, 'POST', `/urgent-consultations/${consultation.id}/closure`);
    expect(byPartner.statusCode).toBe(403);
    const closed = await api(regisseur, 'POST', `/urgent-consultations/${consultation.id}/closure`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(new Date(closed.json().grantUntil).getTime()).toBeLessThanOrEqual(Date.now());
    expect(closed.json()).toMatchObject({ status: 'open', permissions: { contribute: true, advise: true, closeSharing: false } });
    const grants = await db().selectFrom('access_grant').select(['revoked_at', 'revoked_by']).where('source_id', '=', consultation.id).execute();
    expect(grants.length).toBe(1);
    expect(grants.every((g) => g.revoked_at !== null)).toBe(true);
    expect((await api(policeSession, 'GET', `/urgent-consultations/${consultation.id}`)).statusCode).toBe(404);
    expect((await deniedFor(police.id, consultation.id)).length).toBe(2);
    // Again: nothing more to end, nothing more on the timeline.
    expect((await api(regisseur, 'POST', `/urgent-consultations/${consultation.id}/closure`)).statusCode).toBe(200);
    const events = await db().selectFrom('case_event').select('kind').where('case_id', '=', kase.id).orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['urgent-consultation-opened', 'urgent-consultation-closed']);
    // The case's own workers still have the thread, and can still record the advice.
    expect((await api(regisseur, 'POST', `/urgent-consultations/${consultation.id}/advice`, { version: 1, advice: 'Lokaal oppakken.' })).statusCode).toBe(201);
  });

  it('lists my consultations (opened or invited), open first, without their question', async () => {
    const kase = await makeCase();
    const first = (await open(regisseur, kase.id)).json();
    const second = (await open(regisseur, kase.id)).json();
    expect((await api(regisseur, 'POST', `/urgent-consultations/${first.id}/advice`, { version: 1, advice: 'Afgerond advies.' })).statusCode).toBe(201);
    const mine = await api(policeSession, 'GET', '/urgent-consultations?pageSize=100');
    expect(mine.statusCode, mine.body).toBe(200);
    const items = mine.json()._embedded.consultations as { id: string; status: string; invited: boolean; openedByMe: boolean }[];
    const ids = items.map((i) => i.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(items.find((i) => i.id === second.id)).toMatchObject({ invited: true, openedByMe: false, status: 'open' });
    expect(items.findIndex((i) => i.status === 'advised')).toBeGreaterThan(items.findLastIndex((i) => i.status === 'open'));
    expect(mine.body).not.toContain('Anouk');
    const opener = (await api(regisseur, 'GET', '/urgent-consultations?pageSize=100')).json()._embedded.consultations;
    expect(opener.find((i: { id: string }) => i.id === first.id)).toMatchObject({ openedByMe: true, invited: false });
    expect((await api(prosecutionSession, 'GET', '/urgent-consultations')).json()._embedded.consultations).toEqual([]);

    const ofCase = await api(policeSession, 'GET', `/cases/${kase.id}/urgent-consultations`);
    expect(ofCase.statusCode, ofCase.body).toBe(200);
    expect(ofCase.json()._embedded.consultations.map((c: { id: string }) => c.id).sort()).toEqual([first.id, second.id].sort());
    expect((await api(prosecutionSession, 'GET', `/cases/${kase.id}/urgent-consultations`)).statusCode).toBe(404);
  });
});

describe('need to know', () => {
  it('ends with the grant: after grant_until the invitee is refused (404) and the refusal logged', async () => {
    const kase = await makeCase();
    const consultation = (await open(regisseur, kase.id)).json();
    expect((await api(policeSession, 'GET', `/urgent-consultations/${consultation.id}`)).statusCode).toBe(200);
    await db().updateTable('access_grant').set({ valid_from: new Date(Date.now() - 80 * HOUR), valid_until: new Date(Date.now() - HOUR) }).where('source_type', '=', 'urgent-consultation').where('source_id', '=', consultation.id).execute();
    const read = await api(policeSession, 'GET', `/urgent-consultations/${consultation.id}`);
    expect(read.statusCode).toBe(404);
    expect(read.json().code).toBe('consultation.not-found');
    expect((await api(policeSession, 'POST', `/urgent-consultations/${consultation.id}/contributions`, { text: 'Te laat.' })).statusCode).toBe(404);
    expect((await deniedFor(police.id, consultation.id)).length).toBe(2);
    expect((await api(policeSession, 'GET', `/cases/${kase.id}/urgent-consultations`)).statusCode).toBe(404);
    const mine = (await api(policeSession, 'GET', '/urgent-consultations?pageSize=100')).json()._embedded.consultations;
    expect(mine.some((c: { id: string }) => c.id === consultation.id)).toBe(false);
    // Whoever works the case on their own account keeps seeing it.
    expect((await api(regisseur, 'GET', `/urgent-consultations/${consultation.id}`)).statusCode).toBe(200);
  });

  it('refuses a partner that was not invited, even one that sees the case through a table invitation', async () => {
    const kase = await makeCase();
    const consultation = (await open(regisseur, kase.id)).json();
    const refused = await api(prosecutionSession, 'GET', `/urgent-consultations/${consultation.id}`);
    expect(refused.statusCode).toBe(404);
    expect(await deniedFor(prosecution.id, consultation.id)).toHaveLength(1);
    // The OM is on the table's agenda for this case: it sees the case, not the thread it was not asked into.
    await db()
      .insertInto('access_grant')
      .values({
        region_code: REGION,
        record_type: 'case',
        record_id: kase.id,
        grantee_user_id: null,
        grantee_organisation_id: organisations.prosecution!,
        purpose: 'weegtafel',
        legal_basis: 'wjsg',
        valid_from: new Date(Date.now() - HOUR),
        valid_until: new Date(Date.now() + HOUR),
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
        source_type: 'table-invitation',
        source_id: randomUUID(),
      } as never)
      .execute();
    expect((await api(prosecutionSession, 'GET', `/urgent-consultations/${consultation.id}`)).statusCode).toBe(404);
    expect(await deniedFor(prosecution.id, consultation.id)).toHaveLength(2);
    const ofCase = await api(prosecutionSession, 'GET', `/cases/${kase.id}/urgent-consultations`);
    expect(ofCase.statusCode).toBe(200);
    expect(ofCase.json()._embedded.consultations).toEqual([]);
    // A consultation that does not exist answers the same.
    const unknown = randomUUID();
    expect((await api(prosecutionSession, 'GET', `/urgent-consultations/${unknown}`)).json().code).toBe('consultation.not-found');
  });

  it('lets a zorgcoördinator holding a grant open one and record its advice; an aandachtsfunctionaris of another municipality cannot', async () => {
    const kase = await makeCase();
    await db()
      .insertInto('access_grant')
      .values({
        region_code: REGION,
        record_type: 'case',
        record_id: kase.id,
        grantee_user_id: null,
        grantee_organisation_id: organisations.care!,
        purpose: 'spoor care',
        legal_basis: 'convenant',
        valid_from: new Date(Date.now() - HOUR),
        valid_until: new Date(Date.now() + 100 * HOUR),
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
        source_type: 'track',
        source_id: randomUUID(),
      } as never)
      .execute();
    const coordinator = await logIn(t, await createTestUser(t, { roles: ['zorgcoordinator'], organisationType: 'care-coordination' }));
    const opened = await open(coordinator, kase.id, [{ organisationId: organisations.veiligThuis }]);
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().permissions.advise).toBe(true);
    expect((await api(coordinator, 'POST', `/urgent-consultations/${opened.json().id}/advice`, { version: 1, advice: 'Aanmelden bij COSM.' })).statusCode).toBe(201);

    const own = await logIn(t, await createTestUser(t, { roles: ['aandachtsfunctionaris'], organisationType: 'municipality', municipalities: [HILVERSUM] }));
    const other = await createTestUser(t, { roles: ['aandachtsfunctionaris'], organisationType: 'municipality', municipalities: [HUIZEN] });
    const otherSession = await logIn(t, other);
    expect((await open(otherSession, kase.id)).statusCode).toBe(404);
    const ownOpened = await open(own, kase.id);
    expect(ownOpened.statusCode, ownOpened.body).toBe(201);
    // The ketenregisseur works every case of the region, so may record the advice of one it did not open.
    expect((await api(regisseur, 'POST', `/urgent-consultations/${ownOpened.json().id}/advice`, { version: 1, advice: 'Lokaal oppakken.' })).statusCode).toBe(201);
    expect((await api(otherSession, 'GET', `/urgent-consultations/${ownOpened.json().id}`)).statusCode).toBe(404);
  });

  it('is for the roles of the case flow only: signaleerder, beleidsmedewerker, functioneel beheerder and privacy officer never', async () => {
    const kase = await makeCase();
    const consultation = (await open(regisseur, kase.id)).json();
    const never = ['signaleerder', 'beleidsmedewerker', 'functioneel-beheerder', 'privacy-officer'];
    expect(consultationRoles.some((r) => never.includes(r))).toBe(false);
    const unknown = randomUUID();
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/urgent-consultations' }, consultationRoles);
    await expectRoleMatrix(t, { method: 'GET', url: `/api/v1/urgent-consultations/${consultation.id}` }, consultationRoles);
    await expectRoleMatrix(t, { method: 'GET', url: `/api/v1/cases/${kase.id}/urgent-consultations` }, consultationRoles);
    await expectRoleMatrix(t, { method: 'POST', url: `/api/v1/cases/${unknown}/urgent-consultations`, payload: { question: QUESTION, invitees: [{ organisationId: organisations.police }] } }, consultationRoles);
    await expectRoleMatrix(t, { method: 'POST', url: `/api/v1/urgent-consultations/${unknown}/contributions`, payload: { text: 'x' } }, consultationRoles);
    await expectRoleMatrix(t, { method: 'POST', url: `/api/v1/urgent-consultations/${unknown}/advice`, payload: { version: 1, advice: 'Advies.' } }, consultationRoles);
    await expectRoleMatrix(t, { method: 'POST', url: `/api/v1/urgent-consultations/${unknown}/closure` }, consultationRoles);
    // Even a privacy officer of an invited organisation: the grant does not reach that role.
    const officer = await createTestUser(t, { roles: ['privacy-officer'], organisationType: 'police' });
    expect((await api(await logIn(t, officer), 'GET', `/urgent-consultations/${consultation.id}`)).statusCode).toBe(403);
  });
});

describe('bad input', () => {
  it('refuses an invitee without a legal basis (422, naming the organisation) and creates nothing', async () => {
    const kase = await makeCase();
    const response = await open(regisseur, kase.id, [{ organisationId: organisations.police, legalBasis: 'wpg' }, { organisationId: organisations.prosecution }]);
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('table.no-legal-basis');
    expect(response.json().invalidParams).toEqual([expect.objectContaining({ name: 'body.invitees.1.legalBasis', code: 'missing', reason: expect.stringContaining('Openbaar Ministerie') })]);
    expect(await db().selectFrom('urgent_consultation').select('id').where('case_id', '=', kase.id).execute()).toEqual([]);
    expect(await db().selectFrom('access_grant').select('id').where('record_id', '=', kase.id).execute()).toEqual([]);
  });

  it('refuses an unknown or doubled organisation, a legal basis the region does not know, no invitees, empty text, and a closed case', async () => {
    const kase = await makeCase();
    const unknown = await open(regisseur, kase.id, [{ organisationId: randomUUID(), legalBasis: 'wpg' }]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().invalidParams).toEqual([expect.objectContaining({ name: 'body.invitees.0.organisationId', code: 'unknown' })]);
    const otherRegion = await db().selectFrom('organisation').select('id').where('region_code', '<>', REGION).executeTakeFirstOrThrow();
    expect((await open(regisseur, kase.id, [{ organisationId: otherRegion.id, legalBasis: 'wpg' }])).json().invalidParams[0].code).toBe('unknown');
    const doubled = await open(regisseur, kase.id, [{ organisationId: organisations.police, legalBasis: 'wpg' }, { organisationId: organisations.police, legalBasis: 'wpg' }]);
    expect(doubled.json().invalidParams).toEqual([expect.objectContaining({ name: 'body.invitees.1.organisationId', code: 'duplicate' })]);
    const basis = await open(regisseur, kase.id, [{ organisationId: organisations.police, legalBasis: 'zomaar' }]);
    expect(basis.json().invalidParams).toEqual([expect.objectContaining({ name: 'body.invitees.0.legalBasis', code: 'unknown' })]);
    expect((await open(regisseur, kase.id, [])).statusCode).toBe(400);
    expect((await api(regisseur, 'POST', `/cases/${kase.id}/urgent-consultations`, { question: '  ', invitees: [{ organisationId: organisations.police }] })).statusCode).toBe(400);
    expect(await db().selectFrom('urgent_consultation').select('id').where('case_id', '=', kase.id).execute()).toEqual([]);

    const consultation = (await open(regisseur, kase.id)).json();
    for (const text of ['', '   ']) {
      const empty = await api(policeSession, 'POST', `/urgent-consultations/${consultation.id}/contributions`, { text });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().invalidParams[0].name).toBe('body.text');
    }
    expect((await api(policeSession, 'POST', `/urgent-consultations/${consultation.id}/contributions`, { text: 'ok', extra: true })).statusCode).toBe(400);
    const stale = await api(regisseur, 'POST', `/urgent-consultations/${consultation.id}/advice`, { version: 7, advice: 'Advies.' });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().invalidParams[0].name).toBe('body.version');
    expect((await api(regisseur, 'GET', `/urgent-consultations/${consultation.id}`)).json()).toMatchObject({ status: 'open', contributions: [] });

    const closed = await makeCase(HILVERSUM, 'closed');
    const onClosed = await open(regisseur, closed.id);
    expect(onClosed.statusCode).toBe(409);
    expect(onClosed.json().code).toBe('case.closed');
  });
});
