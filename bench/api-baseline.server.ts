// Child process of api-baseline.bench.ts: serves the same list query twice, on two ports —
// through Schakel's full stack, and through a bare Fastify route — so both share one process.
import Fastify from 'fastify';
import { prepare } from '@server/core/bootstrap';
import { loadConfig } from '@server/core/config';
import { openDatabase } from '@server/core/db/database';
import { buildApp } from '@server/core/http/app';
import { offsetOf } from '@server/core/http/pagination';
import { modules } from '@server/modules';
import { listMunicipalities, listOrganisations } from '@server/modules/regions/regions.repository';

const config = { ...loadConfig(), LOG_LEVEL: 'silent' as const, RATE_LIMIT_PER_MINUTE: 100_000_000, SCHAKEL_DEMO: 'off' as const };
const prepared = await prepare(config);
const full = await buildApp({ config, database: prepared.database }, modules);
await full.listen({ port: 0, host: '127.0.0.1' });

// The bare route gets its own pool of the same size, so neither starves the other.
const bareDatabase = await openDatabase(config);
const bare = Fastify();
bare.get('/api/v1/organisations', async (request) => {
  const query = request.query as { region?: string; page?: string; pageSize?: string };
  const page = Number(query.page ?? 1);
  const pageSize = Number(query.pageSize ?? 20);
  const { rows, total } = await listOrganisations(bareDatabase.db, { region: query.region }, pageSize, offsetOf({ page, pageSize }));
  return { items: rows, total };
});
bare.get('/api/v1/municipalities', async (request) => {
  const query = request.query as { region?: string; page?: string; pageSize?: string };
  const page = Number(query.page ?? 1);
  const pageSize = Number(query.pageSize ?? 20);
  const { rows, total } = await listMunicipalities(bareDatabase.db, { region: query.region }, pageSize, offsetOf({ page, pageSize }));
  return { items: rows, total };
});
await bare.listen({ port: 0, host: '127.0.0.1' });

const port = (app: typeof bare) => (app.server.address() as { port: number }).port;
process.send?.({ full: port(full as unknown as typeof bare), bare: port(bare) });
process.on('message', async () => {
  await Promise.all([full.close(), bare.close()]);
  await Promise.all([prepared.database.close(), bareDatabase.close()]);
  process.exit(0);
});
