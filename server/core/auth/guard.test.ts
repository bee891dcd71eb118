import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readPersonalData } from '@server/core/access/access-log';
import type { SchakelModule } from '@server/core/module';
import { createTestApp, createTestUser, logIn, type TestApp } from '@server/core/testing';

const person = z.object({ id: z.string(), name: z.string() }).meta({ 'x-personal-data': true });

/** A module that reads personal data once through the core function and once around it. */
const probe: SchakelModule = {
  name: 'probe',
  routes: ({ database }) => async (app) => {
    app.get('/probe-logged', { config: { access: { roles: ['ketenregisseur'] } }, schema: { hide: true, response: { 200: person } } }, async (request) =>
      readPersonalData(database.db, request, { recordType: 'probe', purpose: 'test' }, async () => ({ id: 'p-1', name: 'Fictief Persoon' }), (p) => ({ recordId: p.id, subjects: [p.id] })),
    );
    app.get('/probe-unlogged', { config: { access: { roles: ['ketenregisseur'] } }, schema: { hide: true, response: { 200: person } } }, async () => ({
      id: 'p-2',
      name: 'Fictief Persoon',
    }));
  },
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 1000 }, [probe]);
});
afterAll(() => t.close());

describe('the auth guard', () => {
  it('withholds personal data that was not written to the access log', async () => {
    const s = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'] }));
    const logged = await t.app.inject({ url: '/api/v1/probe-logged', headers: s.headers });
    expect(logged.statusCode).toBe(200);
    const entry = await t.prepared.database.db.selectFrom('access_log').selectAll().where('record_type', '=', 'probe').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'read', outcome: 'success', record_id: 'p-1', subjects: ['p-1'], purpose: 'test', request_id: logged.headers['x-request-id'] });
    const unlogged = await t.app.inject({ url: '/api/v1/probe-unlogged', headers: s.headers });
    expect(unlogged.statusCode).toBe(500);
    expect(unlogged.body).not.toContain('Fictief Persoon');
  });

  it('refuses anonymous callers with 401 and other roles with 403, logging the denial', async () => {
    expect((await t.app.inject({ url: '/api/v1/probe-logged' })).statusCode).toBe(401);
    const other = await createTestUser(t, { roles: ['signaleerder'] });
    const s = await logIn(t, other);
    const denied = await t.app.inject({ url: '/api/v1/probe-logged', headers: s.headers });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('access.denied');
    const entry = await t.prepared.database.db.selectFrom('access_log').selectAll().where('action', '=', 'denied').where('user_id', '=', other.id).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ outcome: 'denied', reason: 'role', record_id: 'GET /api/v1/probe-logged' });
  });

  it('will not start when a route declares no access (deny by default)', async () => {
    const careless: SchakelModule = {
      name: 'careless',
      routes: () => async (app) => {
        app.get('/careless', { schema: {} }, async () => ({}));
      },
    };
    await expect(createTestApp({}, [careless])).rejects.toThrow(/declares no config.access/);
  });

  it('rate-limits log-in attempts per client address', async () => {
    const limited = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await limited.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: 'a@example.test', password: 'wat dan ook hier' }, remoteAddress: '10.1.1.1' });
        statuses.push(r.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
