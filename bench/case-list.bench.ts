/**
 * case-list (issue #6, acceptance 6): with 1,000,000 cases and 5,000,000 access-log rows on
 * PostgreSQL, made by the demo generator, the work list and the case search of a regular
 * aandachtsfunctionaris — filtered by municipality scope and grants — p95 < 100 ms, and a case
 * detail p95 < 50 ms, with 20 concurrent users.
 *
 *   npm run bench -- case-list [--fresh] [--duration 30] [--users 20] [--cases 1000000] [--access-log 5000000] [--only abcd] [--profile DIR]
 *
 * The data lives in its own database (schakel_bench_case_list), generated once and reused;
 * --fresh drops and generates it again. Twenty aandachtsfunctionaris accounts (one per
 * municipality, two of them with a second municipality) each get five grants on open cases
 * outside their scope. Each user runs requests back to back (closed loop, one connection each).
 * Scenarios: (a) the work list, (b) searches, (c) case pages of their work list and grants (the
 * generated cases, which have no signals), (d) case pages of the demo cases in their scope, which
 * start from signals with persons, places and businesses, as every real case does.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { hashPassword } from '@server/core/auth/passwords';
import { testConfig } from '@server/core/config';
import { migrate, openDatabase } from '@server/core/db/database';
import { runDemo } from '@server/core/demo';
import { localDate } from '@server/core/working-days';
import { modules } from '@server/modules';
import { explainCaseList } from '@server/modules/cases/cases.list.repository';
import { DEMO_PASSWORD } from '@server/modules/identity/identity.demo';
import { loadRegions, readRegionFiles } from '@server/modules/regions';
import { machine, postgresBaseline } from './support';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    duration: { type: 'string', default: '30' },
    users: { type: 'string', default: '20' },
    cases: { type: 'string', default: '1000000' },
    'access-log': { type: 'string', default: '5000000' },
    // Which scenarios to run (a: work list, b: search, c: case page, d: case page of a case with signals); all by default.
    only: { type: 'string', default: 'abcd' },
    // Write a V8 CPU profile of the app server to this directory (node --cpu-prof).
    profile: { type: 'string' },
  },
});
const duration = Number(values.duration);
const userCount = Number(values.users);
const wantedCases = Number(values.cases);
const wantedLog = Number(values['access-log']);
const NAME = 'schakel_bench_case_list';
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const url = new URL(base);
url.pathname = `/${NAME}`;
const databaseUrl = url.toString();
const regions = ['gooi-en-vechtstreek', 'ijsselland'];

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function prepareDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [NAME])).rowCount === 1;
  let generate = values.fresh || !exists;
  if (exists && !generate) {
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const counts = await check
      .query(`select (select count(*) from case_file)::int as cases, (select reltuples::bigint from pg_class where relname = 'access_log') as log`)
      .then((r) => r.rows[0] as { cases: number; log: string })
      .catch(() => ({ cases: 0, log: '0' }));
    await check.end();
    generate = counts.cases < wantedCases || Number(counts.log) < wantedLog * 0.98;
    console.log(`reusing ${NAME}: ${counts.cases} cases, ~${counts.log} access-log rows${generate ? ' — too few, generating again' : ''}`);
  }
  if (generate) {
    await admin.query(`drop database if exists ${NAME} with (force)`);
    await admin.query(`create database ${NAME}`);
  }
  await admin.end();
  const setup = await openDatabase(testConfig({ DATABASE_URL: databaseUrl }));
  await migrate(setup.db);
  if (generate) {
    await loadRegions(setup.db, readRegionFiles('./config/regions'));
    const started = performance.now();
    console.log(`generating ${wantedCases} cases and ${wantedLog} access-log rows with the demo generator…`);
    await runDemo(setup.db, modules, { seed: 2026, sizes: { cases: wantedCases, 'access-log': wantedLog }, regions, log: (line) => console.log(line) });
    console.log(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  await setup.close();
}

interface BenchUser {
  email: string;
  region: string;
  municipalities: string[];
  userId: string;
  organisationId: string;
  grants: string[];
  /** Cases of their scope that start from signals (the demo cases): a case page with persons, places and businesses. */
  signalCases: string[];
}

/** Twenty aandachtsfunctionarissen: one per municipality, the two largest municipalities' with a neighbour as well. */
async function prepareUsers(): Promise<BenchUser[]> {
  const database = await openDatabase(testConfig({ DATABASE_URL: databaseUrl }));
  const db = database.db;
  const municipalities = await db.selectFrom('municipality').select(['region_code', 'code', 'inhabitants']).where('region_code', 'in', regions).orderBy('region_code').orderBy('code').execute();
  const plans = municipalities.map((m) => ({ region: m.region_code, codes: [m.code] }));
  for (const big of [...municipalities].sort((a, b) => b.inhabitants - a.inhabitants)) {
    if (plans.length >= userCount) break;
    const neighbour = municipalities.find((m) => m.region_code === big.region_code && m.code !== big.code)!;
    plans.push({ region: big.region_code, codes: [big.code, neighbour.code] });
  }
  const hash = await hashPassword(DEMO_PASSWORD);
  const users: BenchUser[] = [];
  for (const [k, plan] of plans.slice(0, userCount).entries()) {
    const email = `bench-af-${k}@${plan.region}.demo.test`;
    const organisation = await db.selectFrom('organisation').select('id').where('region_code', '=', plan.region).where('type', '=', 'municipality').where('municipality_code', '=', plan.codes[0]!).executeTakeFirstOrThrow();
    let user = await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
    if (!user) {
      user = await db
        .insertInto('app_user')
        .values({ region_code: plan.region, organisation_id: organisation.id, email, display_name: `Benchmark aandachtsfunctionaris ${k} (demo)`, password_hash: hash, all_municipalities: false, is_demo: true, totp_secret: null, totp_enabled_at: null, totp_last_step: null, oidc_subject: null, locked_until: null, last_login_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('user_role').values({ user_id: user.id, role: 'aandachtsfunctionaris' }).execute();
      await db.insertInto('user_municipality').values(plan.codes.map((code) => ({ user_id: user!.id, region_code: plan.region, municipality_code: code }))).execute();
      // Five open cases outside their scope, shared with them on a grant.
      await sql`insert into access_grant (region_code, record_type, record_id, grantee_user_id, purpose, legal_basis, valid_until)
        select c.region_code, 'case', c.id::text, ${user.id}, 'benchmark: need to know', 'convenant', now() + interval '30 days'
        from case_file c where c.region_code = ${plan.region} and c.status <> 'closed' and not (c.municipalities && ${plan.codes}::text[])
        order by c.id offset ${k * 5} limit 5`.execute(db);
    }
    const grants = await db.selectFrom('access_grant').select('record_id').where('grantee_user_id', '=', user.id).where('valid_until', '>', new Date()).execute();
    const signalCases = await db
      .selectFrom('case_file as c')
      .select('c.id')
      .where('c.region_code', '=', plan.region)
      .where(sql<boolean>`c.municipalities && ${plan.codes}::text[]`)
      .where((eb) => eb.exists(eb.selectFrom('case_signal as s').select('s.case_id').whereRef('s.case_id', '=', 'c.id')))
      .orderBy('c.id')
      .execute();
    users.push({ email, region: plan.region, municipalities: plan.codes, userId: user.id, organisationId: organisation.id, grants: grants.map((g) => g.record_id), signalCases: signalCases.map((c) => c.id) });
  }
  await sql`analyze access_grant`.execute(db);
  await database.close();
  return users;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function request(port: number, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: { accept: 'application/json', ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

interface Session {
  user: BenchUser;
  headers: Record<string, string>;
  detailIds: string[];
  /** The user's cases with signals (none for a municipality without demo cases: that user sits out scenario d). */
  signalCaseIds: string[];
}

async function logIn(port: number, user: BenchUser): Promise<Session> {
  const response = await request(port, 'POST', '/api/v1/sessions', {}, { email: user.email, password: DEMO_PASSWORD });
  if (response.status !== 201) throw new Error(`log-in of ${user.email}: ${response.status} ${response.text}`);
  const { csrfToken, state } = JSON.parse(response.text) as { csrfToken: string; state: string };
  if (state !== 'active') throw new Error(`log-in of ${user.email}: state ${state}`);
  const cookie = String(response.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  const headers = { cookie, 'x-csrf-token': csrfToken };
  const list = await request(port, 'GET', '/api/v1/cases?pageSize=50', headers);
  if (list.status !== 200) throw new Error(`work list of ${user.email}: ${list.status} ${list.text.slice(0, 300)}`);
  const ids = (JSON.parse(list.text)._embedded.cases as { id: string }[]).map((c) => c.id);
  const detailIds = [...ids, ...user.grants];
  return { user, headers, detailIds, signalCaseIds: user.signalCases };
}

const searches = [
  { text: 'kerkstraat', status: 'open' },
  { text: 'nagelstudio' },
  { text: 'havenweg 1', status: 'all' },
  { text: 'uitzendbureau', status: 'open', trackKind: 'care-criminal' },
  { text: 'woning', form: 'sexual', status: 'all' },
  { text: 'molenweg', overdue: true },
  { text: 'cs-2026-00' },
];

type Scenario = (session: Session, i: number) => { method: string; path: string; body?: unknown };
/** Label, request, goal (p95 ms), and which users take part (all by default). */
const scenarios: [string, Scenario, number, ((session: Session) => boolean)?][] = [
  ['(a) GET /cases (work list)', () => ({ method: 'GET', path: '/api/v1/cases' }), 100],
  ['(b) POST /cases/_search', (_s, i) => ({ method: 'POST', path: '/api/v1/cases/_search', body: searches[i % searches.length] }), 100],
  ['(c) GET /cases/{id}', (s, i) => ({ method: 'GET', path: `/api/v1/cases/${s.detailIds[i % s.detailIds.length]}` }), 50],
  // The generated million have no signals; every real case has. The demo cases show what those add to a case page.
  ['(d) GET /cases/{id}, with signals', (s, i) => ({ method: 'GET', path: `/api/v1/cases/${s.signalCaseIds[i % s.signalCaseIds.length]}` }), 50, (s) => s.signalCaseIds.length > 0],
];

/** Each user sends the next request when the previous one answered, for `seconds`. */
async function run(port: number, sessions: Session[], scenario: Scenario, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const statuses = new Map<number, number>();
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    sessions.map(async (session, u) => {
      for (let i = u; performance.now() < end; i++) {
        const { method, path, body } = scenario(session, i);
        const started = performance.now();
        try {
          const response = await request(port, method, path, session.headers, body);
          latencies.push(performance.now() - started);
          if (response.status !== 200) {
            if (!statuses.has(response.status)) console.log(`  first ${response.status}: ${method} ${path} → ${response.text.slice(0, 300)}`);
            errors++;
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          }
        } catch {
          errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { count: latencies.length, rps: latencies.length / seconds, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: latencies.at(-1) ?? 0, errors, statuses: Object.fromEntries(statuses) };
}

function startServer(): Promise<{ port: number; cpu: () => Promise<number>; stop: () => Promise<void> }> {
  const child = fork(new URL('./case-list.server.ts', import.meta.url), [], {
    env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, SCHAKEL_DEMO: 'on', SCHAKEL_REGION: regions[0]!, DATABASE_POOL_SIZE: '20', RATE_LIMIT_PER_MINUTE: '100000000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000' },
    execArgv: ['--import', 'tsx', ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [])],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.once('message', (m) => {
      const port = (m as { port: number }).port;
      resolve({
        port,
        cpu: () =>
          new Promise((done) => {
            child.once('message', (x) => done((x as { cpu: number }).cpu));
            child.send('cpu');
          }),
        stop: async () => {
          child.removeAllListeners('exit');
          const exited = new Promise((done) => child.once('exit', done));
          child.send('stop');
          await exited;
        },
      });
    });
  });
}

/** CPU seconds of this database's PostgreSQL backends (the machine is shared: wall-clock figures alone do not tell). */
async function backendCpu(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()');
  let total = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // ended
    }
  }
  return total;
}

await prepareDatabase();
const users = await prepareUsers();
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const sizes = (await pool.query(`select (select count(*) from case_file)::int as cases, (select count(*) from case_file where status <> 'closed')::int as open,
  (select count(*) from access_log)::int as log, (select count(*) from access_log where hash is null)::int as unsealed, (select count(*) from access_grant)::int as grants`)).rows[0];
// The machine's baselines before the app server (and its sealer) starts.
const header = `case-list · ${new Date().toISOString()} · ${machine()} · PostgreSQL ${(await pool.query('show server_version')).rows[0].server_version} (baseline ${(await postgresBaseline(pool)).toFixed(0)} ms) · shared_buffers ${(await pool.query('show shared_buffers')).rows[0].shared_buffers}`;
const server = await startServer();
const sessions = await Promise.all(users.map((u) => logIn(server.port, u)));

console.log(`\n${header}`);
console.log(`data: ${sizes.cases} cases (${sizes.open} open), ${sizes.log} access-log rows (${sizes.unsealed} unsealed before the run), ${sizes.grants} grants`);
console.log(`${sessions.length} aandachtsfunctionarissen (${[...new Set(users.flatMap((u) => u.municipalities))].length} municipalities, 5 grants each outside their scope, ${users.filter((u) => u.signalCases.length > 0).length} with cases from signals in scope: ${users.reduce((n, u) => n + u.signalCases.length, 0)}) · closed loop, one connection per user · ${duration} s per scenario after a 5 s warm-up`);
console.log(`uptime: ${execSync('uptime').toString().trim()}\n`);

const results = [];
for (const [label, scenario, goal, takesPart] of scenarios.filter(([label]) => values.only.includes(label[1]!))) {
  const taking = takesPart ? sessions.filter(takesPart) : sessions;
  await run(server.port, taking, scenario, 5);
  const loadBefore = loadavg();
  const [nodeBefore, pgBefore] = [await server.cpu(), await backendCpu(pool)];
  const r = await run(server.port, taking, scenario, duration);
  const [nodeAfter, pgAfter] = [await server.cpu(), await backendCpu(pool)];
  const cpu = { node: nodeAfter - nodeBefore, pg: pgAfter - pgBefore };
  results.push({ label, goal, ...r, cpu });
  const ms = (x: number) => x.toFixed(1).padStart(7);
  console.log(`${label.padEnd(30)}${taking.length < sessions.length ? ` (${taking.length} users)` : ''} p50 ${ms(r.p50)} · p95 ${ms(r.p95)} · p99 ${ms(r.p99)} · max ${ms(r.max)} ms · ${r.rps.toFixed(0).padStart(5)} req/s · ${r.count} requests · errors ${r.errors}${r.errors ? ` ${JSON.stringify(r.statuses)}` : ''}`);
  console.log(`${''.padEnd(30)} goal p95 < ${goal} ms: ${r.p95 < goal ? 'met' : 'NOT met'} · CPU ${cpu.node.toFixed(1)} s Node + ${cpu.pg.toFixed(1)} s PostgreSQL in ${duration} s (${((cpu.node + cpu.pg) / r.count * 1000).toFixed(2)} ms per request) · load ${loadBefore} → ${loadavg()}`);
}
await server.stop();

// The plans of the list and search queries for the user with the most open cases in scope.
const counts = await Promise.all(users.map(async (u) => Number((await pool.query(`select count(*)::int as n from case_municipality where municipality_code = any($1) and open`, [u.municipalities])).rows[0].n)));
const busiest = users[counts.indexOf(Math.max(...counts))]!;
const database = await openDatabase(testConfig({ DATABASE_URL: databaseUrl }));
const visibility = { regionCode: busiest.region, userId: busiest.userId, organisationId: busiest.organisationId, regionWide: false, municipalities: busiest.municipalities, byGrant: true };
const today = localDate(new Date());
const list = await explainCaseList(database.db, visibility, { status: 'open', sort: 'due', limit: 20, offset: 0, today });
const search = await explainCaseList(database.db, visibility, { status: 'all', text: 'kerkstraat', sort: 'updated', limit: 20, offset: 0, today });
await database.close();
await pool.end();
console.log(`\nEXPLAIN (ANALYZE, BUFFERS) — work list of ${busiest.email} (${busiest.municipalities.join(', ')}: ${Math.max(...counts)} open cases in scope), page:\n${list.rows}\n\ncount:\n${list.total}`);
console.log(`\nEXPLAIN (ANALYZE, BUFFERS) — search "kerkstraat" (status all), page:\n${search.rows}\n\ncount:\n${search.total}`);
console.log(`\nuptime: ${execSync('uptime').toString().trim()}`);
process.exit(results.every((r) => r.errors === 0) ? 0 : 1);
