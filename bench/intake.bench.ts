/**
 * intake: public submissions (POST /api/v1/public/signals) on PostgreSQL over loopback.
 * Target (issue #5): ≥ 200 per second sustained for 60 s with p99 < 100 ms and 0 lost — the
 * number of public-form signals in the database equals the number of acknowledgements.
 *
 *   npm run bench -- intake [--rate 200] [--duration 60] [--connections 20] [--max-duration 15]
 *
 * Each request is a new report with its own submissionId and its own solved challenge. The
 * challenges are fetched and solved before the run (solving is the browser's work, not the
 * server's: the server checks one SHA-256), at PUBLIC_PROOF_OF_WORK_BITS=8 so that preparing
 * 15,000 of them takes seconds. Rate limits are lifted for the one load-generating address.
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { testConfig } from '@server/core/config';
import { migrate, openDatabase } from '@server/core/db/database';
import { loadRegions, readRegionFiles } from '@server/modules/regions';
import { solveChallenge } from '@server/modules/signals/signals.public';
import { machine, startServers, withBenchDatabase } from './support';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '20' },
    'max-duration': { type: 'string', default: '15' },
  },
});
const rate = Number(values.rate);
const duration = Number(values.duration);
const connections = Number(values.connections);
const maxDuration = Number(values['max-duration']);
const BITS = 8;
const places = ['Hilversum', 'Huizen', 'Bussum', 'Laren', 'Blaricum', 'Eemnes', 'Loosdrecht', 'Onbekend dorp'];

async function prepareChallenges(base: string, count: number) {
  const tokens: { token: string; nonce: string }[] = [];
  const batch = 50;
  for (let i = 0; i < count; i += batch) {
    const fetched = await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, async () => (await (await fetch(`${base}/api/v1/public/challenges`, { method: 'POST' })).json()) as { token: string; difficulty: number }),
    );
    for (const c of fetched) tokens.push({ token: c.token, nonce: solveChallenge(c.token, c.difficulty) });
  }
  return tokens;
}

async function run(base: string, challenges: { token: string; nonce: string }[], options: { seconds: number; overallRate?: number }) {
  let next = 0;
  const acknowledged: string[] = [];
  const result = await autocannon({
    url: `${base}/api/v1/public/signals`,
    connections,
    duration: options.seconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const challenge = challenges[next++ % challenges.length]!;
          return {
            ...request,
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({
              submissionId: randomUUID(),
              challenge,
              language: 'nl',
              forms: ['labour'],
              description: 'Benchmarkmelding: mensen slapen in een loods op het bedrijventerrein en werken lange dagen (fictief).',
              place: places[next % places.length],
              anonymous: next % 3 !== 0,
              contact: next % 3 === 0 ? { email: `melder${next}@example.test` } : null,
            }),
          };
        },
        onResponse: (status, body) => {
          if (status === 201) acknowledged.push(JSON.parse(body).reference);
        },
      },
    ],
  });
  return { result, acknowledged, used: next };
}

await withBenchDatabase(async (databaseUrl) => {
  const setup = await openDatabase(testConfig({ DATABASE_URL: databaseUrl }));
  await migrate(setup.db);
  await loadRegions(setup.db, readRegionFiles('./config/regions'));
  await setup.close();

  const servers = await startServers<{ port: number }>(new URL('./intake.server.ts', import.meta.url), {
    DATABASE_URL: databaseUrl,
    PUBLIC_PROOF_OF_WORK_BITS: String(BITS),
    PUBLIC_RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_PER_MINUTE: '100000000',
    DATABASE_POOL_SIZE: '20',
  });
  const base = `http://127.0.0.1:${servers.ports.port}`;
  console.log(`intake · ${new Date().toISOString()} · ${machine()}`);
  console.log(`PostgreSQL · ${connections} connections · proof of work ${BITS} bits (solved before the run)`);

  const needed = Math.ceil(rate * duration * 1.1) + 3000 * maxDuration + 1000;
  let started = performance.now();
  const challenges = await prepareChallenges(base, needed);
  console.log(`prepared ${challenges.length} challenges in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Warm-up, then the sustained run at the target rate, then an open-throttle run for the ceiling.
  await run(base, challenges.slice(0, 500), { seconds: 3 });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const countRows = async () => Number((await pool.query(`select count(*)::int as n from signal where channel = 'public-form'`)).rows[0].n);
  const before = await countRows();

  started = performance.now();
  const sustained = await run(base, challenges.slice(500), { seconds: duration, overallRate: rate });
  const sustainedSeconds = (performance.now() - started) / 1000;
  const afterSustained = await countRows();
  const stored = afterSustained - before;
  const references = await pool.query(`select count(*)::int as n from signal where reference = any($1::text[])`, [sustained.acknowledged]);

  const ceiling = await run(base, challenges.slice(500 + sustained.used), { seconds: maxDuration });
  const afterCeiling = await countRows();
  await pool.end();
  await servers.stop();

  const s = sustained.result;
  console.log(`\nsustained at ${rate}/s for ${duration} s`);
  console.log(`  acknowledged (201): ${sustained.acknowledged.length} in ${sustainedSeconds.toFixed(1)} s = ${(sustained.acknowledged.length / duration).toFixed(1)}/s`);
  console.log(`  latency ms: p50 ${s.latency.p50} · p90 ${s.latency.p90} · p99 ${s.latency.p99} · max ${s.latency.max}`);
  console.log(`  non-2xx: ${s.non2xx} · errors: ${s.errors} · timeouts: ${s.timeouts}`);
  console.log(`  stored in the database: ${stored}; acknowledged references found: ${references.rows[0].n} of ${sustained.acknowledged.length}; lost: ${sustained.acknowledged.length - references.rows[0].n}`);
  const c = ceiling.result;
  console.log(`\nceiling: no rate limit, ${connections} connections, ${maxDuration} s`);
  console.log(`  ${c.requests.average.toFixed(0)} req/s · p50 ${c.latency.p50} · p99 ${c.latency.p99} ms · acknowledged ${ceiling.acknowledged.length} · stored ${afterCeiling - afterSustained}`);
  const met = sustained.acknowledged.length / duration >= rate * 0.98 && s.latency.p99 < 100 && references.rows[0].n === sustained.acknowledged.length && stored === sustained.acknowledged.length;
  console.log(`\ntarget ≥ ${rate}/s for ${duration} s, p99 < 100 ms, 0 lost: ${met ? 'met' : 'NOT met'}`);
});
