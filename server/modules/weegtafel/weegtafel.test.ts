import { randomUUID } from 'node:crypto';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@server/core/auth/roles';
import { createTestApp, type TestApp } from '@server/core/testing';
import { CONFIDENTIAL, WITHHELD } from './weegtafel.documents';
import { refusedOnceConfirmed } from './weegtafel.sessions';
import { createCase, createMembers, type Member, OTHER, OWN } from './weegtafel.testing';

let t: TestApp;
let members: Record<Role, Member>;
const db = () => t.prepared.database.db;
const hour = 3_600_000;

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 100_000, RATE_LIMIT_PER_MINUTE: 100_000 });
  members = await createMembers(t);
});
afterAll(() => t.close());

function call(member: Member, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: member.session.headers, ...(payload ? { payload } : {}) });
}
const chair = () => members.ketenregisseur;

async function newSession(startOffsetHours = 24, lengthHours = 3) {
  const startsAt = new Date(Date.now() + startOffsetHours * hour);
  const response = await call(chair(), 'POST', '/table-sessions', { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + lengthHours * hour).toISOString(), location: 'ZVH, zaal 2' });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; reference: string; version: number };
}
async function detail(member: Member, id: string) {
  return call(member, 'GET', `/table-sessions/${id}`);
}
async function pdfText(member: Member, id: string, which: 'agenda' | 'minutes') {
  // A client that asks for exactly a PDF gets one (the route declares it produces application/pdf).
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/table-sessions/${id}/${which}-document`, headers: { ...member.session.headers, accept: 'application/pdf' } });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/pdf');
  expect(response.headers['content-disposition']).toMatch(/^attachment; filename="/);
  expect(response.headers['cache-control']).toBe('private, no-store');
  const { text, totalPages } = await extractText(new Uint8Array(response.rawPayload), { mergePages: false });
  return { pages: text as string[], totalPages, all: (text as string[]).join('\n') };
}

describe('the weeg- en monitortafel', () => {
  it('plans a session with a WT reference and the region’s grant length', async () => {
    const created = await newSession();
    expect(created.reference).toMatch(/^WT-\d{4}-\d{3,}$/);
    const january = await call(chair(), 'POST', '/table-sessions', { startsAt: '2031-01-06T09:00:00+01:00', endsAt: '2031-01-06T12:00:00+01:00' });
    expect(january.json().reference).toMatch(/^WT-2031-\d{3,}$/);
    const row = await db().selectFrom('table_session').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.grant_hours_after).toBe(48);
    expect(row.chair_user_id).toBe(chair().id);
    const bad = await call(chair(), 'POST', '/table-sessions', { startsAt: '2026-12-10T12:00:00Z', endsAt: '2026-12-10T09:00:00Z' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams[0].name).toBe('body.endsAt');
  });

  it('composes the agenda from candidates; bulk results per item; invitations give time-boxed grants on exactly the agenda’s cases', async () => {
    const session = await newSession();
    const own = await createCase(t, { municipality: OWN });
    const other = await createCase(t, { municipality: OTHER, status: 'monitoring' });
    await db()
      .insertInto('case_track')
      .values({ case_id: other.id, region_code: t.config.SCHAKEL_REGION, kind: 'care', measure: null, owner_organisation_id: members.zorgcoordinator.organisationId, decision_id: null, opened_by: null })
      .execute();
    const closed = await createCase(t, { municipality: OWN, status: 'closed' });

    const candidates = await call(chair(), 'GET', `/table-sessions/${session.id}/agenda-candidates`);
    expect(candidates.statusCode).toBe(200);
    const byId = new Map(candidates.json()._embedded.candidates.map((c: { caseId: string }) => [c.caseId, c]));
    expect(byId.get(own.id)).toMatchObject({ kind: 'discussion', title: own.title });
    expect(byId.get(other.id)).toMatchObject({ kind: 'monitoring', openTracks: 1 });
    expect(byId.has(closed.id)).toBe(false);

    const single = await call(chair(), 'POST', `/table-sessions/${session.id}/agenda-items`, { caseId: own.id, kind: 'discussion' });
    expect(single.statusCode).toBe(201);
    const unknown = randomUUID();
    const bulk = await call(chair(), 'POST', `/table-sessions/${session.id}/agenda-items/_bulk`, { caseIds: [other.id, closed.id, unknown, own.id], kind: 'monitoring' });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json()._embedded.results.map((r: { outcome: string; code: string | null }) => [r.outcome, r.code])).toEqual([
      ['done', null],
      ['invalid', 'case.closed'],
      ['refused', 'case.not-found'],
      ['invalid', 'request.invalid'],
    ]);
    expect(bulk.json()).toMatchObject({ done: 1, failed: 3 });
    const after = await call(chair(), 'GET', `/table-sessions/${session.id}/agenda-candidates`);
    expect(after.json()._embedded.candidates.map((c: { caseId: string }) => c.caseId)).not.toContain(own.id);
    const events = await db().selectFrom('case_event').select(['kind', 'field_group']).where('case_id', '=', own.id).execute();
    expect(events).toContainEqual({ kind: 'put-on-agenda', field_group: 'table' });

    // The police records its own legal basis; inviting without one is refused (422) and changes nothing.
    const police = members.tafellid.organisationId;
    const refused = await call(chair(), 'POST', `/table-sessions/${session.id}/invitations`, { organisationId: police });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('table.no-legal-basis');
    expect(await db().selectFrom('table_invitation').select('id').where('session_id', '=', session.id).execute()).toEqual([]);
    expect((await call(members.tafellid, 'PUT', `/partner-legal-bases/${members.zorgcoordinator.organisationId}`, { legalBasis: 'wpg' })).statusCode).toBe(403);
    expect((await call(members.tafellid, 'PUT', `/partner-legal-bases/${police}`, { legalBasis: 'nonsense' })).statusCode).toBe(400);
    expect((await call(members.tafellid, 'PUT', `/partner-legal-bases/${police}`, { legalBasis: 'wpg', note: 'art. 20 Wpg' })).statusCode).toBe(204);
    const bases = await call(members.ketenregisseur, 'GET', '/partner-legal-bases');
    expect(bases.json()._embedded.legalBases).toContainEqual(expect.objectContaining({ legalBasis: 'wpg', note: 'art. 20 Wpg' }));

    const invited = await call(chair(), 'POST', `/table-sessions/${session.id}/invitations`, { organisationId: police });
    expect(invited.statusCode, invited.body).toBe(201);
    const municipality = members.aandachtsfunctionaris.organisationId;
    expect((await call(chair(), 'POST', `/table-sessions/${session.id}/invitations`, { organisationId: municipality, legalBasis: 'avg-6-1-e', caseIds: [closed.id] })).json().code).toBe('table.case-not-on-agenda');
    expect((await call(chair(), 'POST', `/table-sessions/${session.id}/invitations`, { organisationId: municipality, legalBasis: 'made-up' })).statusCode).toBe(400);
    const limited = await call(chair(), 'POST', `/table-sessions/${session.id}/invitations`, { organisationId: municipality, legalBasis: 'avg-6-1-e', caseIds: [own.id] });
    expect(limited.statusCode).toBe(201);

    const grants = await db().selectFrom('access_grant').selectAll().where('source_type', '=', 'table-invitation').where('source_id', 'in', [invited.json().id, limited.json().id]).execute();
    const sessionRow = await db().selectFrom('table_session').select(['ends_at']).where('id', '=', session.id).executeTakeFirstOrThrow();
    expect(grants.map((g) => [g.grantee_organisation_id, g.record_id, g.legal_basis]).sort()).toEqual(
      [
        [police, own.id, 'wpg'],
        [police, other.id, 'wpg'],
        [municipality, own.id, 'avg-6-1-e'],
      ].sort(),
    );
    for (const g of grants) expect(new Date(g.valid_until).getTime()).toBe(new Date(sessionRow.ends_at).getTime() + 48 * hour);
    const notified = await db().selectFrom('notification').select(['user_id', 'kind']).where('record_id', '=', session.id).execute();
    expect(notified).toContainEqual({ user_id: members.tafellid.id, kind: 'table-invitation' });

    // A case added later reaches the police (unlimited) but not the municipality (limited to its own case).
    const late = await createCase(t, { municipality: OTHER });
    expect((await call(chair(), 'POST', `/table-sessions/${session.id}/agenda-items`, { caseId: late.id, kind: 'discussion' })).statusCode).toBe(201);
    const lateGrants = await db().selectFrom('access_grant').select(['grantee_organisation_id']).where('record_id', '=', late.id).where('revoked_at', 'is', null).execute();
    expect(lateGrants).toEqual([{ grantee_organisation_id: police }]);
    const item = (await detail(chair(), session.id)).json().agenda.find((a: { caseId: string }) => a.caseId === late.id);
    expect((await call(chair(), 'DELETE', `/table-sessions/${session.id}/agenda-items/${item.id}`)).statusCode).toBe(204);
    expect(await db().selectFrom('access_grant').select('id').where('record_id', '=', late.id).where('revoked_at', 'is', null).execute()).toEqual([]);

    // Need to know in the detail: the police sees both cases, the municipality only its own.
    const forPolice = (await detail(members.tafellid, session.id)).json();
    expect(forPolice.agenda.map((a: { withheld: boolean }) => a.withheld)).toEqual([false, false]);
    expect(forPolice.agenda[1].openTracks).toEqual([expect.objectContaining({ kind: 'care', actions: 0, overdue: 0 })]);
    expect(forPolice.permissions.update).toBe(false);
    const forMunicipality = (await detail(members.aandachtsfunctionaris, session.id)).json();
    const withheld = forMunicipality.agenda.find((a: { caseId: string }) => a.caseId === other.id);
    expect(withheld).toMatchObject({ withheld: true, case: null, caseReference: other.reference, summary: null, decisions: null });
    const readLog = await db().selectFrom('access_log').select(['action', 'grant_id', 'purpose']).where('user_id', '=', members.tafellid.id).where('record_id', '=', own.id).where('action', '=', 'read').execute();
    expect(readLog[0]).toMatchObject({ purpose: 'weeg- en monitortafel' });
    expect(readLog[0]!.grant_id).toBeTruthy();

    // Moving the end moves the grants; the stale version of a second chair is refused and changes nothing.
    const current = (await detail(chair(), session.id)).json();
    const newEnd = new Date(new Date(current.endsAt).getTime() + 2 * hour);
    expect((await call(chair(), 'PATCH', `/table-sessions/${session.id}`, { version: current.version, endsAt: newEnd.toISOString() })).statusCode).toBe(204);
    const stale = await call(members.procesregisseur, 'PATCH', `/table-sessions/${session.id}`, { version: current.version, location: 'Elders' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('table.session-version-conflict');
    const moved = await db().selectFrom('access_grant').select(['valid_until']).where('source_id', '=', invited.json().id).where('revoked_at', 'is', null).execute();
    for (const g of moved) expect(new Date(g.valid_until).getTime()).toBe(newEnd.getTime() + 48 * hour);
    expect((await db().selectFrom('table_session').select('location').where('id', '=', session.id).executeTakeFirstOrThrow()).location).toBe('ZVH, zaal 2');
    // The invited partners hear of it: each invited organisation's accounts, once.
    const told = async (kind: string) => (await db().selectFrom('notification').select('user_id').where('record_id', '=', session.id).where('kind', '=', kind).execute()).map((n) => n.user_id);
    expect(await told('table-session-moved')).toEqual(expect.arrayContaining([members.tafellid.id, members.aandachtsfunctionaris.id]));
    expect(new Set(await told('table-session-moved')).size).toBe((await told('table-session-moved')).length);

    // Cancelling revokes every invitation grant; the partners no longer see the session.
    const fresh = (await detail(chair(), session.id)).json();
    expect((await call(chair(), 'PATCH', `/table-sessions/${session.id}`, { version: fresh.version, status: 'cancelled' })).statusCode).toBe(204);
    expect(await db().selectFrom('access_grant').select('id').where('source_type', '=', 'table-invitation').where('source_id', '=', invited.json().id).where('revoked_at', 'is', null).execute()).toEqual([]);
    expect((await detail(members.tafellid, session.id)).statusCode).toBe(404);
    expect(await told('table-session-cancelled')).toEqual(expect.arrayContaining([members.tafellid.id, members.aandachtsfunctionaris.id]));
    expect((await call(chair(), 'PATCH', `/table-sessions/${session.id}`, { version: fresh.version + 1, location: 'x' })).json().code).toBe('table.session-closed');
  });

  it('records attendance, summaries and decisions that open tracks; confirms the minutes; then only amendments', async () => {
    const session = await newSession(-1, 3); // started an hour ago
    const kase = await createCase(t, { municipality: OWN });
    const closedLater = await createCase(t, { municipality: OTHER });
    for (const c of [kase, closedLater]) expect((await call(chair(), 'POST', `/table-sessions/${session.id}/agenda-items`, { caseId: c.id, kind: 'discussion' })).statusCode).toBe(201);
    const items = (await detail(chair(), session.id)).json().agenda as { id: string; caseId: string }[];
    const item = items.find((i) => i.caseId === kase.id)!;
    const closedItem = items.find((i) => i.caseId === closedLater.id)!;

    const notConfirmable = await call(chair(), 'POST', `/table-sessions/${session.id}/minutes-confirmation`, { version: (await detail(chair(), session.id)).json().version });
    expect(notConfirmable.statusCode).toBe(409);
    expect(notConfirmable.json()).toMatchObject({ code: 'table.minutes-not-confirmable', invalidParams: [expect.objectContaining({ name: 'attendance' })] });

    const police = members.tafellid.organisationId;
    const care = members.zorgcoordinator.organisationId;
    expect((await call(chair(), 'PUT', `/table-sessions/${session.id}/attendance`, { entries: [{ organisationId: police, present: true }, { organisationId: care, present: false }] })).statusCode).toBe(204);
    expect((await call(chair(), 'PATCH', `/table-sessions/${session.id}/agenda-items/${item.id}`, { summary: 'Zorgspoor loopt; politie onderzoekt werkgever.' })).statusCode).toBe(204);

    const decision = await call(chair(), 'POST', `/table-sessions/${session.id}/decisions`, {
      agendaItemId: item.id,
      text: 'Zorg via de zorgcoördinator; bestuurlijke sluiting onderzoeken.',
      tracks: [
        { kind: 'care', ownerOrganisationId: care },
        { kind: 'administrative', ownerOrganisationId: members.aandachtsfunctionaris.organisationId, measure: 'closure' },
      ],
    });
    expect(decision.statusCode, decision.body).toBe(201);
    const { id: decisionId, trackIds } = decision.json();
    expect(trackIds).toHaveLength(2);
    const tracks = await db().selectFrom('case_track').select(['id', 'decision_id']).where('case_id', '=', kase.id).execute();
    expect(tracks.map((tr) => tr.decision_id)).toEqual([decisionId, decisionId]);
    const stored = await db().selectFrom('table_decision').select(['track_ids']).where('id', '=', decisionId).executeTakeFirstOrThrow();
    expect([...stored.track_ids].sort()).toEqual([...trackIds].sort());
    expect((await db().selectFrom('case_file').select('status').where('id', '=', kase.id).executeTakeFirstOrThrow()).status).toBe('monitoring');

    // Bad input, nothing changed: an administrative track without measure; a decision on a closed case.
    const noMeasure = await call(chair(), 'POST', `/table-sessions/${session.id}/decisions`, { agendaItemId: item.id, text: 'Bestuurlijk', tracks: [{ kind: 'administrative', ownerOrganisationId: care }] });
    expect(noMeasure.json().invalidParams).toEqual([expect.objectContaining({ name: 'body.tracks.0.measure' })]);
    await db().updateTable('case_file').set({ status: 'closed' }).where('id', '=', closedLater.id).execute();
    const onClosed = await call(chair(), 'POST', `/table-sessions/${session.id}/decisions`, { agendaItemId: closedItem.id, text: 'Zorgspoor openen', tracks: [{ kind: 'care', ownerOrganisationId: care }] });
    expect(onClosed.statusCode).toBe(409);
    expect(onClosed.json().code).toBe('case.closed');
    expect(await db().selectFrom('case_track').select('id').where('case_id', '=', closedLater.id).execute()).toEqual([]);
    expect(await db().selectFrom('table_decision').select('id').where('case_id', '=', closedLater.id).execute()).toEqual([]);
    // Decisions are append-only in the database itself.
    await expect(db().updateTable('table_decision').set({ text: 'anders' }).where('id', '=', decisionId).execute()).rejects.toThrow(/append-only/);

    const version = (await detail(chair(), session.id)).json().version;
    expect((await call(chair(), 'POST', `/table-sessions/${session.id}/amendments`, { text: 'Te vroeg' })).statusCode).toBe(400);
    expect((await call(chair(), 'POST', `/table-sessions/${session.id}/minutes-confirmation`, { version: version - 1 })).json().code).toBe('table.session-version-conflict');
    expect((await call(chair(), 'POST', `/table-sessions/${session.id}/minutes-confirmation`, { version })).statusCode).toBe(204);
    const confirmed = (await detail(chair(), session.id)).json();
    expect(confirmed).toMatchObject({ status: 'confirmed', minutesConfirmedBy: { id: chair().id } });

    // Confirmed: no more changes, through the API or around it.
    for (const [method, url, payload] of [
      ['PATCH', `/table-sessions/${session.id}/agenda-items/${item.id}`, { summary: 'Achteraf anders' }],
      ['PUT', `/table-sessions/${session.id}/attendance`, { entries: [{ organisationId: care, present: true }] }],
      ['POST', `/table-sessions/${session.id}/decisions`, { agendaItemId: item.id, text: 'Nog een besluit' }],
      ['PATCH', `/table-sessions/${session.id}`, { version: confirmed.version, location: 'Elders' }],
      ['DELETE', `/table-sessions/${session.id}/agenda-items/${item.id}`, undefined],
    ] as const) {
      const response = await call(chair(), method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(409);
      expect(response.json().code).toBe('table.session-closed');
    }
    await expect(db().updateTable('table_agenda_item').set({ summary: 'stiekem' }).where('id', '=', item.id).execute()).rejects.toThrow(/minutes confirmed/);
    // Should a change cross the confirmation, the trigger's refusal becomes the same 409, never a 500.
    await expect(refusedOnceConfirmed(() => db().deleteFrom('table_attendance').where('session_id', '=', session.id).execute())).rejects.toMatchObject({ code: 'table.session-closed', status: 409 });
    expect((await db().selectFrom('table_agenda_item').select('summary').where('id', '=', item.id).executeTakeFirstOrThrow()).summary).toBe('Zorgspoor loopt; politie onderzoekt werkgever.');

    expect((await call(chair(), 'POST', `/table-sessions/${session.id}/amendments`, { text: 'Correctie: sluiting ligt bij Blaricum.' })).statusCode).toBe(201);
    const minutes = await pdfText(chair(), session.id, 'minutes');
    expect(minutes.all).toContain('Vastgesteld op');
    expect(minutes.all).toContain('Correctie: sluiting ligt bij Blaricum.');
    expect(minutes.all).toContain('Zorgspoor loopt; politie onderzoekt werkgever.');
    expect(minutes.all).toContain('Zorg via de zorgcoördinator');
    expect(minutes.all).toContain('aanwezig');
    const timeline = await db().selectFrom('case_event').select(['kind']).where('case_id', '=', kase.id).where('field_group', '=', 'table').execute();
    expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['put-on-agenda', 'decision', 'discussed']));
  });

  it('makes each PDF for its recipient: marked on every page, withheld cases by reference only, each case logged as printed', async () => {
    const session = await newSession();
    const own = await createCase(t, { municipality: OWN, title: 'Nagelstudio Brink Blaricum' });
    const other = await createCase(t, { municipality: OTHER, title: 'Uitzendbureau Havenstraat Hilversum' });
    // Enough cases for a second page.
    const filler = await Promise.all(Array.from({ length: 30 }, () => createCase(t, { municipality: OWN })));
    const caseIds = [own.id, other.id, ...filler.map((c) => c.id)];
    expect((await call(chair(), 'POST', `/table-sessions/${session.id}/agenda-items/_bulk`, { caseIds, kind: 'discussion' })).json().done).toBe(32);
    const municipality = members.aandachtsfunctionaris.organisationId;
    expect((await call(chair(), 'POST', `/table-sessions/${session.id}/invitations`, { organisationId: municipality, legalBasis: 'avg-6-1-e', caseIds: [own.id] })).statusCode).toBe(201);

    const agenda = await pdfText(members.aandachtsfunctionaris, session.id, 'agenda');
    expect(agenda.totalPages).toBeGreaterThan(1);
    for (const page of agenda.pages) {
      expect(page).toContain(CONFIDENTIAL);
      expect(page).toContain(members.aandachtsfunctionaris.name);
    }
    expect(agenda.all).toContain('Nagelstudio Brink Blaricum');
    expect(agenda.all).toContain(other.reference);
    expect(agenda.all).not.toContain('Uitzendbureau Havenstraat');
    expect(agenda.all).toContain(WITHHELD);
    expect(agenda.all).toContain('Gemeente Blaricum');
    const draft = await pdfText(members.aandachtsfunctionaris, session.id, 'minutes');
    expect(draft.all).toContain('CONCEPT — niet vastgesteld');
    expect(draft.all).not.toContain('Uitzendbureau Havenstraat');

    const printed = await db().selectFrom('access_log').select(['record_id']).where('user_id', '=', members.aandachtsfunctionaris.id).where('action', '=', 'print').where('record_type', '=', 'case').execute();
    expect(printed.map((p) => p.record_id)).toContain(own.id);
    const chairAgenda = await pdfText(chair(), session.id, 'agenda');
    expect(chairAgenda.all).toContain('Uitzendbureau Havenstraat Hilversum');
  });
});
