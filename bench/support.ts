import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import pg from 'pg';

/** Shared by the benchmarks: a throw-away PostgreSQL database, a server child process, load and figures. */

export async function withBenchDatabase(run: (databaseUrl: string) => Promise<void>): Promise<void> {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `schakel_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    await run(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/**
 * Forks a server script that sends its ports as the first message and exits on any message.
 * BENCH_SERVER_NODE_ARGS adds Node flags to the server only, e.g. `--cpu-prof --cpu-prof-dir=prof`
 * (Node refuses --cpu-prof in NODE_OPTIONS).
 */
export async function startServers<P>(script: URL, env: Record<string, string>): Promise<{ ports: P; stop: () => Promise<void> }> {
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = fork(script, [], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, execArgv: ['--import', 'tsx', ...nodeArgs] });
  const ports = await new Promise<P>((resolve, reject) => {
    child.once('message', (m) => resolve(m as P));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    ports,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}

export function load(url: string, connections: number, seconds: number, headers: Record<string, string> = {}) {
  return autocannon({ url, connections, duration: seconds, headers: { accept: 'application/json', ...headers } });
}

export function summary(results: autocannon.Result[]) {
  return {
    rps: results.reduce((s, r) => s + r.requests.average, 0) / results.length,
    p99: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: results.reduce((s, r) => s + r.non2xx + r.errors, 0),
  };
}

/** Alternates full and bare runs after a warm-up, so drift hits both. */
export async function compare(full: () => Promise<autocannon.Result>, bare: () => Promise<autocannon.Result>, rounds: number, warmUp: () => Promise<void>) {
  await warmUp();
  const results = { full: [] as autocannon.Result[], bare: [] as autocannon.Result[] };
  for (let round = 0; round < rounds; round++) {
    results.full.push(await full());
    results.bare.push(await bare());
  }
  return { full: summary(results.full), bare: summary(results.bare) };
}

/**
 * The machine, with a baseline: a fixed single-core JavaScript workload (JSON of 2,000 small
 * records, twenty times, and a sort), best of five, in ms. Machines of one kind differ by a factor
 * of two here; the baseline lets figures from different machines be set side by side (lower is faster).
 */
export function machine(): string {
  return `${cpus().length} cores · ${cpus()[0]?.model ?? '?'} · baseline ${nodeBaseline().toFixed(0)} ms`;
}

function nodeBaseline(): number {
  const records = Array.from({ length: 2000 }, (_, i) => ({ id: `case-${i}`, reference: `CS-2026-${String(i).padStart(6, '0')}`, forms: ['sexual', 'labour'], due: `2026-12-${String((i % 28) + 1).padStart(2, '0')}`, open: i % 3 !== 0 }));
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (let k = 0; k < 20; k++) {
      const copy = JSON.parse(JSON.stringify(records)) as typeof records;
      copy.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id.localeCompare(b.id)));
    }
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** The same for PostgreSQL: md5 of 300,000 numbers in one backend, best of three, in ms. */
export async function postgresBaseline(pool: pg.Pool): Promise<number> {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    await pool.query('select count(distinct md5(g::text)) from generate_series(1, 300000) g');
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

export function printRows(rows: { label: string; rps: number; p99: number; non2xx: number }[]) {
  console.log('  route                 req/s     p99 (ms)  non-2xx');
  for (const r of rows) console.log(`  ${r.label.padEnd(20)} ${r.rps.toFixed(0).padStart(7)}  ${String(r.p99).padStart(9)}  ${r.non2xx}`);
}
