import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@server/core/auth/roles';
import { roles } from '@server/core/auth/roles';
import { createTestApp, createTestUser, type GrantState, logIn, type LoggedIn, type ScopeRelation, type TestApp } from '@server/core/testing';
import { HILVERSUM, HUIZEN, makeCase } from './cases.testing';

/**
 * Need to know for every endpoint of the cases module (issue #6, acceptance 1): each role × a
 * case in the user's own or another municipality × a grant to the user that is valid, expired,
 * revoked or absent. One account per role (scoped to Hilversum) and eight cases; each probe sends
 * a request that an authorized caller cannot complete (a stale version, an unknown id, a date in
 * the future), so "authorized" shows as any answer but a refusal, and nothing changes state.
 */
const grantStates: GrantState[] = ['valid', 'expired', 'revoked', 'none'];
const grantRoles: Role[] = ['tafellid', 'zorgcoordinator', 'procesregisseur', 'aandachtsfunctionaris'];
const interventionRoles: Role[] = ['ketenregisseur', 'aandachtsfunctionaris', 'tafellid', 'zorgcoordinator', 'procesregisseur'];
const listRoles: Role[] = ['aandachtsfunctionaris', 'ketenregisseur', 'tafellid', 'zorgcoordinator', 'procesregisseur'];
const refusalCodes = ['case.not-found', 'access.denied', 'auth.required'];

const mayRead = (role: Role, scope: ScopeRelation, grant: GrantState) =>
  role === 'ketenregisseur' || (role === 'aandachtsfunctionaris' && scope === 'own') || (grant === 'valid' && grantRoles.includes(role));
const mayUpdate = (role: Role, scope: ScopeRelation) => role === 'ketenregisseur' || (role === 'aandachtsfunctionaris' && scope === 'own');

type Probe = { name: string; expected: (role: Role, scope: ScopeRelation, grant: GrantState) => boolean; request: (id: string) => { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object } };
const stale = 999_999;
const probes: Probe[] = [
  { name: 'GET /cases/{id}', expected: mayRead, request: (id) => ({ method: 'GET', url: `/api/v1/cases/${id}` }) },
  { name: 'GET /cases/{id}/events', expected: mayRead, request: (id) => ({ method: 'GET', url: `/api/v1/cases/${id}/events` }) },
  { name: 'GET /cases/{id}/assignees', expected: mayUpdate, request: (id) => ({ method: 'GET', url: `/api/v1/cases/${id}/assignees` }) },
  { name: 'PATCH /cases/{id}', expected: mayUpdate, request: (id) => ({ method: 'PATCH', url: `/api/v1/cases/${id}`, payload: { version: stale, summary: 'x' } }) },
  { name: 'POST /cases/{id}/signals', expected: mayUpdate, request: (id) => ({ method: 'POST', url: `/api/v1/cases/${id}/signals`, payload: { signalId: randomUUID(), version: stale } }) },
  { name: 'POST /cases/{id}/assessments', expected: mayUpdate, request: (id) => ({ method: 'POST', url: `/api/v1/cases/${id}/assessments`, payload: { version: stale, decision: 'table', reason: 'x' } }) },
  { name: 'POST /cases/{id}/closures', expected: mayUpdate, request: (id) => ({ method: 'POST', url: `/api/v1/cases/${id}/closures`, payload: { version: stale, reasonCode: 'other', reason: 'x' } }) },
  { name: 'POST /cases/{id}/source-checks', expected: mayUpdate, request: (id) => ({ method: 'POST', url: `/api/v1/cases/${id}/source-checks`, payload: { source: 'brp', consultedOn: '2099-01-01', finding: 'x' } }) },
  { name: 'POST /cases/{id}/consultations', expected: mayUpdate, request: (id) => ({ method: 'POST', url: `/api/v1/cases/${id}/consultations`, payload: { organisationId: randomUUID(), consultedOn: '2026-01-01', summary: 'x' } }) },
  { name: 'POST /cases/{id}/handovers', expected: mayUpdate, request: (id) => ({ method: 'POST', url: `/api/v1/cases/${id}/handovers`, payload: { toMunicipality: 'GM9999', reason: 'x' } }) },
  { name: 'PATCH /cases/{id}/handovers/{handoverId}', expected: mayRead, request: (id) => ({ method: 'PATCH', url: `/api/v1/cases/${id}/handovers/${randomUUID()}`, payload: { decision: 'accepted' } }) },
  { name: 'POST /cases/{id}/tracks', expected: mayUpdate, request: (id) => ({ method: 'POST', url: `/api/v1/cases/${id}/tracks`, payload: { kind: 'care', ownerOrganisationId: randomUUID() } }) },
  { name: 'PATCH /cases/{id}/tracks/{trackId}', expected: mayRead, request: (id) => ({ method: 'PATCH', url: `/api/v1/cases/${id}/tracks/${randomUUID()}`, payload: { version: stale, status: 'closed', closedReason: 'x' } }) },
  { name: 'POST /cases/{id}/tracks/{trackId}/actions', expected: mayRead, request: (id) => ({ method: 'POST', url: `/api/v1/cases/${id}/tracks/${randomUUID()}/actions`, payload: { description: 'x', ownerOrganisationId: randomUUID(), dueOn: '2099-01-01' } }) },
  { name: 'PATCH /cases/{id}/tracks/{trackId}/actions/{actionId}', expected: mayRead, request: (id) => ({ method: 'PATCH', url: `/api/v1/cases/${id}/tracks/${randomUUID()}/actions/${randomUUID()}`, payload: { version: stale, status: 'done' } }) },
  {
    name: 'POST /cases/{id}/interventions',
    expected: (role, scope, grant) => mayRead(role, scope, grant) && interventionRoles.includes(role),
    request: (id) => ({ method: 'POST', url: `/api/v1/cases/${id}/interventions`, payload: { authority: 'mayor', actedAt: '2099-01-01T10:00:00+01:00', description: 'x' } }),
  },
];

let t: TestApp;
const sessions = new Map<Role, { user: string; session: LoggedIn }>();
const cases = new Map<string, string>(); // `${scope}:${grant}` → case id

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 100_000, RATE_LIMIT_PER_MINUTE: 100_000 });
  const keten = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'], allMunicipalities: true }));
  for (const scope of ['own', 'other'] as const) {
    for (const grant of grantStates) cases.set(`${scope}:${grant}`, (await makeCase(t, keten, scope === 'own' ? HILVERSUM : HUIZEN)).id);
  }
  const db = t.prepared.database.db;
  const hour = 3_600_000;
  for (const role of roles) {
    const user = await createTestUser(t, { roles: [role], municipalities: [HILVERSUM] });
    sessions.set(role, { user: user.id, session: await logIn(t, user) });
    for (const [key, caseId] of cases) {
      const grant = key.split(':')[1] as GrantState;
      if (grant === 'none') continue;
      await db
        .insertInto('access_grant')
        .values({
          region_code: t.config.SCHAKEL_REGION,
          record_type: 'case',
          record_id: caseId,
          grantee_user_id: user.id,
          grantee_organisation_id: null,
          purpose: 'test',
          legal_basis: 'convenant',
          valid_from: new Date(Date.now() - 2 * hour),
          valid_until: new Date(Date.now() + (grant === 'expired' ? -hour : hour)),
          granted_by: null,
          revoked_at: grant === 'revoked' ? new Date() : null,
          revoked_by: null,
        })
        .execute();
    }
  }
}, 120_000);
afterAll(() => t.close());

describe('the need-to-know matrix of the cases module', () => {
  for (const probe of probes) {
    it(`${probe.name}: role × own/other municipality × grant valid/expired/revoked/none`, async () => {
      const db = t.prepared.database.db;
      const failures: string[] = [];
      for (const role of roles) {
        const { user, session } = sessions.get(role)!;
        for (const scope of ['own', 'other'] as const) {
          for (const grant of grantStates) {
            const caseId = cases.get(`${scope}:${grant}`)!;
            const response = await t.app.inject({ ...probe.request(caseId), headers: session.headers });
            const code = response.json().code as string | undefined;
            const refused = response.statusCode >= 400 && refusalCodes.includes(code ?? '');
            const want = probe.expected(role, scope, grant);
            if (refused === want) failures.push(`${role} × ${scope} × ${grant}: expected ${want ? 'allowed' : 'refused'}, got ${response.statusCode} ${code}`);
            if (!want && response.statusCode < 400) failures.push(`${role} × ${scope} × ${grant}: a refused caller got ${response.statusCode}`);
            if (refused) {
              // A refused read does not reveal the case: the same answer as for a case that does not exist.
              if (probe.request(caseId).method === 'GET' && (response.statusCode !== 404 || code !== 'case.not-found')) failures.push(`${role} ${scope} ${grant}: read refusal must be 404 case.not-found, got ${response.statusCode} ${code}`);
              const logged = await db.selectFrom('access_log').select('id').where('user_id', '=', user).where('action', '=', 'denied').where('record_id', '=', caseId).executeTakeFirst();
              if (!logged) failures.push(`${role} ${scope} ${grant}: the refusal is not in the access log`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('a case that does not exist answers exactly like one the user may not see', async () => {
    const { session } = sessions.get('tafellid')!;
    const missing = await t.app.inject({ url: `/api/v1/cases/${randomUUID()}`, headers: session.headers });
    const hidden = await t.app.inject({ url: `/api/v1/cases/${cases.get('other:none')}`, headers: session.headers });
    expect(missing.statusCode).toBe(404);
    expect(hidden.statusCode).toBe(404);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(hidden.json())).toEqual(strip(missing.json()));
  });

  it('the work list, the search, bulk actions and the export hold the same rule', async () => {
    const failures: string[] = [];
    for (const role of roles) {
      const { session } = sessions.get(role)!;
      const list = await t.app.inject({ url: '/api/v1/cases?pageSize=100&status=all', headers: session.headers });
      const search = await t.app.inject({ method: 'POST', url: '/api/v1/cases/_search?pageSize=100', headers: session.headers, payload: { text: 'loods', status: 'all' } });
      if (!listRoles.includes(role)) {
        if (list.statusCode !== 403 || search.statusCode !== 403) failures.push(`${role}: list/search must be 403, got ${list.statusCode}/${search.statusCode}`);
        continue;
      }
      const listed = new Set(list.json()._embedded.cases.map((c: { id: string }) => c.id));
      const found = new Set(search.json()._embedded.cases.map((c: { id: string }) => c.id));
      for (const [key, caseId] of cases) {
        const [scope, grant] = key.split(':') as [ScopeRelation, GrantState];
        const want = mayRead(role, scope, grant);
        if (listed.has(caseId) !== want) failures.push(`${role} list ${scope} ${grant}: expected ${want ? 'listed' : 'absent'}`);
        if (found.has(caseId) !== want) failures.push(`${role} search ${scope} ${grant}: expected ${want ? 'found' : 'absent'}`);
      }
    }
    for (const role of ['aandachtsfunctionaris', 'ketenregisseur'] as const) {
      const { session } = sessions.get(role)!;
      const ids = [...cases.values()];
      const exported = await t.app.inject({ method: 'POST', url: '/api/v1/cases/_export', headers: session.headers, payload: { caseIds: ids, purpose: 'matrix' } });
      const expectedExports = [...cases.keys()].filter((k) => mayUpdate(role, k.split(':')[0] as ScopeRelation)).length;
      if (Number(exported.headers['x-exported-count']) !== expectedExports) failures.push(`${role} export: expected ${expectedExports}, got ${exported.headers['x-exported-count']}`);
      const bulk = await t.app.inject({ method: 'POST', url: '/api/v1/cases/_bulk', headers: session.headers, payload: { action: 'assign', caseIds: ids, assigneeId: null } });
      if (bulk.json().done !== expectedExports) failures.push(`${role} bulk: expected ${expectedExports} done, got ${bulk.json().done}`);
    }
    expect(failures).toEqual([]);
  });
});
