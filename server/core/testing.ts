import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { prepare, type Prepared } from '@server/core/bootstrap';
import { type Config, testConfig } from '@server/core/config';
import { buildApp } from '@server/core/http/app';
import type { SchakelModule } from '@server/core/module';
import { modules } from '@server/modules';

/**
 * A fresh database for one test file: in-memory PGlite by default, or, when
 * TEST_DATABASE_URL is set, a new PostgreSQL database created next to it and dropped after.
 */
export async function freshDatabaseUrl(): Promise<{ url?: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return { drop: async () => undefined };
  const name = `schakel_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  prepared: Prepared;
  config: Config;
  close(): Promise<void>;
}

/** Starts the whole application (migrations, regions, modules) on a fresh database. */
export async function createTestApp(
  overrides: Partial<Config> = {},
  extraModules: SchakelModule[] = [],
  options: Parameters<typeof buildApp>[2] = {},
): Promise<TestApp> {
  const fresh = await freshDatabaseUrl();
  const config = testConfig({ DATABASE_URL: fresh.url, SCHAKEL_WEB_DIR: './dist/does-not-exist', ...overrides });
  const prepared = await prepare(config, { memory: !fresh.url });
  const app = await buildApp({ config, database: prepared.database }, [...modules, ...extraModules], options);
  await app.ready();
  return {
    app,
    prepared,
    config,
    close: async () => {
      await app.close();
      await prepared.database.close();
      await fresh.drop();
    },
  };
}
