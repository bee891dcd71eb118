/**
 * api-baseline: the cost of our API conventions. The same organisations list query is
 * served by a route with everything (zod validation and serialization, HAL paging, helmet
 * headers, rate limiting, request ids, problem+json, API-Version) and by a bare Fastify
 * route; autocannon loads each over loopback in turn, on PostgreSQL. Prints req/s, p99
 * and the ratio. Target: full ≥ 0.8 × bare throughput.
 *
 *   npm run bench -- api-baseline [--duration 10] [--connections 20] [--organisations 10000] [--rounds 2]
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres);
 * a fresh database is created and dropped.
 */
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { testConfig } from '@server/core/config';
import { migrate, openDatabase } from '@server/core/db/database';
import { runDemo } from '@server/core/demo';
import { modules } from '@server/modules';
import { loadRegions, readRegionFiles } from '@server/modules/regions';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    organisations: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '2' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Number(values.rounds);

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `schakel_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const databaseUrl = url.toString();

try {
  const setup = await openDatabase(testConfig({ DATABASE_URL: databaseUrl }));
  await migrate(setup.db);
  const files = readRegionFiles('./config/regions');
  await loadRegions(setup.db, files);
  await runDemo(setup.db, modules, { seed: 1, sizes: { organisations: Number(values.organisations) }, regions: ['gooi-en-vechtstreek'] });
  await setup.close();

  const child = fork(new URL('./api-baseline.server.ts', import.meta.url), [], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    execArgv: ['--import', 'tsx'],
  });
  const ports = await new Promise<{ full: number; bare: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { full: number; bare: number }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });

  const scenarios = [
    { label: 'organisations, page 3 of 10k rows (count + offset query)', path: '/api/v1/organisations?region=gooi-en-vechtstreek&page=3&pageSize=20' },
    { label: 'municipalities of a region (small table: the conventions dominate)', path: '/api/v1/municipalities?region=ijsselland&pageSize=20' },
  ];
  const load = (port: number, path: string, seconds: number) =>
    autocannon({ url: `http://127.0.0.1:${port}${path}`, connections, duration: seconds, headers: { accept: 'application/json' } });
  const summary = (rs: autocannon.Result[]) => ({
    rps: rs.reduce((s, r) => s + r.requests.average, 0) / rs.length,
    p99: Math.max(...rs.map((r) => r.latency.p99)),
    non2xx: rs.reduce((s, r) => s + r.non2xx + r.errors, 0),
  });

  console.log(`api-baseline · ${new Date().toISOString()} · ${cpus().length} cores · ${cpus()[0]?.model ?? '?'}`);
  console.log(`PostgreSQL · ${values.organisations} demo organisations · ${connections} connections · ${rounds}×${duration}s per route, alternating, after 3 s warm-up`);
  let worst = Infinity;
  for (const { label, path } of scenarios) {
    await load(ports.full, path, 3);
    await load(ports.bare, path, 3);
    const results = { full: [] as autocannon.Result[], bare: [] as autocannon.Result[] };
    for (let round = 0; round < rounds; round++) {
      results.full.push(await load(ports.full, path, duration));
      results.bare.push(await load(ports.bare, path, duration));
    }
    const full = summary(results.full);
    const bare = summary(results.bare);
    const ratio = full.rps / bare.rps;
    worst = Math.min(worst, ratio);
    console.log(`\n${label}\nGET ${path}`);
    console.log('  route                 req/s     p99 (ms)  non-2xx');
    console.log(`  schakel conventions  ${full.rps.toFixed(0).padStart(7)}  ${String(full.p99).padStart(9)}  ${full.non2xx}`);
    console.log(`  bare fastify         ${bare.rps.toFixed(0).padStart(7)}  ${String(bare.p99).padStart(9)}  ${bare.non2xx}`);
    console.log(`  ratio (full / bare throughput): ${ratio.toFixed(2)}`);
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send('stop');
  await exited;
  console.log(`\nlowest ratio: ${worst.toFixed(2)} (target ≥ 0.80: ${worst >= 0.8 ? 'met' : 'NOT met'})`);
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
