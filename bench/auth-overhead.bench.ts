/**
 * auth-overhead: an authenticated read of one record with personal data — session lookup,
 * role check, the SELECT, and the access-log write (hash chain) — against a bare Fastify route
 * running the same SELECT, on PostgreSQL. Goal: ≥ 0.5 of the bare throughput and p99 < 20 ms
 * at 50 concurrent connections.
 *
 *   npm run bench -- auth-overhead [--duration 10] [--connections 50] [--rounds 2]
 *
 * The app runs with the session cache of the defaults (SESSION_CACHE_SECONDS=5); set
 * SESSION_CACHE_SECONDS=0 in the environment to measure without it.
 */
import { parseArgs } from 'node:util';
import { testConfig } from '@server/core/config';
import { migrate, openDatabase } from '@server/core/db/database';
import { runDemo } from '@server/core/demo';
import { modules } from '@server/modules';
import { demoAccounts } from '@server/modules/identity/identity.demo';
import { loadRegions, readRegionFiles } from '@server/modules/regions';
import { compare, load, machine, printRows, startServers, withBenchDatabase } from './support';

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, rounds: { type: 'string', default: '2' } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const region = 'gooi-en-vechtstreek';
const sessionCacheSeconds = process.env.SESSION_CACHE_SECONDS ?? '5';

await withBenchDatabase(async (databaseUrl) => {
  const setup = await openDatabase(testConfig({ DATABASE_URL: databaseUrl }));
  await migrate(setup.db);
  await loadRegions(setup.db, readRegionFiles('./config/regions'));
  await runDemo(setup.db, modules, { seed: 1, sizes: { organisations: 0 }, regions: [region] });
  const target = await setup.db.selectFrom('app_user').select('id').where('email', '=', `signaleerder@${region}.demo.test`).executeTakeFirstOrThrow();
  await setup.close();

  const servers = await startServers<{ full: number; bare: number }>(new URL('./auth-overhead.server.ts', import.meta.url), {
    DATABASE_URL: databaseUrl,
    SCHAKEL_DEMO: 'on',
    SCHAKEL_REGION: region,
    DATABASE_POOL_SIZE: '20',
    SESSION_CACHE_SECONDS: sessionCacheSeconds,
  });
  const admin = demoAccounts([region]).find((a) => a.role === 'functioneel-beheerder')!;
  const login = await fetch(`http://127.0.0.1:${servers.ports.full}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  if (login.status !== 201) throw new Error(`log-in failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;

  const path = `/api/v1/users/${target.id}`;
  const full = (s: number) => load(`http://127.0.0.1:${servers.ports.full}${path}`, connections, s, { cookie });
  const bare = (s: number) => load(`http://127.0.0.1:${servers.ports.bare}${path}`, connections, s);
  const result = await compare(() => full(duration), () => bare(duration), Number(values.rounds), async () => void (await full(3), await bare(3)));
  await servers.stop();

  const ratio = result.full.rps / result.bare.rps;
  console.log(`auth-overhead · ${new Date().toISOString()} · ${machine()}`);
  console.log(`GET ${path.replace(target.id, '{id}')} as functioneel beheerder · PostgreSQL · ${connections} connections · ${values.rounds}×${duration}s per route, alternating, after 3 s warm-up · session cache ${sessionCacheSeconds} s`);
  printRows([{ label: 'session+policy+log', ...result.full }, { label: 'bare fastify', ...result.bare }]);
  console.log(`ratio (full / bare throughput): ${ratio.toFixed(2)} (goal ≥ 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);
  console.log(`p99 full: ${result.full.p99} ms (goal < 20 ms: ${result.full.p99 < 20 ? 'met' : 'NOT met'})`);
});
