import type { Config } from '@server/core/config';
import { type DatabaseHandle, migrate, openDatabase, type OpenOptions } from '@server/core/db/database';
import { demoHasRun, runDemo } from '@server/core/demo';
import { ConfigError } from '@server/core/config';
import { isDemoMode } from '@server/core/module';
import { modules } from '@server/modules';
import { loadRegions, readRegionFiles } from '@server/modules/regions';

export interface Prepared {
  database: DatabaseHandle;
  migrated: string[];
  regions: { loaded: string[]; unchanged: string[] };
  demo?: Record<string, number>;
}

/**
 * Everything before serving: open the database, run migrations, load the region files
 * (idempotent) and, on an empty embedded database, the demo data.
 */
export async function prepare(config: Config, options: OpenOptions & { log?: (line: string) => void } = {}): Promise<Prepared> {
  const files = readRegionFiles(config.SCHAKEL_REGIONS_DIR);
  if (!files.some((f) => f.file.code === config.SCHAKEL_REGION)) {
    throw new ConfigError([
      `SCHAKEL_REGION=${JSON.stringify(config.SCHAKEL_REGION)}: allowed: ${files.map((f) => f.file.code).join(', ')} (files in ${config.SCHAKEL_REGIONS_DIR})`,
    ]);
  }
  const database = await openDatabase(config, options);
  try {
    const migrated = await migrate(database.db);
    const regions = await loadRegions(database.db, files);
    const wantDemo = isDemoMode({ config, database });
    let demo: Record<string, number> | undefined;
    if (wantDemo && !(await demoHasRun(database.db))) {
      demo = await runDemo(database.db, modules, {
        seed: 2026,
        sizes: {},
        regions: files.map((f) => f.file.code),
        log: options.log,
      });
    }
    return { database, migrated, regions, demo };
  } catch (error) {
    await database.close();
    throw error;
  }
}
