import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, expectRoleMatrix, logIn, type LoggedIn, type TestApp } from '@server/core/testing';

let t: TestApp;
let fg: LoggedIn;
let subjectUserId: string;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 10_000, RATE_LIMIT_PER_MINUTE: 10_000 });
  fg = await logIn(t, await createTestUser(t, { roles: ['privacy-officer'], allMunicipalities: true }));
  // Some activity to find: a beheerder reads an account.
  const admin = await logIn(t, await createTestUser(t, { roles: ['functioneel-beheerder'], allMunicipalities: true }));
  const subject = await createTestUser(t, { roles: ['signaleerder'] });
  subjectUserId = subject.id;
  expect((await t.app.inject({ url: `/api/v1/users/${subject.id}`, headers: admin.headers })).statusCode).toBe(200);
  await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: subject.email, password: 'fout fout fout fout' } });
});
afterAll(() => t.close());

describe('access log for the privacy officer', () => {
  it('is for the privacy officer only', async () => {
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/access-log' }, ['privacy-officer']);
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/access-log/export' }, ['privacy-officer']);
  });

  it('finds who read which record about whom, filtered by subject and action', async () => {
    const bySubject = await t.app.inject({ url: `/api/v1/access-log?subject=${subjectUserId}&action=read&recordType=user`, headers: fg.headers });
    expect(bySubject.statusCode, bySubject.body).toBe(200);
    const entries = bySubject.json()._embedded.entries;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({ action: 'read', recordType: 'user', recordId: subjectUserId, subjects: [subjectUserId], purpose: 'account administration', outcome: 'success' });
    expect(entries[0].requestId).toBeTruthy();
    const failures = await t.app.inject({ url: `/api/v1/access-log?userId=${subjectUserId}&action=login-failed`, headers: fg.headers });
    expect(failures.json()._embedded.entries[0]).toMatchObject({ reason: 'wrong-password', outcome: 'failure' });
    // Searching is itself logged.
    const own = await t.prepared.database.db.selectFrom('access_log').select('id').where('record_type', '=', 'access-log').where('action', '=', 'read').execute();
    expect(own.length).toBeGreaterThan(0);
  });

  it('shows failed log-ins for unknown addresses to the FG of the installation’s region only, without the address', async () => {
    const requestId = randomUUID();
    const address = `onbekend-${requestId.slice(0, 8)}@example.test`;
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: address, password: 'een wachtwoord van lengte' }, headers: { 'x-request-id': requestId } });
    expect(refused.statusCode).toBe(401);
    const search = async (headers: Record<string, string>) => {
      const response = await t.app.inject({ url: '/api/v1/access-log?action=login-failed&outcome=failure&pageSize=100', headers });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json()._embedded.entries as { requestId: string }[]).find((entry) => entry.requestId === requestId);
    };
    const found = await search(fg.headers);
    expect(found).toMatchObject({ action: 'login-failed', outcome: 'failure', reason: 'unknown-account', userId: null, role: null });
    expect(JSON.stringify(found)).not.toContain(address);
    const stored = await t.prepared.database.db.selectFrom('access_log').select(['region_code', 'user_id']).where('request_id', '=', requestId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ region_code: t.config.SCHAKEL_REGION, user_id: null });
    // The FG of another region sees their own accounts' failures, not these.
    const otherFg = await logIn(t, await createTestUser(t, { roles: ['privacy-officer'], allMunicipalities: true, region: 'ijsselland' }));
    expect(await search(otherFg.headers)).toBeUndefined();
  });

  it('rejects a malformed period', async () => {
    const bad = await t.app.inject({ url: '/api/v1/access-log?from=gisteren', headers: fg.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams[0].name).toBe('query.from');
  });

  it('exports CSV with a header row, and logs the export', async () => {
    const exports = () => t.prepared.database.db.selectFrom('access_log').select('id').where('action', '=', 'export').where('record_type', '=', 'access-log').execute();
    const before = (await exports()).length;
    const csv = await t.app.inject({ url: `/api/v1/access-log/export?subject=${subjectUserId}`, headers: fg.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="toegangslog-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('id,at,userId,userName,role,organisationId,action,recordType,recordId,subjects,purpose,grantId,clientAddress,userAgent,requestId,outcome,reason');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes(subjectUserId))).toBe(true);
    expect((await exports()).length).toBe(before + 1);
  });

  it('reports the hash chain intact', async () => {
    const check = await t.app.inject({ url: '/api/v1/access-log/verification', headers: fg.headers });
    expect(check.json()).toMatchObject({ intact: true });
    expect(check.json().rows).toBeGreaterThan(10);
  });
});
