import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import { PreparingClient } from './prepared';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { resolve } from 'node:path';
import type { Config } from '@server/core/config';
import type { Database } from '@server/db/schema';
import { migrations } from '@server/db/migrations';
import { type DataDirLock, lockDataDir } from './lock';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, without credentials (for logs and the start-up banner). */
  location: string;
  close(): Promise<void>;
  /** Embedded only: the data directory as an uncompressed tarball (a test run's template). */
  dump?: () => Promise<Blob>;
}

export interface OpenOptions {
  /** In-memory PGlite (tests); ignores SCHAKEL_DATA_DIR. */
  memory?: boolean;
  /** In-memory PGlite only: start from this dump of a data directory (a test run's template, server/core/testing.setup.ts). */
  loadDataDir?: Blob;
}

// int8 (count(*), sums) as a JS number on both drivers; our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A calendar date stays the string YYYY-MM-DD (a Date at local midnight shifts with the time zone).
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export async function openDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'SCHAKEL_DATA_DIR'>,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) {
    // No JIT compilation: the app's statements take milliseconds, and one whose row estimate is far
    // off (a recursive CTE's) passed jit_above_cost and spent 1.1 s compiling a 5 ms search (ADR 0013).
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE, Client: PreparingClient, options: '-c jit=off' });
    // An idle connection that the server ends (restart, failover, a dropped test database) must not
    // take the process down: the pool discards it and the next query opens a new one.
    pool.on('error', (error) => process.emitWarning(`PostgreSQL connection lost while idle: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(config.DATABASE_URL);
    return {
      db,
      kind: 'postgres',
      location: `postgresql://${url.host}${url.pathname}`,
      close: () => db.destroy(),
    };
  }

  // bigint as number, date as YYYY-MM-DD; pg_trgm because migration 0009 creates it (its case-search indexes went with 0018; on PostgreSQL it ships with the server).
  const parsers = { 20: (value: string) => Number(value), 1082: (value: string) => value };
  const extensions = { pg_trgm };
  let lock: DataDirLock | undefined;
  let pglite: PGlite;
  let location = 'memory';
  if (options.memory) {
    pglite = new PGlite({ parsers, extensions, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
  } else {
    const dir = resolve(config.SCHAKEL_DATA_DIR);
    lock = lockDataDir(dir);
    location = dir;
    try {
      pglite = new PGlite(`${dir}/pgdata`, { parsers, extensions });
      await pglite.waitReady;
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    location,
    dump: () => pglite.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      lock?.release();
    },
  };
}

/** Runs every pending migration; the same migrations on PGlite and PostgreSQL. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
