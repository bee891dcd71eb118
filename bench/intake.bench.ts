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

/**
 * An open-loop load at a fixed rate (or as fast as `connections` allow when rate is 0): every
 * request carries a new report. When the time is up no new requests start, and the ones in flight
 * are awaited — so every report the server stored has its answer counted.
 */
async function run(base: string, challenges: { token: string; nonce: string }[], options: { seconds: number; rate: number }) {
  let next = 0;
  let inFlight = 0;
  const acknowledged: string[] = [];
  const latencies: number[] = [];
  let failed = 0;
  const pending = new Set<Promise<void>>();
  const send = () => {
    const i = next++;
    const challenge = challenges[i % challenges.length]!;
    const body = JSON.stringify({
      submissionId: randomUUID(),
      challenge,
      language: 'nl',
      forms: ['labour'],
      description: 'Benchmarkmelding: mensen slapen in een loods op het bedrijventerrein en werken lange dagen (fictief).',
      place: places[i % places.length],
      anonymous: i % 3 !== 0,
      contact: i % 3 === 0 ? { email: `melder${i}@example.test` } : null,
    });
    inFlight += 1;
    const started = performance.now();
    const request = fetch(`${base}/api/v1/public/signals`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body })
      .then(async (response) => {
        const text = await response.text();
        latencies.push(performance.now() - started);
        if (response.status === 201) acknowledged.push(JSON.parse(text).reference);
        else failed += 1;
      })
      .catch(() => void (failed += 1))
      .finally(() => {
        inFlight -= 1;
        pending.delete(request);
      });
    pending.add(request);
  };
  const began = performance.now();
  const end = began + options.seconds * 1000;
  while (performance.now() < end) {
    const due = options.rate > 0 ? Math.floor(((performance.now() - began) / 1000) * options.rate) : Infinity;
    while (next < due && inFlight < connections) send();
    await new Promise((r) => setTimeout(r, options.rate > 0 ? 2 : 0));
  }
  const sendingSeconds = (performance.now() - began) / 1000;
  await Promise.all([...pending]);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  return { acknowledged, failed, sent: next, sendingSeconds, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: Math.round(latencies.at(-1) ?? 0) };
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

  const needed = Math.ceil(rate * duration * 1.1) + 800 * maxDuration + 1000;
  const started = performance.now();
  const challenges = await prepareChallenges(base, needed);
  console.log(`prepared ${challenges.length} challenges in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Warm-up, then the sustained run at the target rate, then an open-throttle run for the ceiling.
  await run(base, challenges.slice(0, 500), { seconds: 3, rate: 0 });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const countRows = async () => Number((await pool.query(`select count(*)::int as n from signal where channel = 'public-form'`)).rows[0].n);
  const before = await countRows();

  const sustained = await run(base, challenges.slice(500), { seconds: duration, rate });
  const afterSustained = await countRows();
  const stored = afterSustained - before;
  const references = await pool.query(`select count(*)::int as n from signal where reference = any($1::text[])`, [sustained.acknowledged]);

  const ceiling = await run(base, challenges.slice(500 + sustained.sent), { seconds: maxDuration, rate: 0 });
  const afterCeiling = await countRows();
  await pool.end();
  await servers.stop();

  const s = sustained;
  console.log(`\nsustained at ${rate}/s for ${duration} s (open loop, at most ${connections} in flight)`);
  console.log(`  sent ${s.sent} in ${s.sendingSeconds.toFixed(1)} s · acknowledged (201): ${s.acknowledged.length} = ${(s.acknowledged.length / duration).toFixed(1)}/s · failed: ${s.failed}`);
  console.log(`  latency ms: p50 ${s.p50} · p90 ${s.p90} · p99 ${s.p99} · max ${s.max}`);
  console.log(`  stored in the database: ${stored}; acknowledged references found: ${references.rows[0].n} of ${s.acknowledged.length}; lost: ${s.acknowledged.length - references.rows[0].n}`);
  const c = ceiling;
  console.log(`\nceiling: as fast as ${connections} connections go, ${maxDuration} s`);
  console.log(`  ${(c.acknowledged.length / maxDuration).toFixed(0)} acknowledged/s · p50 ${c.p50} · p99 ${c.p99} ms · failed ${c.failed} · stored ${afterCeiling - afterSustained} = acknowledged ${c.acknowledged.length}`);
  const met = s.acknowledged.length >= rate * duration * 0.98 && s.p99 < 100 && references.rows[0].n === s.acknowledged.length && stored === s.acknowledged.length;
  console.log(`\ntarget ≥ ${rate}/s for ${duration} s, p99 < 100 ms, 0 lost (stored = acknowledged): ${met ? 'met' : 'NOT met'}`);
});
