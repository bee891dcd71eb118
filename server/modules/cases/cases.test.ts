import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, logIn, type LoggedIn, type TestApp } from '@server/core/testing';
import { GOOISE_MEREN, HILVERSUM, HUIZEN, makeCase, makeSignal, organisationId } from './cases.testing';

let t: TestApp;
let keten: LoggedIn;
let af: LoggedIn;
let afId: string;
const db = () => t.prepared.database.db;
const url = (id: string, rest = '') => `/api/v1/cases/${id}${rest}`;

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 100_000, RATE_LIMIT_PER_MINUTE: 100_000 });
  keten = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'], allMunicipalities: true }));
  const user = await createTestUser(t, { roles: ['aandachtsfunctionaris'], municipalities: [HILVERSUM] });
  afId = user.id;
  af = await logIn(t, user);
});
afterAll(() => t.close());

const getCase = async (session: LoggedIn, id: string) => {
  const response = await t.app.inject({ url: url(id), headers: session.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('a case from signals', () => {
  it('starts from a signal, marks it forwarded, is assigned to the aandachtsfunctionaris and has an assessment deadline', async () => {
    const signalId = await makeSignal(t, HILVERSUM);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: af.headers, payload: { signalIds: [signalId], title: 'Loods Industrieweg', leadMunicipality: HILVERSUM } });
    expect(response.statusCode, response.body).toBe(201);
    const { id, reference } = response.json();
    expect(reference).toMatch(/^CS-\d{4}-\d{6}$/);
    const signal = await db().selectFrom('signal').select('status').where('id', '=', signalId).executeTakeFirstOrThrow();
    expect(signal.status).toBe('forwarded');
    const c = await getCase(af, id);
    expect(c.status).toBe('enrichment');
    expect(c.assignedTo.id).toBe(afId);
    expect(c.stepDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(c.persons).toHaveLength(1);
    expect(c.places.map((p: { kind: string }) => p.kind).sort()).toEqual(['business', 'location']);
    expect(c.withheld).toEqual([]);
    expect(c.permissions.update).toBe(true);
    // The read is in the access log with the person as subject.
    const logged = await db().selectFrom('access_log').select('subjects').where('record_type', '=', 'case').where('record_id', '=', id).where('action', '=', 'read').executeTakeFirstOrThrow();
    expect(logged.subjects).toEqual([c.persons[0].id]);
    // A signal joins one case only.
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: af.headers, payload: { signalIds: [signalId], title: 'Nog eens', leadMunicipality: HILVERSUM } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('case.signal-unavailable');
    expect(again.json().invalidParams[0].code).toBe('case.signal-in-case');
  });

  it('is assigned only to a colleague who may work on it, chosen from the list of assignees', async () => {
    const { id } = await makeCase(t, af, HILVERSUM);
    const colleague = await createTestUser(t, { roles: ['aandachtsfunctionaris'], municipalities: [HILVERSUM] });
    const elsewhere = await createTestUser(t, { roles: ['aandachtsfunctionaris'], municipalities: [HUIZEN] });
    const partner = await createTestUser(t, { roles: ['tafellid'], municipalities: [HILVERSUM], organisationType: 'police' });
    const inactive = await createTestUser(t, { roles: ['aandachtsfunctionaris'], municipalities: [HILVERSUM] });
    await db().updateTable('app_user').set({ active: false }).where('id', '=', inactive.id).execute();
    const listed = await t.app.inject({ url: url(id, '/assignees'), headers: af.headers });
    expect(listed.statusCode, listed.body).toBe(200);
    const ids = listed.json()._embedded.assignees.map((a: { id: string }) => a.id);
    // Who may change the case: the region's ketenregisseurs and the aandachtsfunctionarissen of Hilversum, active ones only.
    expect(ids).toEqual(expect.arrayContaining([afId, colleague.id]));
    expect(ids).not.toContain(elsewhere.id);
    expect(ids).not.toContain(partner.id);
    expect(ids).not.toContain(inactive.id);
    const names = listed.json()._embedded.assignees.map((a: { displayName: string }) => a.displayName);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));

    // Anyone else is refused with a clear error, and the case keeps its assignee.
    for (const other of [elsewhere, partner]) {
      const { version } = await getCase(af, id);
      const refused = await t.app.inject({ method: 'PATCH', url: url(id), headers: af.headers, payload: { version, assignedTo: other.id } });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().invalidParams).toEqual([expect.objectContaining({ name: 'body.assignedTo', code: 'case.assignee-not-allowed' })]);
      expect((await getCase(af, id)).assignedTo.id).toBe(afId);
    }
    const { version } = await getCase(af, id);
    const assigned = await t.app.inject({ method: 'PATCH', url: url(id), headers: af.headers, payload: { version, assignedTo: colleague.id } });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assignedTo.id).toBe(colleague.id);
    // With a change of the involved municipalities the lead's officers may still be assigned.
    const widened = await t.app.inject({ method: 'PATCH', url: url(id), headers: af.headers, payload: { version: assigned.json().version, municipalities: [HUIZEN], assignedTo: afId } });
    expect(widened.statusCode, widened.body).toBe(200);
    expect(widened.json().assignedTo.id).toBe(afId);
    // The list is for those who may change the case; the others get the answer of a case that does not exist.
    const partnerSession = await logIn(t, partner);
    const hidden = await t.app.inject({ url: url(id, '/assignees'), headers: partnerSession.headers });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('case.not-found');
  });

  it('keeps every digit of the reference past case 999,999', async () => {
    await sql`select setval('case_number_seq', 999999)`.execute(db());
    const first = await makeCase(t, af, HILVERSUM);
    const second = await makeCase(t, af, HILVERSUM);
    expect(first.reference).toMatch(/^CS-\d{4}-1000000$/);
    expect(second.reference).toMatch(/^CS-\d{4}-1000001$/);
  });

  it('refuses a signal the user may not triage, without saying whether it exists', async () => {
    const elsewhere = await makeSignal(t, HUIZEN);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: af.headers, payload: { signalIds: [elsewhere], title: 'Niet van mij', leadMunicipality: HILVERSUM } });
    expect(response.statusCode).toBe(409);
    expect(response.json().invalidParams[0].code).toBe('case.signal-not-found');
    const status = await db().selectFrom('signal').select('status').where('id', '=', elsewhere).executeTakeFirstOrThrow();
    expect(status.status).toBe('new');
  });

  it('is seen by every municipality involved, and a hand-over moves the lead once the receiving municipality accepts', async () => {
    const huizen = await logIn(t, await createTestUser(t, { roles: ['aandachtsfunctionaris'], municipalities: [HUIZEN] }));
    const { id } = await makeCase(t, af, HILVERSUM);
    expect((await t.app.inject({ url: url(id), headers: huizen.headers })).statusCode).toBe(404);
    const request = await t.app.inject({ method: 'POST', url: url(id, '/handovers'), headers: af.headers, payload: { toMunicipality: HUIZEN, reason: 'Slachtoffer woont in Huizen.' } });
    expect(request.statusCode, request.body).toBe(201);
    const handover = request.json().handovers[0];
    expect(handover.status).toBe('pending');
    // Huizen is involved now and can read the case to decide; Hilversum cannot accept its own request.
    const seen = await getCase(huizen, id);
    expect(seen.handovers[0].canDecide).toBe(true);
    const wrongSide = await t.app.inject({ method: 'PATCH', url: url(id, `/handovers/${handover.id}`), headers: af.headers, payload: { decision: 'accepted' } });
    expect(wrongSide.statusCode).toBe(403);
    const second = await t.app.inject({ method: 'POST', url: url(id, '/handovers'), headers: af.headers, payload: { toMunicipality: 'GM1942', reason: 'Nog een' } });
    expect(second.json().code).toBe('case.handover-pending');
    const accepted = await t.app.inject({ method: 'PATCH', url: url(id, `/handovers/${handover.id}`), headers: huizen.headers, payload: { decision: 'accepted', note: 'Wij nemen het over.' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().leadMunicipality).toBe(HUIZEN);
    expect(accepted.json().municipalities.map((m: { code: string }) => m.code).sort()).toEqual([HILVERSUM, HUIZEN].sort());
    // Both still see it; the timeline has both steps.
    const events = (await t.app.inject({ url: url(id, '/events'), headers: af.headers })).json()._embedded.events.map((e: { kind: string }) => e.kind);
    expect(events).toEqual(expect.arrayContaining(['created', 'handover-requested', 'handover-decided']));
  });
});

describe('enrichment, assessment, tracks and closure', () => {
  it('records sources and consultations, puts the case on the table, opens tracks, and closes only when every track is closed', async () => {
    const { id } = await makeCase(t, af, HILVERSUM);
    const police = await organisationId(t, 'police');
    const check = await t.app.inject({ method: 'POST', url: url(id, '/source-checks'), headers: af.headers, payload: { source: 'brp', consultedOn: '2026-01-05', finding: 'Acht personen op één adres.' } });
    expect(check.statusCode, check.body).toBe(201);
    const unknownSource = await t.app.inject({ method: 'POST', url: url(id, '/source-checks'), headers: af.headers, payload: { source: 'tarot', consultedOn: '2026-01-05', finding: 'x' } });
    expect(unknownSource.json().invalidParams[0].name).toBe('body.source');
    const consult = await t.app.inject({ method: 'POST', url: url(id, '/consultations'), headers: af.headers, payload: { organisationId: police, consultedOn: '2026-01-06', summary: 'Wijkagent kent het adres.' } });
    expect(consult.statusCode).toBe(201);
    let c = consult.json();
    expect(c.sourceChecks[0].sourceLabel).toContain('BRP');
    const put = await t.app.inject({ method: 'POST', url: url(id, '/assessments'), headers: af.headers, payload: { version: c.version, decision: 'table', reason: 'Vermoeden versterkt.' } });
    expect(put.statusCode, put.body).toBe(201);
    c = put.json();
    expect(c.status).toBe('put-forward');
    expect(c.assessment.decision).toBe('table');
    // A track for the police (as a table decision would), with an action.
    const track = await t.app.inject({ method: 'POST', url: url(id, '/tracks'), headers: keten.headers, payload: { kind: 'care-criminal', ownerOrganisationId: await organisationId(t, 'zorg-en-veiligheidshuis') } });
    expect(track.statusCode, track.body).toBe(201);
    c = track.json();
    expect(c.status).toBe('monitoring');
    const trackId = c.tracks[0].id;
    const noOwner = await t.app.inject({ method: 'POST', url: url(id, `/tracks/${trackId}/actions`), headers: keten.headers, payload: { description: 'Aangifte bespreken', dueOn: '2099-01-01' } });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().invalidParams[0].code).toBe('required');
    const past = await t.app.inject({ method: 'POST', url: url(id, `/tracks/${trackId}/actions`), headers: keten.headers, payload: { description: 'Aangifte bespreken', ownerOrganisationId: police, dueOn: '2020-01-01' } });
    expect(past.statusCode).toBe(400);
    expect(past.json().invalidParams[0].name).toBe('body.dueOn');
    const action = await t.app.inject({ method: 'POST', url: url(id, `/tracks/${trackId}/actions`), headers: keten.headers, payload: { description: 'Aangifte bespreken', ownerOrganisationId: police, dueOn: '2099-01-01' } });
    expect(action.statusCode).toBe(201);
    c = action.json();
    expect(c.nextDue).toBe('2099-01-01');
    // Moving its due date: not into the past; a move is on the timeline with the date it replaces, and the case's next deadline follows.
    const added = c.tracks.find((tr: { id: string }) => tr.id === trackId).actions[0];
    const movedPast = await t.app.inject({ method: 'PATCH', url: url(id, `/tracks/${trackId}/actions/${added.id}`), headers: keten.headers, payload: { version: added.version, dueOn: '2020-01-01' } });
    expect(movedPast.statusCode).toBe(400);
    expect(movedPast.json().invalidParams[0].name).toBe('body.dueOn');
    const moved = await t.app.inject({ method: 'PATCH', url: url(id, `/tracks/${trackId}/actions/${added.id}`), headers: keten.headers, payload: { version: added.version, dueOn: '2099-02-01' } });
    expect(moved.statusCode, moved.body).toBe(200);
    c = moved.json();
    expect(c.nextDue).toBe('2099-02-01');
    const events = (await t.app.inject({ url: url(id, '/events'), headers: keten.headers })).json()._embedded.events;
    expect(events.find((e: { kind: string }) => e.kind === 'action-changed').detail).toMatchObject({ actionId: added.id, dueOn: '2099-02-01', previousDueOn: '2099-01-01' });
    // Closing with an open track is refused and names the track; nothing changes.
    const early = await t.app.inject({ method: 'POST', url: url(id, '/closures'), headers: af.headers, payload: { version: c.version, reasonCode: 'tracks-completed', reason: 'Klaar' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('case.open-tracks');
    expect(early.json().invalidParams[0].reason).toContain(trackId);
    expect((await getCase(af, id)).status).toBe('monitoring');
    const closedTrack = await t.app.inject({ method: 'PATCH', url: url(id, `/tracks/${trackId}`), headers: keten.headers, payload: { version: c.tracks[0].version, status: 'closed', closedReason: 'Strafzaak afgerond.' } });
    expect(closedTrack.statusCode, closedTrack.body).toBe(200);
    c = closedTrack.json();
    // The owner's grant ended with the track.
    const grant = await db().selectFrom('access_grant').select('revoked_at').where('source_type', '=', 'track').where('source_id', '=', trackId).executeTakeFirstOrThrow();
    expect(grant.revoked_at).not.toBeNull();
    const closed = await t.app.inject({ method: 'POST', url: url(id, '/closures'), headers: af.headers, payload: { version: c.version, reasonCode: 'tracks-completed', reason: 'Alle sporen afgerond.' } });
    expect(closed.statusCode, closed.body).toBe(201);
    expect(closed.json().status).toBe('closed');
    // A closed case takes no new track.
    const late = await t.app.inject({ method: 'POST', url: url(id, '/tracks'), headers: keten.headers, payload: { kind: 'care', ownerOrganisationId: police } });
    expect(late.json().code).toBe('case.closed');
  });

  it('gives the second of two editors a clear conflict and overwrites nothing', async () => {
    const { id } = await makeCase(t, af, HILVERSUM);
    const { version } = await getCase(af, id);
    const first = await t.app.inject({ method: 'PATCH', url: url(id), headers: af.headers, payload: { version, summary: 'Eerste versie' } });
    expect(first.statusCode).toBe(200);
    const second = await t.app.inject({ method: 'PATCH', url: url(id), headers: keten.headers, payload: { version, summary: 'Tweede versie' } });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('case.version-conflict');
    expect((await getCase(af, id)).summary).toBe('Eerste versie');
  });

  it('acute care opens a care track for the zorgcoördinator, who then sees the case through the track grant', async () => {
    const zc = await logIn(t, await createTestUser(t, { roles: ['zorgcoordinator'], organisationType: 'care-coordination' }));
    const { id } = await makeCase(t, af, HILVERSUM);
    expect((await t.app.inject({ url: url(id), headers: zc.headers })).statusCode).toBe(404);
    const { version } = await getCase(af, id);
    const acute = await t.app.inject({ method: 'POST', url: url(id, '/assessments'), headers: af.headers, payload: { version, decision: 'acute-care', reason: 'Direct opvang nodig.' } });
    expect(acute.statusCode, acute.body).toBe(201);
    const seen = await getCase(zc, id);
    expect(seen.access.via).toBe('grant');
    expect(seen.tracks[0].kind).toBe('care');
    expect(seen.tracks[0].canUpdate).toBe(true);
    // The region shares facts, persons, tracks and table with care coordination: not enrichment, consultations or places.
    expect(seen.withheld).toEqual(['places', 'enrichment', 'consultations']);
    expect(seen.places).toBeNull();
    expect(seen.persons).toHaveLength(1);
    expect(seen.permissions.update).toBe(false);
    const notice = await db().selectFrom('notification').select('kind').where('record_id', '=', id).where('kind', '=', 'track-assigned').executeTakeFirst();
    expect(notice?.kind).toBe('track-assigned');
    // The grant names its legal basis in words and why it exists.
    expect(seen.access.grant.legalBasisLabel.nl).not.toBe(seen.access.grant.legalBasis);
    expect(seen.access.grant.purpose).toBe('regie over het spoor zorg');
    // The read is logged on that grant, with the persons shown as its subjects.
    const read = await db().selectFrom('access_log').select(['grant_id', 'subjects']).where('record_id', '=', id).where('action', '=', 'read').where('grant_id', 'is not', null).execute();
    expect(read).toEqual([{ grant_id: seen.access.grant.id, subjects: seen.persons.map((p: { id: string }) => p.id) }]);
    // Closing their own track ends the zorgcoördinator's access: the close is done (204), with no refusal in the log.
    const closed = await t.app.inject({ method: 'PATCH', url: url(id, `/tracks/${seen.tracks[0].id}`), headers: zc.headers, payload: { version: seen.tracks[0].version, status: 'closed', closedReason: 'Overgedragen aan reguliere zorg.' } });
    expect(closed.statusCode, closed.body).toBe(204);
    expect((await getCase(af, id)).tracks[0].status).toBe('closed');
    expect((await t.app.inject({ url: url(id), headers: zc.headers })).statusCode).toBe(404);
    const denials = await db().selectFrom('access_log').select('id').where('record_id', '=', id).where('action', '=', 'denied').execute();
    expect(denials).toHaveLength(2); // the two reads refused on purpose above, not one for the close
  });

  it('records an acute intervention and tells the municipality and the table members at once, without content in the mail', async () => {
    const { id, reference } = await makeCase(t, af, HILVERSUM);
    const response = await t.app.inject({ method: 'POST', url: url(id, '/interventions'), headers: keten.headers, payload: { authority: 'police-om', organisationId: await organisationId(t, 'police'), actedAt: new Date(Date.now() - 3_600_000).toISOString(), description: 'Twee personen naar veilige opvang gebracht.' } });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().acute).toBe(true);
    const notified = await db().selectFrom('notification').select('user_id').where('record_id', '=', id).where('kind', '=', 'acute-intervention').execute();
    expect(notified.map((n) => n.user_id)).toContain(afId);
    const mails = await db().selectFrom('mail_outbox').select(['text_body', 'high_priority']).where('purpose', '=', 'notification:acute-intervention').execute();
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails.filter((m) => m.text_body.includes(reference))) {
      expect(mail.text_body).not.toContain('veilige opvang');
      expect(mail.high_priority).toBe(true);
    }
    const future = await t.app.inject({ method: 'POST', url: url(id, '/interventions'), headers: keten.headers, payload: { authority: 'mayor', actedAt: '2099-01-01T10:00:00+01:00', description: 'Sluiting' } });
    expect(future.statusCode).toBe(400);
    expect(future.json().invalidParams[0].name).toBe('body.actedAt');
  });
});

describe('work list, search, my work, bulk and export', () => {
  it('lists only what the user may see, searches by title in the body, and shows my work', async () => {
    const mine = await makeCase(t, af, HILVERSUM, { title: 'Nagelstudio Havenstraat' });
    const other = await makeCase(t, keten, HUIZEN, { title: 'Nagelstudio Kerkstraat' });
    const list = await t.app.inject({ url: '/api/v1/cases?pageSize=100', headers: af.headers });
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json()._embedded.cases.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(other.id);
    const search = await t.app.inject({ method: 'POST', url: '/api/v1/cases/_search', headers: af.headers, payload: { text: 'nagelstudio' } });
    expect(search.json()._embedded.cases.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    const everything = await t.app.inject({ method: 'POST', url: '/api/v1/cases/_search', headers: keten.headers, payload: { text: 'NAGELSTUDIO' } });
    expect(everything.json().page.totalElements).toBe(2);
    const work = await t.app.inject({ url: '/api/v1/my-work', headers: af.headers });
    expect(work.statusCode, work.body).toBe(200);
    expect(work.json().cases.map((c: { id: string }) => c.id)).toContain(mine.id);
    const logged = async () => (await db().selectFrom('access_log').select('id').where('record_type', '=', 'my-work').where('user_id', '=', afId).execute()).length;
    const before = await logged();
    const counts = await t.app.inject({ url: '/api/v1/my-work/counts', headers: af.headers });
    expect(counts.json().total).toBeGreaterThanOrEqual(1);
    // The navigation's poll: numbers only, no personal data in the answer, so no line in the access log.
    expect(Object.keys(counts.json()).sort()).toEqual(['actions', 'cases', 'handovers', 'overdue', 'total']);
    // The badge counts what the page shows (it loads no case rows of its own).
    const { cases, actions, handovers, overdue } = work.json().counts;
    expect(counts.json()).toEqual({ cases, actions, handovers, overdue, total: cases + actions + handovers });
    expect(cases).toBeGreaterThanOrEqual(1);
    expect(await logged()).toBe(before);
  });

  it('counts a grant only where it widens the scope, and the grant follows the case when its municipalities change', async () => {
    const huizenUser = await createTestUser(t, { roles: ['aandachtsfunctionaris'], municipalities: [HUIZEN] });
    const huizen = await logIn(t, huizenUser);
    const inHuizen = await makeCase(t, keten, HUIZEN, { title: 'Grant binnen de scope' });
    const inHilversum = await makeCase(t, keten, HILVERSUM, { title: 'Grant buiten de scope' });
    for (const caseId of [inHuizen.id, inHilversum.id]) {
      await db()
        .insertInto('access_grant')
        .values({ region_code: t.config.SCHAKEL_REGION, record_type: 'case', record_id: caseId, grantee_user_id: huizenUser.id, grantee_organisation_id: null, purpose: 'test', legal_basis: 'convenant', valid_until: new Date(Date.now() + 3_600_000), granted_by: null, revoked_at: null })
        .execute();
    }
    const copies = async () => new Map((await db().selectFrom('access_grant').select(['record_id', 'record_municipalities']).where('grantee_user_id', '=', huizenUser.id).execute()).map((g) => [g.record_id, g.record_municipalities]));
    // The database fills the copy of the case's municipalities when the grant is written.
    expect(await copies()).toEqual(new Map([[inHuizen.id, [HUIZEN]], [inHilversum.id, [HILVERSUM]]]));
    const list = async () => {
      const response = await t.app.inject({ url: '/api/v1/cases?pageSize=100', headers: huizen.headers });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      const ids: string[] = body._embedded.cases.map((c: { id: string }) => c.id);
      // The count is the list's own length: a case in scope that is granted as well is counted once.
      expect(body.page.totalElements).toBe(ids.length);
      return ids;
    };
    const search = async () => (await t.app.inject({ method: 'POST', url: '/api/v1/cases/_search', headers: huizen.headers, payload: { text: 'grant' } })).json();
    expect((await list()).filter((id) => id === inHuizen.id || id === inHilversum.id).sort()).toEqual([inHuizen.id, inHilversum.id].sort());
    expect((await search()).page.totalElements).toBe(2);
    // Huizen becomes involved in the Hilversum case: in scope now, still listed once.
    let version = (await getCase(keten, inHilversum.id)).version;
    const involve = await t.app.inject({ method: 'PATCH', url: url(inHilversum.id), headers: keten.headers, payload: { version, municipalities: [HUIZEN] } });
    expect(involve.statusCode, involve.body).toBe(200);
    expect((await copies()).get(inHilversum.id)).toEqual([HILVERSUM, HUIZEN]);
    expect((await list()).filter((id) => id === inHilversum.id)).toHaveLength(1);
    expect((await search()).page.totalElements).toBe(2);
    // And out again: the grant is what shows it, so its copy must have followed (a stale "in scope" would hide the case).
    version = (await getCase(keten, inHilversum.id)).version;
    const release = await t.app.inject({ method: 'PATCH', url: url(inHilversum.id), headers: keten.headers, payload: { version, municipalities: [] } });
    expect(release.statusCode, release.body).toBe(200);
    expect((await copies()).get(inHilversum.id)).toEqual([HILVERSUM]);
    expect(await list()).toContain(inHilversum.id);
    expect((await search())._embedded.cases.map((c: { id: string }) => c.id).sort()).toEqual([inHuizen.id, inHilversum.id].sort());
  });

  it('assigns and closes in bulk, each case on its own, and exports selected cases as CSV with each export logged', async () => {
    const a = await makeCase(t, af, HILVERSUM);
    const b = await makeCase(t, af, HILVERSUM);
    const foreign = await makeCase(t, keten, HUIZEN);
    const assign = await t.app.inject({ method: 'POST', url: '/api/v1/cases/_bulk', headers: af.headers, payload: { action: 'assign', caseIds: [a.id, b.id, foreign.id], assigneeId: null } });
    expect(assign.statusCode, assign.body).toBe(200);
    expect(assign.json().done).toBe(2);
    expect(assign.json()._embedded.results.find((r: { caseId: string }) => r.caseId === foreign.id).outcome).toBe('refused');
    const close = await t.app.inject({ method: 'POST', url: '/api/v1/cases/_bulk', headers: af.headers, payload: { action: 'close', caseIds: [a.id], reasonCode: 'no-exploitation', reason: 'Geen aanwijzingen na verrijking.' } });
    expect(close.json().done).toBe(1);
    const exported = await t.app.inject({ method: 'POST', url: '/api/v1/cases/_export', headers: af.headers, payload: { caseIds: [a.id, b.id, foreign.id], purpose: 'Voorbereiding tafel' } });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    const lines = exported.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('referentie;titel');
    expect(exported.headers['x-refused-count']).toBe('1');
    const logs = await db().selectFrom('access_log').select('record_id').where('action', '=', 'export').where('record_type', '=', 'case').where('purpose', '=', 'Voorbereiding tafel').execute();
    expect(logs.map((l) => l.record_id).sort()).toEqual([a.id, b.id].sort());
  });
});

describe('the work list total', () => {
  it('comes from a tally that matches the cases after every creation, hand-over, involvement and closure above', async () => {
    const counted = await sql<{ region_code: string; municipalities: string[]; open_cases: number; all_cases: number }>`
      select region_code, municipalities, count(*) filter (where status <> 'closed')::int as open_cases, count(*)::int as all_cases
      from case_file group by region_code, municipalities order by region_code, municipalities::text`.execute(db());
    const tally = await sql<{ region_code: string; municipalities: string[]; open_cases: number; all_cases: number }>`
      select region_code, municipalities, open_cases, all_cases from case_scope_tally where all_cases <> 0 order by region_code, municipalities::text`.execute(db());
    expect(counted.rows.length).toBeGreaterThan(2);
    expect(counted.rows.some((r) => r.municipalities.length > 1)).toBe(true);
    expect(counted.rows.some((r) => r.open_cases < r.all_cases)).toBe(true);
    expect(tally.rows).toEqual(counted.rows);
    // And the list's total is the tally's: open, all and closed, with and without a municipality filter.
    for (const query of ['', '?status=all', '?status=closed', `?municipality=${HILVERSUM}`, '?status=all&overdue=true']) {
      const response = await t.app.inject({ url: `/api/v1/cases${query}${query ? '&' : '?'}pageSize=100`, headers: af.headers });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().page.totalElements, query).toBe(response.json()._embedded.cases.length);
    }
  });

  it('pages in deadline order, then oldest, merging the municipalities of the scope and the grants outside it', async () => {
    const user = await createTestUser(t, { roles: ['aandachtsfunctionaris'], municipalities: [HILVERSUM, HUIZEN] });
    const both = await logIn(t, user);
    await makeCase(t, keten, HUIZEN);
    await makeCase(t, keten, HILVERSUM, { municipalities: [HUIZEN] });
    const granted = await makeCase(t, keten, GOOISE_MEREN);
    await makeCase(t, keten, GOOISE_MEREN);
    await makeCase(t, keten, HILVERSUM);
    await db()
      .insertInto('access_grant')
      .values({ region_code: t.config.SCHAKEL_REGION, record_type: 'case', record_id: granted.id, grantee_user_id: user.id, grantee_organisation_id: null, purpose: 'test', legal_basis: 'convenant', valid_until: new Date(Date.now() + 3_600_000), granted_by: null, revoked_at: null })
      .execute();
    const expected = (
      await sql<{ id: string }>`select id from case_file where status <> 'closed' and (municipalities && ${[HILVERSUM, HUIZEN]}::text[] or id = ${granted.id})
        order by next_due asc nulls last, created_at asc, id`.execute(db())
    ).rows.map((r) => r.id);
    expect(expected.length).toBeGreaterThan(6);
    const seen: string[] = [];
    for (let page = 1; seen.length < expected.length && page < 50; page++) {
      const response = await t.app.inject({ url: `/api/v1/cases?pageSize=3&page=${page}`, headers: both.headers });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().page.totalElements).toBe(expected.length);
      seen.push(...response.json()._embedded.cases.map((c: { id: string }) => c.id));
    }
    expect(seen).toEqual(expected);
  });
});
