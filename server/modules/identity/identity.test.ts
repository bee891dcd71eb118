import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessLog } from '@server/core/access/access-log';
import { currentTotp } from '@server/core/auth/totp';
import { createTestApp, createTestUser, logIn, type TestApp } from '@server/core/testing';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOCKOUT_ATTEMPTS: 5, LOCKOUT_MINUTES: 15, LOGIN_RATE_LIMIT_PER_MINUTE: 1000 });
});
afterAll(() => t.close());

const db = () => t.prepared.database.db;
const cookieOf = (response: { cookies: { name: string; value: string }[] }) =>
  `schakel_session=${response.cookies.find((c) => c.name === 'schakel_session')!.value}`;
const logEntries = (action: string) => db().selectFrom('access_log').selectAll().where('action', '=', action).execute();

describe('log-in with password and second factor', () => {
  it('sets an HttpOnly SameSite=Strict cookie and asks for the second factor before anything else', async () => {
    const user = await createTestUser(t, { roles: ['ketenregisseur'] });
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: user.email, password: user.password } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ state: 'second-factor-required', demoMode: false });
    const cookie = first.cookies.find((c) => c.name === 'schakel_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // Not yet logged in: /me refuses.
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: cookieOf(first) } })).statusCode).toBe(401);

    const code = currentTotp(user.totpSecret!);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sessions/current/second-factor',
      payload: { code },
      headers: { cookie: cookieOf(first), 'x-csrf-token': first.json().csrfToken },
    });
    expect(second.statusCode).toBe(200);
    // The session id rotates: the old cookie no longer works, the new one does.
    expect(cookieOf(second)).not.toBe(cookieOf(first));
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: cookieOf(first) } })).statusCode).toBe(401);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: cookieOf(second) } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: user.email, roles: ['ketenregisseur'], permissions: { manageUsers: false, readAccessLog: false } });

    // The same code (time step) is refused the second time.
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: user.email, password: user.password } });
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sessions/current/second-factor',
      payload: { code },
      headers: { cookie: cookieOf(again), 'x-csrf-token': again.json().csrfToken },
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('auth.second-factor-invalid');
    expect((await logEntries('second-factor-failed')).some((e) => e.user_id === user.id)).toBe(true);
  });

  it('answers the same for an unknown account and a wrong password, and logs both', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: 'niemand@example.test', password: 'wat dan ook hier' } });
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: user.email, password: 'verkeerd wachtwoord!' } });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().code).toBe('auth.failed');
    expect({ ...unknown.json(), instance: '' }).toEqual({ ...wrong.json(), instance: '' });
    const failures = await logEntries('login-failed');
    expect(failures.map((f) => f.reason)).toEqual(expect.arrayContaining(['unknown-account', 'wrong-password']));
    expect(JSON.stringify(failures)).not.toContain('verkeerd wachtwoord');
  });

  it('locks an account after 5 failures for 15 minutes, even for the right password, and says nothing about it', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: user.email, password: `fout-${i}-wachtwoord` } });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: user.email, password: user.password } });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().code).toBe('auth.failed');
    const row = await db().selectFrom('app_user').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
    const minutes = (new Date(row.locked_until!).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect((await logEntries('lockout')).some((e) => e.user_id === user.id)).toBe(true);
    // Once the lock has passed, the right password works again.
    await db().updateTable('app_user').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', user.id).execute();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: user.email, password: user.password } })).statusCode).toBe(201);
  });

  it('accepts a recovery code once', async () => {
    const user = await createTestUser(t, { roles: ['tafellid'], totp: false });
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: user.email, password: user.password } });
    expect(first.json().state).toBe('enrolment-required');
    const headers = { cookie: cookieOf(first), 'x-csrf-token': first.json().csrfToken };
    const enrolment = await t.app.inject({ method: 'POST', url: '/api/v1/me/second-factor/enrolment', headers });
    expect(enrolment.statusCode).toBe(201);
    const { secret, otpauthUri, qrCode } = enrolment.json();
    expect(otpauthUri).toContain('otpauth://totp/Schakel');
    expect(qrCode).toMatch(/^<svg/);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/me/second-factor', payload: { code: '000000' }, headers });
    expect(wrong.statusCode).toBe(401);
    const confirmed = await t.app.inject({ method: 'POST', url: '/api/v1/me/second-factor', payload: { code: currentTotp(secret) }, headers });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json();
    expect(recoveryCodes).toHaveLength(10);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: cookieOf(confirmed) } })).json().secondFactor).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    const stored = await db().selectFrom('recovery_code').select('code_hash').where('user_id', '=', user.id).execute();
    expect(stored.map((s) => s.code_hash)).not.toContain(recoveryCodes[0]);

    const useCode = async () => {
      const start = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: user.email, password: user.password } });
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/sessions/current/second-factor',
        payload: { recoveryCode: recoveryCodes[0] },
        headers: { cookie: cookieOf(start), 'x-csrf-token': start.json().csrfToken },
      });
    };
    expect((await useCode()).statusCode).toBe(200);
    expect((await useCode()).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('refuses a state-changing request without the CSRF token, and changes nothing', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    const session = await logIn(t, user);
    const before = await db().selectFrom('app_user').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: user.password, newPassword: 'Een Heel Nieuw Wachtwoord 42' },
      headers: { cookie: session.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('auth.csrf');
    const wrongToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: user.password, newPassword: 'Een Heel Nieuw Wachtwoord 42' },
      headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
    });
    expect(wrongToken.statusCode).toBe(403);
    const after = await db().selectFrom('app_user').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
  });

  it('expire after 30 idle minutes and after 12 hours in all, and a tampered cookie is no session', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    const idle = await logIn(t, user);
    expect((await t.app.inject({ url: '/api/v1/me', headers: idle.headers })).statusCode).toBe(200);
    await db().updateTable('user_session').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('user_id', '=', user.id).execute();
    expect((await t.app.inject({ url: '/api/v1/me', headers: idle.headers })).statusCode).toBe(401);

    const absolute = await logIn(t, user);
    await sql`update user_session set expires_at = now() - interval '1 second' where ended_at is null and user_id = ${user.id}`.execute(db());
    expect((await t.app.inject({ url: '/api/v1/me', headers: absolute.headers })).statusCode).toBe(401);

    const tampered = await t.app.inject({ url: '/api/v1/me', headers: { cookie: `${idle.cookie}x` } });
    expect(tampered.statusCode).toBe(401);
  });

  it('lists my sessions, ends one, and ends all', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    const a = await logIn(t, user);
    const b = await logIn(t, user);
    const list = await t.app.inject({ url: '/api/v1/sessions', headers: a.headers });
    const sessions = list.json()._embedded.sessions as { id: string; current: boolean }[];
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s) => !s.current)!;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/sessions/${other.id}`, headers: a.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: b.headers })).statusCode).toBe(401);
    const c = await logIn(t, user);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/sessions', headers: a.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: a.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/me', headers: c.headers })).statusCode).toBe(401);
  });

  it('logs out', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    const s = await logIn(t, user);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/sessions/current', headers: s.headers })).statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/v1/sessions/current', headers: s.headers });
    expect(after.json(), after.body).toMatchObject({ state: 'anonymous' });
  });
});

describe('password change', () => {
  it('rejects short and common passwords and a wrong current password; accepts a good one', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    const s = await logIn(t, user);
    const change = (currentPassword: string, newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword, newPassword }, headers: s.headers });
    expect((await change(user.password, 'kort')).json().invalidParams[0].code).toBe('too-short');
    expect((await change(user.password, 'password1234')).json().invalidParams[0].code).toBe('too-common');
    expect((await change(user.password, 'x'.repeat(300))).json().invalidParams[0].code).toBe('too-long');
    expect((await change('niet het wachtwoord', 'Een Heel Nieuw Wachtwoord 42')).statusCode).toBe(401);
    expect((await change(user.password, 'Een Heel Nieuw Wachtwoord 42')).statusCode).toBe(204);
    const relog = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: user.email, password: 'Een Heel Nieuw Wachtwoord 42' } });
    expect(relog.statusCode).toBe(201);
  });
});

describe('access log', () => {
  it('refuses updates and deletes in the database itself, and its hash chain reveals tampering', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    await logIn(t, user);
    await expect(sql`update access_log set outcome = 'success' where id = 1`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`delete from access_log where id = 1`.execute(db())).rejects.toThrow(/append-only/);
    const intact = await verifyAccessLog(db());
    expect(intact.rows).toBeGreaterThan(5);
    expect(intact.firstBrokenId).toBeUndefined();
    // Someone with superuser rights switches the trigger off and edits a row: the chain shows it.
    await sql`alter table access_log disable trigger access_log_no_update`.execute(db());
    await sql`update access_log set reason = 'edited' where id = 3`.execute(db());
    await sql`alter table access_log enable trigger access_log_no_update`.execute(db());
    expect((await verifyAccessLog(db())).firstBrokenId).toBe(3);
  });
});

describe('bad input on identity endpoints', () => {
  it('gets a clear 4xx, changes nothing, and is logged', async () => {
    const sessions = async () => (await db().selectFrom('user_session').select('id').execute()).length;
    const before = await sessions();
    const huge = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: 'a@example.test', password: 'x'.repeat(10_000) } });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().invalidParams[0].name).toBe('body.password');
    const extra = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: 'a@example.test', password: 'lang genoeg ww', role: 'functioneel-beheerder' } });
    expect(extra.statusCode).toBe(400);
    const rejected = await db().selectFrom('access_log').select(['reason', 'record_id']).where('action', '=', 'rejected').execute();
    expect(rejected).toEqual(expect.arrayContaining([{ reason: 'HTTP 400', record_id: 'POST /api/v1/sessions' }]));
    expect(await sessions()).toBe(before);
  });
});
