import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '@server/core/auth/secrets';
import { type Config, ConfigError, testConfig } from '@server/core/config';
import { createTestApp, createTestUser, type TestApp } from '@server/core/testing';
import { oidcSettings } from './oidc.service';
import { type Listener, listen, type ProviderAccount, startTestProvider, TEST_CLIENT_ID, TEST_CLIENT_SECRET } from './oidc.testing';

/**
 * End to end against a real OpenID provider (oidc-provider) on a loopback port. The test plays
 * the browser with fetch: manual redirects, a cookie jar per origin, and the provider's
 * development log-in and consent forms posted like a user would.
 */

/** Just enough of a browser's cookie handling: per origin, by path, deletions honoured. */
class CookieJar {
  private cookies = new Map<string, { value: string; path: string }>();

  header(url: URL): string {
    return [...this.cookies.entries()]
      .filter(([key, c]) => key.startsWith(`${url.origin} `) && url.pathname.startsWith(c.path))
      .map(([key, c]) => `${key.slice(key.indexOf(' ') + 1)}=${c.value}`)
      .join('; ');
  }

  store(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const attribute = (n: string) => attributes.find((a) => a.toLowerCase().startsWith(`${n}=`))?.split('=')[1];
      const path = attribute('path') ?? '/';
      const expires = attribute('expires');
      const gone = value === '' || attribute('max-age') === '0' || (expires !== undefined && new Date(expires).getTime() < Date.now());
      if (gone) this.cookies.delete(`${url.origin} ${name}`);
      else this.cookies.set(`${url.origin} ${name}`, { value, path });
    }
  }

  get(origin: string, name: string): string | undefined {
    return this.cookies.get(`${origin} ${name}`)?.value;
  }

  set(origin: string, name: string, value: string, path = '/'): void {
    this.cookies.set(`${origin} ${name}`, { value, path });
  }
}

async function browse(jar: CookieJar, address: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
  const url = new URL(address);
  const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
  const cookie = jar.header(url);
  if (cookie) headers.cookie = cookie;
  if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    redirect: 'manual',
    ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
  });
  jar.store(url, response);
  return response;
}

const idpAccounts = new Map<string, ProviderAccount>();

let idp: Listener;
let schakel: Listener;
let creating: Listener;
let t: TestApp;
let tCreating: TestApp;
const extraApps: TestApp[] = [];

function oidcConfig(origin: string, overrides: Partial<Config> = {}): Partial<Config> {
  return {
    LOGIN_RATE_LIMIT_PER_MINUTE: 1000,
    OIDC_ISSUER: idp.origin,
    OIDC_CLIENT_ID: TEST_CLIENT_ID,
    OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
    OIDC_REDIRECT_URI: `${origin}/api/v1/oidc/callback`,
    OIDC_PROVIDER_NAME: 'Test-IdP',
    ...overrides,
  };
}

beforeAll(async () => {
  [idp, schakel, creating] = await Promise.all([listen(), listen(), listen()]);
  startTestProvider(idp, [`${schakel.origin}/api/v1/oidc/callback`, `${creating.origin}/api/v1/oidc/callback`], idpAccounts);
  t = await createTestApp(oidcConfig(schakel.origin));
  schakel.use((req, res) => t.app.routing(req, res));
  tCreating = await createTestApp(oidcConfig(creating.origin, { OIDC_CREATE_USERS: true }));
  creating.use((req, res) => tCreating.app.routing(req, res));
});

afterAll(async () => {
  await Promise.all([t, tCreating, ...extraApps].filter(Boolean).map((app) => app.close()));
  await Promise.all([idp, schakel, creating].filter(Boolean).map((l) => l.close()));
});

/** From Schakel's start route through the provider's log-in and consent, up to (not into) the callback. */
async function authorize(jar: CookieJar, app: Listener, login: string, returnTo?: string): Promise<{ start: Response; callbackUrl: string }> {
  const start = await browse(jar, `${app.origin}/api/v1/oidc/authorization${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`);
  expect(start.status).toBe(302);
  let location = start.headers.get('location')!;
  for (let step = 0; step < 20; step++) {
    if (location.startsWith(`${app.origin}/api/v1/oidc/callback`)) return { start, callbackUrl: location };
    let response = await browse(jar, location);
    if (response.status === 200) {
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`unexpected provider page: ${html.slice(0, 300)}`);
      const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any password: the development form checks none' } : { prompt };
      response = await browse(jar, new URL(action, location).href, { method: 'POST', form });
    }
    if (response.status < 300 || response.status >= 400) throw new Error(`provider answered ${response.status}: ${await response.text()}`);
    location = new URL(response.headers.get('location')!, location).href;
  }
  throw new Error('no callback after 20 steps');
}

const stateOf = (callbackUrl: string) => new URL(callbackUrl).searchParams.get('state')!;

async function lastLogEntry(app: TestApp, action: string) {
  return app.prepared.database.db.selectFrom('access_log').selectAll().where('action', '=', action).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

describe('OIDC log-in against a real OpenID provider', () => {
  it('logs an existing account in with PKCE, binds the subject, and the session works', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    idpAccounts.set('idp-jansen', { email: user.email.toUpperCase(), email_verified: true, name: 'J. Jansen (fictief)' });
    const jar = new CookieJar();
    const { start, callbackUrl } = await authorize(jar, schakel, 'idp-jansen', '/zaken?pagina=2');

    const request = new URL(start.headers.get('location')!);
    expect(request.origin).toBe(idp.origin);
    expect(request.searchParams.get('code_challenge_method')).toBe('S256');
    expect(request.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(request.searchParams.get('nonce')).toBeTruthy();
    const state = request.searchParams.get('state')!;
    expect(stateOf(callbackUrl)).toBe(state);
    const flow = await t.prepared.database.db.selectFrom('oidc_flow').selectAll().where('id', '=', sha256(state)).executeTakeFirstOrThrow();
    expect(flow).toMatchObject({ return_to: '/zaken?pagina=2', used_at: null });
    expect(flow.code_verifier).not.toBe(request.searchParams.get('code_challenge'));

    const callback = await browse(jar, callbackUrl);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/zaken?pagina=2');
    expect(jar.get(schakel.origin, 'schakel_session')).toBeTruthy();
    const me = await browse(jar, `${schakel.origin}/api/v1/me`);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(user.id);

    const db = t.prepared.database.db;
    const row = await db.selectFrom('app_user').select(['oidc_subject', 'last_login_at']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.oidc_subject).toBe(`${idp.origin}#idp-jansen`);
    expect(row.last_login_at).not.toBeNull();
    expect(await lastLogEntry(t, 'login')).toMatchObject({ user_id: user.id, outcome: 'success', reason: 'oidc' });
    const used = await db.selectFrom('oidc_flow').select('used_at').where('id', '=', sha256(state)).executeTakeFirstOrThrow();
    expect(used.used_at).not.toBeNull();

    // Once bound, the subject decides: a changed address at either side does not matter.
    idpAccounts.set('idp-jansen', { email: 'nieuw-adres@example.test', email_verified: true, name: 'J. Jansen (fictief)' });
    const again = new CookieJar();
    const second = await browse(again, (await authorize(again, schakel, 'idp-jansen')).callbackUrl);
    expect(second.headers.get('location')).toBe('/');
    expect((await browse(again, `${schakel.origin}/api/v1/me`)).status).toBe(200);
  });

  it('refuses a person without an account and creates nothing', async () => {
    idpAccounts.set('idp-onbekend', { email: 'onbekend@example.test', email_verified: true, name: 'Onbekend (fictief)' });
    const db = t.prepared.database.db;
    const before = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const jar = new CookieJar();
    const response = await browse(jar, (await authorize(jar, schakel, 'idp-onbekend')).callbackUrl);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/inloggen?fout=oidc');
    expect(jar.get(schakel.origin, 'schakel_session')).toBeUndefined();
    const after = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await db.selectFrom('app_user').select('id').where('email', '=', 'onbekend@example.test').executeTakeFirst()).toBeUndefined();
    // No account, so no region of its own: the installation's privacy officer sees it.
    expect(await lastLogEntry(t, 'login-failed')).toMatchObject({ outcome: 'failure', reason: 'oidc: unknown-account', user_id: null, region_code: t.config.SCHAKEL_REGION });
    expect((await browse(jar, `${schakel.origin}/api/v1/me`)).status).toBe(401);
  });

  it('refuses an inactive account and an address that is bound to another subject', async () => {
    const db = t.prepared.database.db;
    const inactive = await createTestUser(t, { roles: ['signaleerder'] });
    await db.updateTable('app_user').set({ active: false }).where('id', '=', inactive.id).execute();
    idpAccounts.set('idp-inactief', { email: inactive.email, email_verified: true, name: 'Inactief (fictief)' });
    const jar = new CookieJar();
    expect((await browse(jar, (await authorize(jar, schakel, 'idp-inactief')).callbackUrl)).headers.get('location')).toBe('/inloggen?fout=oidc');
    expect(await lastLogEntry(t, 'login-failed')).toMatchObject({ reason: 'oidc: inactive', user_id: inactive.id });

    const bound = await createTestUser(t, { roles: ['signaleerder'] });
    await db.updateTable('app_user').set({ oidc_subject: `${idp.origin}#iemand-anders` }).where('id', '=', bound.id).execute();
    idpAccounts.set('idp-dubbel', { email: bound.email, email_verified: true, name: 'Dubbel (fictief)' });
    const jar2 = new CookieJar();
    expect((await browse(jar2, (await authorize(jar2, schakel, 'idp-dubbel')).callbackUrl)).headers.get('location')).toBe('/inloggen?fout=oidc');
    expect(await lastLogEntry(t, 'login-failed')).toMatchObject({ reason: 'oidc: subject-mismatch', user_id: bound.id });
    expect(jar2.get(schakel.origin, 'schakel_session')).toBeUndefined();
  });

  it('accepts a state once: a replayed, an unknown or an unbound state is refused', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    idpAccounts.set('idp-replay', { email: user.email, email_verified: true, name: 'Replay (fictief)' });
    const jar = new CookieJar();
    const { callbackUrl } = await authorize(jar, schakel, 'idp-replay');
    const state = stateOf(callbackUrl);
    expect((await browse(jar, callbackUrl)).headers.get('location')).toBe('/');

    const replay = new CookieJar();
    replay.set(schakel.origin, 'schakel_oidc_state', state, '/api/v1/oidc');
    const replayed = await browse(replay, callbackUrl);
    expect(replayed.status).toBe(302);
    expect(replayed.headers.get('location')).toBe('/inloggen?fout=oidc');
    expect(replay.get(schakel.origin, 'schakel_session')).toBeUndefined();
    expect(await lastLogEntry(t, 'login-failed')).toMatchObject({ reason: 'oidc: state-used' });

    const unknown = new CookieJar();
    unknown.set(schakel.origin, 'schakel_oidc_state', 'onbekende-state', '/api/v1/oidc');
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'onbekende-state');
    expect((await browse(unknown, forged.href)).headers.get('location')).toBe('/inloggen?fout=oidc');
    expect(await lastLogEntry(t, 'login-failed')).toMatchObject({ reason: 'oidc: state-unknown', region_code: t.config.SCHAKEL_REGION });

    // Someone else's fresh callback URL, opened in a browser that did not start the flow (log-in CSRF).
    const other = new CookieJar();
    const { callbackUrl: foreign } = await authorize(other, schakel, 'idp-replay');
    const victim = new CookieJar();
    expect((await browse(victim, foreign)).headers.get('location')).toBe('/inloggen?fout=oidc');
    expect(victim.get(schakel.origin, 'schakel_session')).toBeUndefined();
    expect(await lastLogEntry(t, 'login-failed')).toMatchObject({ reason: 'oidc: state-not-bound' });
    // The flow was not spent by the refused attempt: its own browser still finishes it.
    expect((await browse(other, foreign)).headers.get('location')).toBe('/');
  });

  it('refuses an expired flow', async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'] });
    idpAccounts.set('idp-traag', { email: user.email, email_verified: true, name: 'Traag (fictief)' });
    const jar = new CookieJar();
    const { callbackUrl } = await authorize(jar, schakel, 'idp-traag');
    const db = t.prepared.database.db;
    await db.updateTable('oidc_flow').set({ expires_at: new Date(Date.now() - 60_000) }).where('id', '=', sha256(stateOf(callbackUrl))).execute();
    const response = await browse(jar, callbackUrl);
    expect(response.headers.get('location')).toBe('/inloggen?fout=oidc');
    expect(jar.get(schakel.origin, 'schakel_session')).toBeUndefined();
    expect(await lastLogEntry(t, 'login-failed')).toMatchObject({ reason: 'oidc: state-expired' });
  });

  it('only returns to a local path', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const response = await t.app.inject({ url: `/api/v1/oidc/authorization?returnTo=${encodeURIComponent(returnTo)}` });
      expect(response.statusCode).toBe(400);
    }
  });

  it('creates an account without roles on first log-in only when OIDC_CREATE_USERS is on', async () => {
    idpAccounts.set('idp-nieuw', { email: 'nieuw@example.test', email_verified: true, name: 'Nieuwe Collega (fictief)' });
    const jar = new CookieJar();
    const response = await browse(jar, (await authorize(jar, creating, 'idp-nieuw')).callbackUrl);
    expect(response.headers.get('location')).toBe('/');
    const me = await browse(jar, `${creating.origin}/api/v1/me`);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'nieuw@example.test', displayName: 'Nieuwe Collega (fictief)', roles: [] });
    const created = await lastLogEntry(tCreating, 'create');
    expect(created).toMatchObject({ record_type: 'user', outcome: 'success' });
  });
});

describe('OIDC configuration', () => {
  it('says whether OIDC log-in is offered, and under which name', async () => {
    const on = await t.app.inject({ url: '/api/v1/oidc/configuration' });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toEqual({ enabled: true, providerName: 'Test-IdP' });

    const plain = await createTestApp();
    extraApps.push(plain);
    const off = await plain.app.inject({ url: '/api/v1/oidc/configuration' });
    expect(off.json()).toEqual({ enabled: false, providerName: null });
    expect((await plain.app.inject({ url: '/api/v1/oidc/authorization' })).statusCode).toBe(404);
  });

  it('answers 503 when the provider cannot be discovered, without failing to start', async () => {
    const gone = await listen();
    await gone.close();
    const unreachable = await createTestApp({ ...oidcConfig('http://127.0.0.1:9'), OIDC_ISSUER: gone.origin });
    extraApps.push(unreachable);
    expect((await unreachable.app.inject({ url: '/api/v1/oidc/configuration' })).json()).toEqual({ enabled: true, providerName: 'Test-IdP' });
    const response = await unreachable.app.inject({ url: '/api/v1/oidc/authorization' });
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('service.unavailable');
  });

  it('will not start with half an OIDC configuration', () => {
    expect(() => oidcSettings(testConfig({ OIDC_ISSUER: 'https://idp.example.org' }))).toThrow(ConfigError);
    expect(() => oidcSettings(testConfig({ OIDC_ISSUER: 'https://idp.example.org' }))).toThrow(/OIDC_CLIENT_ID.*required/);
    expect(oidcSettings(testConfig())).toBeUndefined();
  });
});
