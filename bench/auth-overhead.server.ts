// Child process of auth-overhead.bench.ts: the full application, and a bare Fastify route
// running the same SELECT for one account, on two ports of one process.
import Fastify from 'fastify';
import { loadConfig } from '@server/core/config';
import { openDatabase } from '@server/core/db/database';
import { buildApp } from '@server/core/http/app';
import { startSealer } from '@server/core/access/access-log';
import { modules } from '@server/modules';
import { findUser } from '@server/modules/users/users.repository';

const config = { ...loadConfig(), LOG_LEVEL: 'silent' as const, RATE_LIMIT_PER_MINUTE: 100_000_000, LOGIN_RATE_LIMIT_PER_MINUTE: 100_000 };
const database = await openDatabase(config);
const full = await buildApp({ config, database }, modules);
await full.listen({ port: 0, host: '127.0.0.1' });
const stopSealer = startSealer(database.db, (error) => console.error(error));

const bareDatabase = await openDatabase(config);
const bare = Fastify();
bare.get('/api/v1/users/:id', async (request) => findUser(bareDatabase.db, config.SCHAKEL_REGION, (request.params as { id: string }).id));
await bare.listen({ port: 0, host: '127.0.0.1' });

const port = (app: { server: { address(): unknown } }) => (app.server.address() as { port: number }).port;
process.send?.({ full: port(full), bare: port(bare) });
process.on('message', async () => {
  await Promise.all([full.close(), bare.close()]);
  await stopSealer();
  await Promise.all([database.close(), bareDatabase.close()]);
  process.exit(0);
});
