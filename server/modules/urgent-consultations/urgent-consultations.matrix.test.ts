import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Role, roles } from '@server/core/auth/roles';
import { createTestApp, createTestUser, logIn, type LoggedIn, type TestApp } from '@server/core/testing';
import { consultationRoles } from './urgent-consultations.policy';

/**
 * The authorization matrix of every endpoint of the spoed-MDO (issue #6, acceptance 1):
 * each role × case in own/other municipality × the user's organisation invited with a valid
 * grant / invited but the grant ended / not invited / not invited but holding another grant on
 * the case (a table invitation). A refusal is 404 (or 403 for a role the routes never admit, or
 * for a change by someone who may only read) and is always in the access log.
 */
const REGION = 'gooi-en-vechtstreek';
const OWN = 'GM0402';
const OTHER = 'GM0406';
const HOUR = 3_600_000;
const states = ['invited', 'expired', 'not-invited', 'other-grant'] as const;
type State = (typeof states)[number];

/** Where each role works (a privacy officer or beleidsmedewerker of an invited police force must still see nothing). */
const organisationTypeOf: Partial<Record<Role, string>> = {
  ketenregisseur: 'zorg-en-veiligheidshuis',
  procesregisseur: 'zorg-en-veiligheidshuis',
  zorgcoordinator: 'care-coordination',
  aandachtsfunctionaris: 'municipality',
};
const grantees: Role[] = ['tafellid', 'zorgcoordinator', 'procesregisseur'];

function caseReadable(role: Role, own: boolean, state: State): boolean {
  if (role === 'ketenregisseur') return true;
  if (role === 'aandachtsfunctionaris' && own) return true;
  if (grantees.includes(role) || role === 'aandachtsfunctionaris') return state === 'invited' || state === 'other-grant';
  return false;
}
/** The thread: like the case, but a grant from elsewhere does not open it. */
function consultationReadable(role: Role, own: boolean, state: State): boolean {
  if (role === 'ketenregisseur' || (role === 'aandachtsfunctionaris' && own)) return true;
  return caseReadable(role, own, state) && state === 'invited';
}
function mayUpdateCase(role: Role, own: boolean): boolean {
  return role === 'ketenregisseur' || (role === 'aandachtsfunctionaris' && own);
}

let t: TestApp;
let regisseur: LoggedIn;
let veiligThuis: string;
const db = () => t.prepared.database.db;
let counter = 0;

async function makeCase(municipality: string): Promise<string> {
  counter += 1;
  const row = await db()
    .insertInto('case_file')
    .values({ region_code: REGION, reference: `C-MATRIX-${counter}-${randomUUID().slice(0, 6)}`, title: `Matrixcasus ${counter}`, lead_municipality_code: municipality, municipalities: [municipality], status: 'enrichment' } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  await db().insertInto('case_municipality').values({ case_id: row.id, municipality_code: municipality, region_code: REGION, lead: true } as never).execute();
  return row.id;
}

/** A case and a consultation on it, in the state this cell of the matrix needs for `organisationId`. */
async function arrange(municipality: string, state: State, organisationId: string): Promise<{ caseId: string; consultationId: string }> {
  const caseId = await makeCase(municipality);
  const invited = state === 'invited' || state === 'expired';
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/urgent-consultations`,
    headers: regisseur.headers,
    payload: { question: 'Fictieve vraag voor de matrix', invitees: [invited ? { organisationId, legalBasis: 'convenant' } : { organisationId: veiligThuis }] },
  });
  expect(response.statusCode, response.body).toBe(201);
  const consultationId = response.json().id as string;
  if (state === 'expired') {
    await db().updateTable('access_grant').set({ valid_from: new Date(Date.now() - 80 * HOUR), valid_until: new Date(Date.now() - HOUR) }).where('source_id', '=', consultationId).execute();
  }
  if (state === 'other-grant') {
    await db()
      .insertInto('access_grant')
      .values({
        region_code: REGION,
        record_type: 'case',
        record_id: caseId,
        grantee_user_id: null,
        grantee_organisation_id: organisationId,
        purpose: 'weegtafel',
        legal_basis: 'convenant',
        valid_from: new Date(Date.now() - HOUR),
        valid_until: new Date(Date.now() + HOUR),
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
        source_type: 'table-invitation',
        source_id: randomUUID(),
      } as never)
      .execute();
  }
  return { caseId, consultationId };
}

interface Endpoint {
  name: string;
  request: (ids: { caseId: string; consultationId: string }) => { method: 'GET' | 'POST'; url: string; payload?: object };
  allowed: (role: Role, own: boolean, state: State) => boolean;
  /** A refusal by record (not by role) answers 403 when the user may read but not do this. */
  forbiddenStatus?: (role: Role, own: boolean, state: State) => 403 | 404;
}

const endpoints: Endpoint[] = [
  { name: 'GET consultation', request: ({ consultationId }) => ({ method: 'GET', url: `/api/v1/urgent-consultations/${consultationId}` }), allowed: consultationReadable },
  { name: 'GET case consultations', request: ({ caseId }) => ({ method: 'GET', url: `/api/v1/cases/${caseId}/urgent-consultations` }), allowed: caseReadable },
  {
    name: 'POST open',
    request: ({ caseId }) => ({ method: 'POST', url: `/api/v1/cases/${caseId}/urgent-consultations`, payload: { question: 'Nog een fictieve vraag', invitees: [{ organisationId: veiligThuis }] } }),
    allowed: caseReadable,
  },
  {
    name: 'POST contribution',
    request: ({ consultationId }) => ({ method: 'POST', url: `/api/v1/urgent-consultations/${consultationId}/contributions`, payload: { text: 'Fictieve bijdrage' } }),
    allowed: consultationReadable,
  },
  {
    name: 'POST advice',
    request: ({ consultationId }) => ({ method: 'POST', url: `/api/v1/urgent-consultations/${consultationId}/advice`, payload: { version: 1, advice: 'Fictief advies' } }),
    allowed: (role, own) => mayUpdateCase(role, own),
    forbiddenStatus: (role, own, state) => (consultationReadable(role, own, state) ? 403 : 404),
  },
  // Last: it ends the grants of the cell.
  {
    name: 'POST closure',
    request: ({ consultationId }) => ({ method: 'POST', url: `/api/v1/urgent-consultations/${consultationId}/closure` }),
    allowed: (role, own) => mayUpdateCase(role, own),
    forbiddenStatus: (role, own, state) => (consultationReadable(role, own, state) ? 403 : 404),
  },
];

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 100_000, RATE_LIMIT_PER_MINUTE: 100_000 });
  regisseur = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'], organisationType: 'zorg-en-veiligheidshuis', allMunicipalities: true }));
  veiligThuis = (await db().selectFrom('organisation').select('id').where('region_code', '=', REGION).where('type', '=', 'veilig-thuis').executeTakeFirstOrThrow()).id;
  await db().insertInto('partner_legal_basis').values({ region_code: REGION, organisation_id: veiligThuis, legal_basis: 'wmo-meldcode', recorded_by: null } as never).execute();
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('the authorization matrix of the spoed-MDO', () => {
  it('holds for every endpoint: role × own/other municipality × invited/expired/not invited/other grant', async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const role of roles) {
      const user = await createTestUser(t, { roles: [role], organisationType: organisationTypeOf[role] ?? 'police', municipalities: [OWN] });
      const organisationId = (await db().selectFrom('app_user').select('organisation_id').where('id', '=', user.id).executeTakeFirstOrThrow()).organisation_id;
      const session = await logIn(t, user);
      for (const own of [true, false]) {
        for (const state of states) {
          const ids = await arrange(own ? OWN : OTHER, state, organisationId);
          // My list: an invitation shows there exactly while its grant runs.
          cells += 1;
          const mine = await t.app.inject({ method: 'GET', url: '/api/v1/urgent-consultations?pageSize=100', headers: session.headers });
          const cell = `GET my consultations as ${role}, ${own ? 'own' : 'other'} municipality, ${state}`;
          if (!consultationRoles.includes(role)) {
            if (mine.statusCode !== 403) failures.push(`${cell}: expected 403, got ${mine.statusCode}`);
          } else {
            const listed = (mine.json()._embedded.consultations as { id: string }[]).some((c) => c.id === ids.consultationId);
            if (listed !== (state === 'invited')) failures.push(`${cell}: expected ${state === 'invited' ? 'listed' : 'not listed'}`);
          }
          for (const endpoint of endpoints) {
            cells += 1;
            const cell = `${endpoint.name} as ${role}, ${own ? 'own' : 'other'} municipality, ${state}`;
            const before = await db().selectFrom('access_log').select('id').where('user_id', '=', user.id).where('action', '=', 'denied').execute();
            const response = await t.app.inject({ ...endpoint.request(ids), headers: session.headers });
            const want = endpoint.allowed(role, own, state);
            const got = response.statusCode < 400;
            if (got !== want) {
              failures.push(`${cell}: expected ${want ? 'allowed' : 'refused'}, got ${response.statusCode} ${response.body.slice(0, 120)}`);
              continue;
            }
            if (got) continue;
            // A role the routes never admit is refused before any record is looked at.
            const routeRole = !consultationRoles.includes(role);
            const expectedStatus = routeRole ? 403 : (endpoint.forbiddenStatus?.(role, own, state) ?? 404);
            if (response.statusCode !== expectedStatus) failures.push(`${cell}: expected ${expectedStatus}, got ${response.statusCode}`);
            const after = await db().selectFrom('access_log').select('id').where('user_id', '=', user.id).where('action', '=', 'denied').execute();
            if (after.length <= before.length) failures.push(`${cell}: refusal not in the access log`);
          }
        }
      }
    }
    expect(cells).toBe(roles.length * 2 * states.length * (endpoints.length + 1));
    expect(failures).toEqual([]);
  }, 300_000);
});
