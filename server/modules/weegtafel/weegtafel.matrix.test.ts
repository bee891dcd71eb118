import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@server/core/auth/roles';
import { createTestApp, createTestUser, logIn, type TestApp } from '@server/core/testing';
import { chairRoles, partnerRoles, tableRoles } from './weegtafel.policy';
import { createCase, createMembers, deniedCount, type Member, moveSessionIntoPast, OTHER, OWN } from './weegtafel.testing';

/**
 * Need to know (acceptance 1): every role × own/other municipality × invited/not invited × grant
 * valid/expired, for every endpoint of the module. One user per role, reused; three sessions:
 * invited and running, invited but past its grant period, and not invited.
 */
type State = 'valid' | 'expired' | 'none';
const states: State[] = ['valid', 'expired', 'none'];
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

let t: TestApp;
let members: Record<Role, Member>;
const sessions = {} as Record<State, { id: string; own: { id: string; title: string }; other: { id: string; title: string }; ownItem: string }>;
const hour = 3_600_000;

function call(member: Member, method: Method, url: string, payload?: object) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: member.session.headers, ...(payload ? { payload } : {}) });
}

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 100_000, RATE_LIMIT_PER_MINUTE: 100_000 });
  members = await createMembers(t);
  const chair = members.ketenregisseur;
  const organisations = [...new Set(Object.values(members).map((m) => m.organisationId))];
  for (const state of states) {
    const startsAt = new Date(Date.now() + 24 * hour);
    const created = await call(chair, 'POST', '/table-sessions', { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * hour).toISOString() });
    const id = created.json().id as string;
    const own = await createCase(t, { municipality: OWN });
    const other = await createCase(t, { municipality: OTHER });
    const bulk = await call(chair, 'POST', `/table-sessions/${id}/agenda-items/_bulk`, { caseIds: [own.id, other.id], kind: 'discussion' });
    expect(bulk.json().done).toBe(2);
    if (state !== 'none') {
      for (const organisationId of organisations) {
        // The municipality joins for its own case only.
        const limited = organisationId === members.aandachtsfunctionaris.organisationId ? { caseIds: [own.id] } : {};
        const invited = await call(chair, 'POST', `/table-sessions/${id}/invitations`, { organisationId, legalBasis: 'convenant', ...limited });
        expect(invited.statusCode, invited.body).toBe(201);
      }
    }
    if (state === 'expired') await moveSessionIntoPast(t, id);
    const ownItem = bulk.json()._embedded.results[0].itemId as string;
    sessions[state] = { id, own, other, ownItem };
  }
});
afterAll(() => t.close());

const isChair = (role: Role) => chairRoles.includes(role);
const seesSession = (role: Role, state: State) => isChair(role) || (partnerRoles.includes(role) && state === 'valid');

/** Which of the two cases of a session this role sees, when it sees the session. */
function seesCase(role: Role, state: State, scope: 'own' | 'other'): boolean {
  if (role === 'ketenregisseur') return true;
  if (role === 'aandachtsfunctionaris') return scope === 'own' && state === 'valid';
  return state === 'valid'; // procesregisseur, tafellid, zorgcoordinator: only through the invitation's grant
}

async function expectRefusalLogged(member: Member, before: number, failures: string[], label: string) {
  if ((await deniedCount(t, member.id)) <= before) failures.push(`${label}: refusal not in the access log`);
}

describe('need to know at the table', () => {
  it('reads: every role × own/other municipality × invited/not invited × grant valid/expired', async () => {
    const failures: string[] = [];
    const lines: string[] = [];
    for (const role of Object.keys(members) as Role[]) {
      const member = members[role];
      for (const state of states) {
        const session = sessions[state];
        for (const path of ['', '/agenda-document', '/minutes-document']) {
          const before = await deniedCount(t, member.id);
          const response = await call(member, 'GET', `/table-sessions/${session.id}${path}`);
          const want = seesSession(role, state);
          const label = `${role} ${state} GET ${path || 'detail'}`;
          lines.push(`${label}: ${response.statusCode}`);
          if (want !== (response.statusCode === 200)) failures.push(`${label}: expected ${want ? 200 : 'refusal'}, got ${response.statusCode}`);
          if (!want) {
            const expected = tableRoles.includes(role) ? 404 : 403;
            if (response.statusCode !== expected) failures.push(`${label}: refusal must be ${expected}, got ${response.statusCode}`);
            if (expected === 404 && response.statusCode === 404 && response.json().code !== 'table.session-not-found') failures.push(`${label}: the refusal reveals more than a missing session`);
            await expectRefusalLogged(member, before, failures, label);
          }
          if (want && path === '') {
            const agenda = response.json().agenda as { caseId: string; withheld: boolean; case: { title: string | null } | null }[];
            for (const scope of ['own', 'other'] as const) {
              const item = agenda.find((a) => a.caseId === session[scope].id)!;
              const visible = !item.withheld && item.case !== null;
              if (visible !== seesCase(role, state, scope)) failures.push(`${label} ${scope} case: expected ${seesCase(role, state, scope) ? 'visible' : 'withheld'}`);
              if (!visible && JSON.stringify(item).includes(session[scope].title)) failures.push(`${label} ${scope} case: withheld but its title is in the answer`);
            }
          }
        }
      }
      // The list: chairs all of the region; partners only the running invitation.
      const list = await call(member, 'GET', '/table-sessions?pageSize=100');
      if (!tableRoles.includes(role)) {
        if (list.statusCode !== 403) failures.push(`${role} list: expected 403, got ${list.statusCode}`);
        continue;
      }
      const ids = (list.json()._embedded.sessions as { id: string }[]).map((s) => s.id);
      for (const state of states) {
        if (ids.includes(sessions[state].id) !== seesSession(role, state)) failures.push(`${role} list ${state}: expected ${seesSession(role, state) ? 'listed' : 'not listed'}`);
      }
    }
    expect(failures, lines.join('\n')).toEqual([]);
  });

  it('the grant itself ends: a partner reads the case of a running session and is refused (and logged) after expiry', async () => {
    const police = members.tafellid;
    expect((await call(police, 'GET', `/cases/${sessions.valid.other.id}`)).statusCode).toBe(200);
    const before = await deniedCount(t, police.id);
    expect((await call(police, 'GET', `/cases/${sessions.expired.other.id}`)).statusCode).toBe(404);
    expect((await call(police, 'GET', `/cases/${sessions.none.other.id}`)).statusCode).toBe(404);
    expect(await deniedCount(t, police.id)).toBe(before + 2);
  });

  it('changes: only the chairs of the region, whatever the invitation; partners and others are refused and logged', async () => {
    const unknown = randomUUID();
    const endpoints = (id: string, ownItem: string): [Method, string, object | undefined][] => [
      ['PATCH', `/table-sessions/${id}`, { version: 9999, location: 'Elders' }],
      ['GET', `/table-sessions/${id}/agenda-candidates`, undefined],
      ['POST', `/table-sessions/${id}/agenda-items`, { caseId: unknown, kind: 'discussion' }],
      ['POST', `/table-sessions/${id}/agenda-items/_bulk`, { caseIds: [unknown], kind: 'discussion' }],
      ['PATCH', `/table-sessions/${id}/agenda-items/${unknown}`, { summary: 'x' }],
      ['DELETE', `/table-sessions/${id}/agenda-items/${unknown}`, undefined],
      ['POST', `/table-sessions/${id}/invitations`, { organisationId: unknown, legalBasis: 'convenant' }],
      ['DELETE', `/table-sessions/${id}/invitations/${unknown}`, undefined],
      ['PUT', `/table-sessions/${id}/attendance`, { entries: [{ organisationId: unknown, present: true }] }],
      ['POST', `/table-sessions/${id}/decisions`, { agendaItemId: ownItem, text: 'Besluit', tracks: [{ kind: 'care', ownerOrganisationId: unknown }] }],
      ['POST', `/table-sessions/${id}/minutes-confirmation`, { version: 9999 }],
      ['POST', `/table-sessions/${id}/amendments`, { text: 'Wijziging' }],
    ];
    const failures: string[] = [];
    for (const role of Object.keys(members) as Role[]) {
      const member = members[role];
      for (const state of states) {
        for (const [method, url, payload] of endpoints(sessions[state].id, sessions[state].ownItem)) {
          const before = await deniedCount(t, member.id);
          const response = await call(member, method, url, payload);
          const label = `${role} ${state} ${method} ${url.replace(sessions[state].id, ':id')}`;
          const passed = ![401, 403].includes(response.statusCode) && response.json().code !== 'table.session-not-found';
          if (passed !== isChair(role)) failures.push(`${label}: expected ${isChair(role) ? 'past authorization' : 'refusal'}, got ${response.statusCode} ${response.json().code ?? ''}`);
          if (!isChair(role)) {
            if (response.statusCode !== 403) failures.push(`${label}: expected 403, got ${response.statusCode}`);
            await expectRefusalLogged(member, before, failures, label);
          }
        }
      }
      const create = await call(member, 'POST', '/table-sessions', { startsAt: '2026-12-20T09:00:00Z', endsAt: '2026-12-20T11:00:00Z' });
      if ((create.statusCode === 201) !== isChair(role)) failures.push(`${role} POST /table-sessions: got ${create.statusCode}`);
      const bases = await call(member, 'GET', '/partner-legal-bases');
      const mayRecord = ['ketenregisseur', 'procesregisseur', 'tafellid', 'zorgcoordinator'].includes(role);
      if ((bases.statusCode === 200) !== mayRecord) failures.push(`${role} GET /partner-legal-bases: got ${bases.statusCode}`);
      const ownBasis = await call(member, 'PUT', `/partner-legal-bases/${member.organisationId}`, { legalBasis: 'convenant' });
      if ((ownBasis.statusCode === 204) !== mayRecord) failures.push(`${role} PUT own legal basis: got ${ownBasis.statusCode}`);
      const otherBasis = await call(member, 'PUT', `/partner-legal-bases/${members.tafellid.organisationId === member.organisationId ? members.zorgcoordinator.organisationId : members.tafellid.organisationId}`, { legalBasis: 'convenant' });
      if ((otherBasis.statusCode === 204) !== (role === 'ketenregisseur')) failures.push(`${role} PUT another organisation's legal basis: got ${otherBasis.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('a chair of another region neither sees nor changes the session (404, logged)', async () => {
    const user = await createTestUser(t, { roles: ['ketenregisseur'], organisationType: 'zorg-en-veiligheidshuis', region: 'ijsselland' });
    const elsewhere: Member = { role: 'ketenregisseur', id: user.id, organisationId: '', name: '', session: await logIn(t, user) };
    const before = await deniedCount(t, elsewhere.id);
    expect((await call(elsewhere, 'GET', `/table-sessions/${sessions.valid.id}`)).statusCode).toBe(404);
    expect((await call(elsewhere, 'PATCH', `/table-sessions/${sessions.valid.id}`, { version: 1, location: 'x' })).statusCode).toBe(404);
    const list = await call(elsewhere, 'GET', '/table-sessions');
    expect(list.json()._embedded.sessions.map((s: { id: string }) => s.id)).not.toContain(sessions.valid.id);
    expect(await deniedCount(t, elsewhere.id)).toBe(before + 2);
  });
});
