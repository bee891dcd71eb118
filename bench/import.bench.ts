/**
 * import: a fictional Meld Misdaad Anoniem export of 100,000 rows imported on PostgreSQL, then
 * the same file again. Goal (issue #5): the import < 20 s; the re-import < 10 s and changes nothing.
 * Each figure is the whole path of `npx schakel import mma <file>`: decode, CSV, mapping,
 * classification against what is already imported, and the one transaction that writes.
 *
 *   npm run bench -- import [--rows 100000]
 */
import { fakerNL as faker } from '@faker-js/faker';
import { sql } from 'kysely';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { testConfig } from '@server/core/config';
import { migrate, openDatabase } from '@server/core/db/database';
import '@server/modules';
import { fictionalMmaRows, mmaCsv } from '@server/modules/imports/imports.fixtures';
import { loadMapping } from '@server/modules/imports/imports.mapping';
import { importFile } from '@server/modules/imports/imports.service';
import { loadRegions, readRegionFiles } from '@server/modules/regions';
import { machine, withBenchDatabase } from './support';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const rows = Number(values.rows);
const region = 'gooi-en-vechtstreek';

await withBenchDatabase(async (databaseUrl) => {
  const database = await openDatabase(testConfig({ DATABASE_URL: databaseUrl }));
  try {
    await migrate(database.db);
    await loadRegions(database.db, readRegionFiles('./config/regions'));
    faker.seed(5);
    const generated = performance.now();
    const bytes = new TextEncoder().encode(mmaCsv(fictionalMmaRows(faker, rows)));
    const generatedIn = (performance.now() - generated) / 1000;
    const mapping = loadMapping('./config/imports', 'mma');
    const upload = { regionCode: region, mapping, fileName: 'mma-bench.csv', bytes, origin: 'cli' as const, createdBy: null };

    const counts = async () => {
      const { rows: r } = await sql<{ t: string; n: number }>`
        select 'signal' as t, count(*)::int as n from signal union all select 'signal_person', count(*)::int from signal_person
        union all select 'signal_location', count(*)::int from signal_location union all select 'signal_key', count(*)::int from signal_key
        union all select 'signal_event', count(*)::int from signal_event union all select 'import_record', count(*)::int from import_record
        union all select 'signal_municipality', count(*)::int from signal_municipality union all select 'signal_business', count(*)::int from signal_business
        union all select 'signal_vehicle', count(*)::int from signal_vehicle`.execute(database.db);
      return Object.fromEntries(r.map((x) => [x.t, x.n]).sort());
    };

    // CPU seconds of this database's PostgreSQL backends (same machine): with the process's own CPU
    // time this tells what the run costs whatever else the (shared) machine is doing.
    const backendCpu = async (): Promise<Map<number, number>> => {
      const { rows: pids } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(database.db);
      const ticks = new Map<number, number>();
      for (const { pid } of pids) {
        try {
          const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
          ticks.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
        } catch {
          // Not on this machine, or ended.
        }
      }
      return ticks;
    };
    const timed = async (dryRun: boolean) => {
      const cpuBefore = process.cpuUsage();
      const pgBefore = await backendCpu();
      const started = performance.now();
      const result = await importFile(database, upload, { dryRun });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const pgAfter = await backendCpu();
      let pg = 0;
      for (const [pid, after] of pgAfter) pg += after - (pgBefore.get(pid) ?? 0);
      return { seconds, result, nodeCpu: (cpu.user + cpu.system) / 1e6, pgCpu: pg };
    };
    const line = (label: string, run: Awaited<ReturnType<typeof timed>>, counts: unknown, goal?: number) =>
      console.log(
        `  ${label.padEnd(10)} ${run.seconds.toFixed(1).padStart(6)} s wall · CPU ${run.nodeCpu.toFixed(1)} s Node + ${run.pgCpu.toFixed(1)} s PostgreSQL = ${(run.nodeCpu + run.pgCpu).toFixed(1)} s  ${JSON.stringify(counts)}${goal ? `  (goal < ${goal} s: wall ${run.seconds < goal ? 'met' : 'NOT met'}, CPU ${run.nodeCpu + run.pgCpu < goal ? 'met' : 'NOT met'})` : ''}`,
      );
    const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const loadBefore = loadAverage();
    const first = await timed(false);
    const loadAfterImport = loadAverage();
    const afterFirst = await counts();
    const dry = await timed(true);
    const second = await timed(false);
    const afterSecond = await counts();
    const unchanged = JSON.stringify(afterFirst) === JSON.stringify(afterSecond);

    console.log(`import · ${new Date().toISOString()} · ${machine()} · PostgreSQL`);
    console.log(`file: ${rows.toLocaleString('en')} rows, ${(bytes.byteLength / 1_048_576).toFixed(1)} MB (generated in ${generatedIn.toFixed(1)} s)`);
    console.log(`rows written by the import: ${JSON.stringify(afterFirst)}`);
    console.log(`load average (1, 5, 15 min) before the import: ${loadBefore} · after it: ${loadAfterImport} · at the end: ${loadAverage()}`);
    line('import', first, first.result.counts, 20);
    line('dry-run', dry, dry.result.report.counts);
    line('re-import', second, second.result.counts, 10);
    console.log(`phases of the import (s): ${JSON.stringify(first.result.timings)}`);
    console.log(`phases of the re-import (s): ${JSON.stringify(second.result.timings)}`);
    console.log(`re-import changed nothing: ${unchanged ? 'yes' : `NO: ${JSON.stringify(afterSecond)}`}`);
  } finally {
    await database.close();
    // Let the pool's sockets close before the database is dropped.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});
