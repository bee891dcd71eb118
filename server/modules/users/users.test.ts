import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, expectRoleMatrix, logIn, type LoggedIn, type TestApp } from '@server/core/testing';

let t: TestApp;
let admin: LoggedIn;
let adminId: string;
let organisationId: string;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 10_000, RATE_LIMIT_PER_MINUTE: 10_000 });
  const user = await createTestUser(t, { roles: ['functioneel-beheerder'], organisationType: 'regional-body', allMunicipalities: true });
  adminId = user.id;
  admin = await logIn(t, user);
  organisationId = (await t.prepared.database.db.selectFrom('organisation').select('id').where('region_code', '=', 'gooi-en-vechtstreek').where('key', 'like', 'gemeente-hilversum%').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const create = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/users', payload, headers: admin.headers });

describe('account administration', () => {
  it('is for the functioneel beheerder only', async () => {
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/users' }, ['functioneel-beheerder']);
    await expectRoleMatrix(t, { method: 'POST', url: '/api/v1/users/_search', payload: { search: 'vries' } }, ['functioneel-beheerder']);
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/api-tokens' }, ['functioneel-beheerder']);
  });

  it('creates an account with roles and municipality scope; the new user can log in with the one-time password', async () => {
    const response = await create({
      email: 'Sanne.AF@Hilversum.example',
      displayName: 'Sanne de Vries (fictief)',
      organisationId,
      roles: ['aandachtsfunctionaris'],
      municipalities: ['GM0402'],
    });
    expect(response.statusCode, response.body).toBe(201);
    const { user, initialPassword } = response.json();
    expect(user).toMatchObject({ email: 'sanne.af@hilversum.example', roles: ['aandachtsfunctionaris'], municipalities: ['GM0402'], allMunicipalities: false, active: true, secondFactorEnabled: false });
    expect(initialPassword.length).toBeGreaterThanOrEqual(16);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: 'sanne.af@hilversum.example', password: initialPassword } });
    expect(login.json().state).toBe('enrolment-required');
    const changes = await t.prepared.database.db.selectFrom('access_log').select(['action', 'reason']).where('record_id', '=', user.id).execute();
    expect(changes).toEqual(expect.arrayContaining([{ action: 'create', reason: null }, { action: 'role-changed', reason: 'roles: aandachtsfunctionaris' }]));
  });

  it('refuses unknown fields, another region’s municipality, a duplicate e-mail address, and unknown roles — storing nothing', async () => {
    const before = (await t.app.inject({ url: '/api/v1/users?pageSize=100', headers: admin.headers })).json().page.totalElements;
    const base = { email: 'nieuw@example.test', displayName: 'Nieuw (fictief)', organisationId, roles: ['signaleerder'] };
    expect((await create({ ...base, isAdmin: true })).json().invalidParams[0].name).toBe('body.isAdmin');
    expect((await create({ ...base, municipalities: ['GM0193'] })).json().invalidParams[0].name).toBe('body.municipalities');
    expect((await create({ ...base, roles: ['superuser'] })).statusCode).toBe(400);
    expect((await create({ ...base, email: 'sanne.af@hilversum.example' })).json().invalidParams[0].code).toBe('taken');
    const after = (await t.app.inject({ url: '/api/v1/users?pageSize=100', headers: admin.headers })).json().page.totalElements;
    expect(after).toBe(before);
  });

  it('changes roles (logged old -> new), deactivates (sessions end), and never lets an admin change their own roles', async () => {
    const target = await createTestUser(t, { roles: ['signaleerder'], municipalities: ['GM0402'] });
    const targetSession = await logIn(t, target);
    const patch = (id: string, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, payload, headers: admin.headers });
    const changed = await patch(target.id, { roles: ['signaleerder', 'aandachtsfunctionaris'] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().roles).toEqual(['aandachtsfunctionaris', 'signaleerder']);
    const log = await t.prepared.database.db.selectFrom('access_log').select('reason').where('record_id', '=', target.id).where('action', '=', 'role-changed').executeTakeFirstOrThrow();
    expect(log.reason).toBe('roles: signaleerder -> aandachtsfunctionaris,signaleerder');

    expect((await patch(target.id, { active: false })).json().active).toBe(false);
    expect((await t.app.inject({ url: '/api/v1/me', headers: targetSession.headers })).statusCode).toBe(401);

    const self = await patch(adminId, { roles: ['functioneel-beheerder', 'privacy-officer'] });
    expect(self.statusCode).toBe(403);
  });

  it('resets a second factor: the user enrols again', async () => {
    const target = await createTestUser(t, { roles: ['signaleerder'] });
    const reset = await t.app.inject({ method: 'POST', url: `/api/v1/users/${target.id}/second-factor-reset`, headers: admin.headers });
    expect(reset.statusCode).toBe(204);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: target.email, password: target.password } });
    expect(login.json().state).toBe('enrolment-required');
  });

  it('searches by name or e-mail address in the body, never in the URL; the list filters only on what names nobody', async () => {
    const scoped = await createTestUser(t, { roles: ['tafellid'], municipalities: ['GM0402'] });
    const db = t.prepared.database.db;
    await db.updateTable('app_user').set({ display_name: 'Zoë Zoekmans (fictief)' }).where('id', '=', scoped.id).execute();
    const inactive = await createTestUser(t, { roles: ['tafellid'], municipalities: ['GM0406'] });
    await db.updateTable('app_user').set({ active: false }).where('id', '=', inactive.id).execute();
    const search = (payload: object, query = '') => t.app.inject({ method: 'POST', url: `/api/v1/users/_search${query}`, payload, headers: admin.headers });
    const ids = (response: { json(): { _embedded: { users: { id: string }[] } } }) => response.json()._embedded.users.map((u) => u.id);

    const byName = await search({ search: 'zoekmans' });
    expect(byName.statusCode, byName.body).toBe(200);
    expect(ids(byName)).toEqual([scoped.id]);
    expect(byName.json()._embedded.users[0]).toMatchObject({ displayName: 'Zoë Zoekmans (fictief)', municipalities: ['GM0402'] });
    expect(ids(await search({ search: scoped.email.slice(0, 12).toUpperCase() }))).toEqual([scoped.id]);
    // Filters combine with the text; like-wildcards in the text are plain characters.
    expect(ids(await search({ search: 'zoekmans', role: 'signaleerder' }))).toEqual([]);
    expect(ids(await search({ search: '%' }))).toEqual([]);
    // The page is in the query string (no personal data there), so the page links work as they are.
    const paged = await search({ role: 'tafellid' }, '?pageSize=1&page=1');
    const { totalElements } = paged.json().page;
    expect(totalElements).toBeGreaterThanOrEqual(2);
    expect(paged.json().page).toMatchObject({ number: 1, size: 1, totalPages: totalElements });
    expect(paged.json()._links.next.href).toBe('/api/v1/users/_search?pageSize=1&page=2');
    // Every account found is logged as read, the search text is not logged anywhere.
    const logged = await db.selectFrom('access_log').select(['subjects', 'record_id', 'reason']).where('request_id', '=', byName.headers['x-request-id'] as string).executeTakeFirstOrThrow();
    expect(logged.subjects).toEqual([scoped.id]);
    expect(JSON.stringify(logged)).not.toContain('zoekmans');

    const list = (query: string) => t.app.inject({ url: `/api/v1/users?pageSize=100&${query}`, headers: admin.headers });
    const tafelleden = ids(await list('role=tafellid'));
    expect(tafelleden).toEqual(expect.arrayContaining([scoped.id, inactive.id]));
    expect(ids(await list('role=tafellid&active=false'))).toEqual([inactive.id]);
    const activeTafelleden = ids(await list('role=tafellid&active=true'));
    expect(activeTafelleden).toContain(scoped.id);
    expect(activeTafelleden).not.toContain(inactive.id);
    const inHilversum = ids(await list('municipality=GM0402'));
    expect(inHilversum).toContain(scoped.id);
    expect(inHilversum).toContain(adminId); // the whole region covers every municipality
    expect(inHilversum).not.toContain(inactive.id);
    // A name or address in the URL is refused, not ignored.
    const inUrl = await list('search=zoekmans');
    expect(inUrl.statusCode).toBe(400);
    expect(inUrl.json().invalidParams[0].name).toBe('query.search');
    expect((await list('active=ja')).json().invalidParams[0].name).toBe('query.active');
    expect((await search({ search: 'x', isAdmin: true })).json().invalidParams[0].name).toBe('body.isAdmin');
  });

  it('issues API tokens that work as Bearer within their scope, are stored hashed, and stop when revoked', async () => {
    const system = await createTestUser(t, { roles: ['ketenregisseur'], allMunicipalities: true });
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/api-tokens', payload: { userId: system.id, name: 'Import MMA (test)', scopes: ['imports'] }, headers: admin.headers });
    expect(created.statusCode, created.body).toBe(201);
    const { token, apiToken } = created.json();
    const stored = await t.prepared.database.db.selectFrom('api_token').select('token_hash').where('id', '=', apiToken.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    // A route that needs no scope is refused for tokens: tokens only reach what their scope allows.
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/regions', headers: bearer })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/regions', headers: { authorization: 'Bearer sk_forged' } })).statusCode).toBe(401);
    const used = await t.prepared.database.db.selectFrom('access_log').select('id').where('action', '=', 'token-used').where('record_id', '=', apiToken.id).execute();
    expect(used.length).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${apiToken.id}`, headers: admin.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/regions', headers: bearer })).statusCode).toBe(401);
  });
});
