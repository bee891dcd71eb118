import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { prepare, type Prepared } from '@server/core/bootstrap';
import { type Config, testConfig } from '@server/core/config';
import { buildApp } from '@server/core/http/app';
import type { SchakelModule } from '@server/core/module';
import { hashPassword } from '@server/core/auth/passwords';
import type { Role } from '@server/core/auth/roles';
import { currentTotp, newTotpSecret } from '@server/core/auth/totp';
import { modules } from '@server/modules';
import type { TestTemplate } from './testing.setup';

/**
 * A fresh database for one test file: in-memory PGlite by default, or, when
 * TEST_DATABASE_URL is set, a new PostgreSQL database created next to it and dropped after.
 */
export async function freshDatabaseUrl(template?: string): Promise<{ url?: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return { drop: async () => undefined };
  const name = `schakel_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  prepared: Prepared;
  config: Config;
  close(): Promise<void>;
}

/**
 * The run's template database (server/core/testing.setup.ts), when it holds what these overrides
 * would make: the default region files, and demo data exactly when demo mode is on.
 */
function templateFor(overrides: Partial<Config>): TestTemplate | undefined {
  let template: TestTemplate | undefined;
  try {
    template = inject('schakelTestTemplate') as TestTemplate | undefined;
  } catch {
    return undefined; // outside Vitest (the screenshot scripts): no template
  }
  if (!template) return undefined;
  const mode = overrides.SCHAKEL_DEMO ?? 'off';
  if (overrides.SCHAKEL_REGIONS_DIR !== undefined || mode === 'auto' || (mode === 'on') !== template.demo) return undefined;
  return template;
}

/** Starts the whole application (migrations, regions, modules) on a fresh database. */
export async function createTestApp(
  overrides: Partial<Config> = {},
  extraModules: SchakelModule[] = [],
  options: Parameters<typeof buildApp>[2] = {},
): Promise<TestApp> {
  const template = templateFor(overrides);
  const fresh = await freshDatabaseUrl(template?.postgresDatabase);
  const config = testConfig({ DATABASE_URL: fresh.url, SCHAKEL_WEB_DIR: './dist/does-not-exist', ...overrides });
  const dump = !fresh.url && template?.pgliteDump ? new Blob([readFileSync(template.pgliteDump)]) : undefined;
  let prepared: Prepared | undefined;
  let app: FastifyInstance;
  try {
    prepared = await prepare(config, { memory: !fresh.url, ...(dump ? { loadDataDir: dump } : {}) });
    app = await buildApp({ config, database: prepared.database }, [...modules, ...extraModules], options);
    await app.ready();
  } catch (error) {
    // A start that fails (a test of a refused module) leaves no database behind.
    await prepared?.database.close();
    await fresh.drop();
    throw error;
  }
  return {
    app,
    prepared,
    config,
    close: async () => {
      await app.close();
      await prepared.database.close();
      await fresh.drop();
    },
  };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  totpSecret?: string;
}

let userCounter = 0;

/** Factory: a fictional account with roles, in an organisation of the given type of the default region. */
export async function createTestUser(
  t: TestApp,
  options: { roles: Role[]; organisationType?: string; municipalities?: string[]; allMunicipalities?: boolean; totp?: boolean; region?: string } = { roles: [] },
): Promise<TestUser> {
  const db = t.prepared.database.db;
  const region = options.region ?? t.config.SCHAKEL_REGION;
  const organisation = await db
    .selectFrom('organisation')
    .select('id')
    .where('region_code', '=', region)
    .$if(options.organisationType !== undefined, (qb) => qb.where('type', '=', options.organisationType!))
    .orderBy('name')
    .executeTakeFirstOrThrow();
  userCounter += 1;
  const email = `test-${userCounter}-${randomBytes(3).toString('hex')}@example.test`;
  const password = `Fictief wachtwoord ${randomBytes(4).toString('hex')}`;
  const totpSecret = options.totp === false ? undefined : newTotpSecret();
  const user = await db
    .insertInto('app_user')
    .values({
      region_code: region,
      organisation_id: organisation.id,
      email,
      display_name: `Testgebruiker ${userCounter}`,
      password_hash: await hashPassword(password),
      all_municipalities: options.allMunicipalities ?? false,
      totp_secret: totpSecret ?? null,
      totp_enabled_at: totpSecret ? new Date() : null,
      totp_last_step: null,
      oidc_subject: null,
      locked_until: null,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (options.roles.length) await db.insertInto('user_role').values(options.roles.map((role) => ({ user_id: user.id, role }))).execute();
  for (const code of options.municipalities ?? []) {
    await db.insertInto('user_municipality').values({ user_id: user.id, region_code: region, municipality_code: code }).execute();
  }
  return { id: user.id, email, password, ...(totpSecret ? { totpSecret } : {}) };
}

export interface LoggedIn {
  cookie: string;
  csrfToken: string;
  /** Headers for inject(): the session cookie and, for state-changing requests, the CSRF token. */
  headers: Record<string, string>;
}

function sessionCookie(response: { cookies: { name: string; value: string }[] }): string {
  const cookie = response.cookies.find((c) => c.name === 'schakel_session');
  if (!cookie) throw new Error('no session cookie set');
  return `schakel_session=${cookie.value}`;
}

/** Logs a test user in through the API: password, then the current TOTP code. */
export async function logIn(t: TestApp, user: TestUser, now = Date.now()): Promise<LoggedIn> {
  const first = await t.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: user.email, password: user.password } });
  if (first.statusCode !== 201) throw new Error(`log-in failed: ${first.statusCode} ${first.body}`);
  let cookie = sessionCookie(first);
  let csrfToken = first.json().csrfToken as string;
  if (first.json().state === 'second-factor-required') {
    // Each TOTP time step is accepted once; a test that logs in repeatedly lets time "pass".
    await t.prepared.database.db.updateTable('app_user').set({ totp_last_step: null }).where('email', '=', user.email).execute();
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sessions/current/second-factor',
      payload: { code: currentTotp(user.totpSecret!, now) },
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    if (second.statusCode !== 200) throw new Error(`second factor failed: ${second.statusCode} ${second.body}`);
    cookie = sessionCookie(second);
    csrfToken = second.json().csrfToken;
  }
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/**
 * Asserts who may call an endpoint: anonymous gets 401, every role not in `allowed` gets 403
 * (and the denial is in the access log), every allowed role gets past authorization.
 */
export async function expectRoleMatrix(
  t: TestApp,
  request: { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; payload?: object },
  allowed: Role[],
): Promise<void> {
  const { roles } = await import('@server/core/auth/roles');
  const anonymous = await t.app.inject({ ...request });
  if (anonymous.statusCode !== 401) throw new Error(`${request.method} ${request.url} anonymous: expected 401, got ${anonymous.statusCode}`);
  for (const role of roles) {
    const user = await createTestUser(t, { roles: [role], allMunicipalities: true });
    const session = await logIn(t, user);
    const response = await t.app.inject({ ...request, headers: session.headers });
    const denied = response.statusCode === 403 && response.json().code === 'access.denied';
    if (allowed.includes(role) && (denied || response.statusCode === 401)) {
      throw new Error(`${request.method} ${request.url} as ${role}: expected access, got ${response.statusCode}`);
    }
    if (!allowed.includes(role)) {
      if (!denied) throw new Error(`${request.method} ${request.url} as ${role}: expected 403 access.denied, got ${response.statusCode}`);
      const logged = await t.prepared.database.db.selectFrom('access_log').select('id').where('user_id', '=', user.id).where('action', '=', 'denied').executeTakeFirst();
      if (!logged) throw new Error(`${request.method} ${request.url} as ${role}: denial not in the access log`);
    }
  }
}

export type ScopeRelation = 'own' | 'other';
export type GrantState = 'valid' | 'expired' | 'revoked' | 'none';

/**
 * The authorization matrix of a record endpoint: for every role × own/other municipality ×
 * grant valid/expired/revoked/none, a fresh user (scoped to `own`) calls the endpoint on a
 * record in `own` or `other`; `expected` says whether that must be allowed. A refusal must be
 * 404 (reads) or 403, and must be in the access log. Returns the table it checked.
 */
export async function expectRecordMatrix(
  t: TestApp,
  options: {
    recordType: string;
    own: string;
    other: string;
    createRecord: (municipality: string) => Promise<string>;
    request: (id: string) => { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; payload?: object };
    expected: (role: Role, scope: ScopeRelation, grant: GrantState) => boolean;
  },
): Promise<string[]> {
  const { roles } = await import('@server/core/auth/roles');
  const db = t.prepared.database.db;
  const lines: string[] = [];
  const failures: string[] = [];
  for (const role of roles) {
    for (const scope of ['own', 'other'] as const) {
      for (const grant of ['valid', 'expired', 'revoked', 'none'] as const) {
        const user = await createTestUser(t, { roles: [role], municipalities: [options.own] });
        const recordId = await options.createRecord(scope === 'own' ? options.own : options.other);
        if (grant !== 'none') {
          const hour = 3_600_000;
          await db
            .insertInto('access_grant')
            .values({
              region_code: t.config.SCHAKEL_REGION,
              record_type: options.recordType,
              record_id: recordId,
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
        const session = await logIn(t, user);
        const response = await t.app.inject({ ...options.request(recordId), headers: session.headers });
        const allowed = response.statusCode < 400;
        const want = options.expected(role, scope, grant);
        lines.push(`${role} ${scope} ${grant}: ${allowed ? 'allowed' : `refused ${response.statusCode}`}`);
        if (allowed !== want) failures.push(`${role} × ${scope} municipality × grant ${grant}: expected ${want ? 'allowed' : 'refused'}, got ${response.statusCode}`);
        if (!allowed) {
          if (![403, 404].includes(response.statusCode)) failures.push(`${role} ${scope} ${grant}: refusal must be 403/404, got ${response.statusCode}`);
          const logged = await db.selectFrom('access_log').select('id').where('user_id', '=', user.id).where('action', '=', 'denied').where('record_id', '=', recordId).executeTakeFirst();
          if (!logged) failures.push(`${role} ${scope} ${grant}: denial not in the access log`);
        }
      }
    }
  }
  if (failures.length) throw new Error(`Authorization matrix of ${options.recordType}:\n${failures.join('\n')}`);
  return lines;
}
