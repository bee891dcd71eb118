/**
 * api-baseline: the cost of our API conventions. The same list query is served by a route with
 * everything (zod validation, fast-json-stringify serialization, HAL paging, security headers,
 * rate limiting, request ids, problem+json, API-Version, auth guard) and by a bare Fastify route;
 * autocannon loads each over loopback in turn, on PostgreSQL. Target: full ≥ 0.8 × bare throughput.
 *
 *   npm run bench -- api-baseline [--duration 10] [--connections 20] [--organisations 10000] [--rounds 2]
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); a fresh database is created and dropped.
 */
import { parseArgs } from 'node:util';
import { testConfig } from '@server/core/config';
import { migrate, openDatabase } from '@server/core/db/database';
import { runDemo } from '@server/core/demo';
import { modules } from '@server/modules';
import { loadRegions, readRegionFiles } from '@server/modules/regions';
import { compare, load, machine, printRows, startServers, withBenchDatabase } from './support';

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

await withBenchDatabase(async (databaseUrl) => {
  const setup = await openDatabase(testConfig({ DATABASE_URL: databaseUrl }));
  await migrate(setup.db);
  await loadRegions(setup.db, readRegionFiles('./config/regions'));
  await runDemo(setup.db, modules, { seed: 1, sizes: { organisations: Number(values.organisations) }, regions: ['gooi-en-vechtstreek'] });
  await setup.close();

  const servers = await startServers<{ full: number; bare: number }>(new URL('./api-baseline.server.ts', import.meta.url), { DATABASE_URL: databaseUrl });
  const scenarios = [
    { label: 'organisations, page 3 of 10k rows (count + offset query)', path: '/api/v1/organisations?region=gooi-en-vechtstreek&page=3&pageSize=20' },
    { label: 'municipalities of a region (small table: the conventions dominate)', path: '/api/v1/municipalities?region=ijsselland&pageSize=20' },
  ];
  console.log(`api-baseline · ${new Date().toISOString()} · ${machine()}`);
  console.log(`PostgreSQL · ${values.organisations} demo organisations · ${connections} connections · ${values.rounds}×${duration}s per route, alternating, after 3 s warm-up`);
  let worst = Infinity;
  for (const { label, path } of scenarios) {
    const full = (seconds: number) => load(`http://127.0.0.1:${servers.ports.full}${path}`, connections, seconds);
    const bare = (seconds: number) => load(`http://127.0.0.1:${servers.ports.bare}${path}`, connections, seconds);
    const result = await compare(() => full(duration), () => bare(duration), Number(values.rounds), async () => void (await full(3), await bare(3)));
    const ratio = result.full.rps / result.bare.rps;
    worst = Math.min(worst, ratio);
    console.log(`\n${label}\nGET ${path}`);
    printRows([{ label: 'schakel conventions', ...result.full }, { label: 'bare fastify', ...result.bare }]);
    console.log(`  ratio (full / bare throughput): ${ratio.toFixed(2)}`);
  }
  await servers.stop();
  console.log(`\nlowest ratio: ${worst.toFixed(2)} (target ≥ 0.80: ${worst >= 0.8 ? 'met' : 'NOT met'})`);
});
