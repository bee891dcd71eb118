import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, createTestUser, logIn, type LoggedIn, type TestApp } from '@server/core/testing';
import { sessionCache } from './session-cache';

/** The session cache on (testConfig switches it off for every other test). */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ SESSION_CACHE_SECONDS: 30, LOGIN_RATE_LIMIT_PER_MINUTE: 1000 });
});
afterAll(() => t.close());
afterEach(() => void vi.useRealTimers());

const me = async (s: LoggedIn) => (await t.app.inject({ url: '/api/v1/me', headers: s.headers })).statusCode;
const db = () => t.prepared.database.db;

describe('the session cache', () => {
  it('serves a session from memory: a change made elsewhere is seen only when the cache runs out (the documented bound)', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    const s = await logIn(t, user);
    expect(await me(s)).toBe(200);
    // Ended by another app server (straight in the database): this process does not know yet.
    await db().updateTable('user_session').set({ ended_at: new Date() }).where('user_id', '=', user.id).execute();
    expect(await me(s)).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 31_000);
    expect(await me(s)).toBe(401);
  });

  it('forgets a session at once on log-out', async () => {
    const s = await logIn(t, await createTestUser(t, { roles: ['signaleerder'] }));
    expect(await me(s)).toBe(200);
    expect(sessionCache.size()).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/sessions/current', headers: s.headers })).statusCode).toBe(204);
    expect(await me(s)).toBe(401);
  });

  it('forgets the sessions that are ended one by one or all at once', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    const [a, b, c] = [await logIn(t, user), await logIn(t, user), await logIn(t, user)];
    for (const s of [a, b, c]) expect(await me(s)).toBe(200);
    const list = await t.app.inject({ url: '/api/v1/sessions', headers: a.headers });
    const bId = (list.json()._embedded.sessions as { id: string; current: boolean }[]).find((s) => !s.current && s.id)!.id;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/sessions/${bId}`, headers: a.headers })).statusCode).toBe(204);
    const alive = [await me(a), await me(b), await me(c)];
    expect(alive.filter((status) => status === 401)).toHaveLength(1);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/sessions', headers: a.headers })).statusCode).toBe(204);
    expect([await me(a), await me(b), await me(c)]).toEqual([401, 401, 401]);
  });

  it('reads an account afresh at once after a role change or deactivation by the beheerder', async () => {
    const admin = await logIn(t, await createTestUser(t, { roles: ['functioneel-beheerder'] }));
    const colleague = await createTestUser(t, { roles: ['functioneel-beheerder'] });
    const s = await logIn(t, colleague);
    expect((await t.app.inject({ url: '/api/v1/users', headers: s.headers })).statusCode).toBe(200);
    const demoted = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${colleague.id}`, payload: { roles: ['signaleerder'] }, headers: admin.headers });
    expect(demoted.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/users', headers: s.headers })).statusCode).toBe(403);
    expect(await me(s)).toBe(200);
    const deactivated = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${colleague.id}`, payload: { active: false }, headers: admin.headers });
    expect(deactivated.statusCode).toBe(200);
    expect(await me(s)).toBe(401);
  });

  it('keeps the idle limit: a session in use stays alive past 30 minutes, one left alone ends', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    const used = await logIn(t, user);
    const idle = await logIn(t, user);
    expect(await me(used)).toBe(200);
    expect(await me(idle)).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    // A request every 20 s for 40 minutes: some from the cache, some from the database; both move last_seen_at.
    for (let elapsed = 20_000; elapsed <= 40 * 60_000; elapsed += 20_000) {
      vi.setSystemTime(start + elapsed);
      expect(await me(used)).toBe(200);
    }
    expect(await me(idle)).toBe(401);
  });
});
