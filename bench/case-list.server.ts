// Child process of case-list.bench.ts: the full application on one port, with the sealer. It
// answers 'cpu' with its CPU seconds and stops on 'stop'.
import { loadConfig } from '@server/core/config';
import { openDatabase } from '@server/core/db/database';
import { buildApp } from '@server/core/http/app';
import { startSealer } from '@server/core/access/access-log';
import { modules } from '@server/modules';

const config = { ...loadConfig(), LOG_LEVEL: 'silent' as const };
const database = await openDatabase(config);
const app = await buildApp({ config, database }, modules);
await app.listen({ port: 0, host: '127.0.0.1' });
const stopSealer = startSealer(database.db, (error) => console.error(error));
process.send?.({ port: (app.server.address() as { port: number }).port });
process.on('message', async (message) => {
  if (message === 'cpu') {
    const cpu = process.cpuUsage();
    process.send?.({ cpu: (cpu.user + cpu.system) / 1e6 });
    return;
  }
  await app.close();
  await stopSealer();
  await database.close();
  process.exit(0);
});
