import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepare } from '@server/core/bootstrap';
import { testConfig } from '@server/core/config';
import { freshDatabaseUrl } from '@server/core/testing';

/**
 * A test run's template database: migrated, with the region files loaded (and, for the browser
 * tests, the demo data), made once before the first test file. createTestApp starts each file's
 * database from it instead of migrating an empty one: a PGlite dump loaded in memory, or on
 * PostgreSQL a `create database … template`. Same content as before, made once instead of per file.
 */
export interface TestTemplate {
  demo: boolean;
  /** The PGlite dump (an uncompressed tarball of the data directory). */
  pgliteDump?: string;
  /** The PostgreSQL database to copy. */
  postgresDatabase?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    schakelTestTemplate: TestTemplate;
  }
}

export async function provideTemplate(project: TestProject, demo: boolean): Promise<() => Promise<void>> {
  const config = testConfig({ SCHAKEL_DEMO: demo ? 'on' : 'off' });
  const fresh = await freshDatabaseUrl();
  if (fresh.url) {
    const prepared = await prepare({ ...config, DATABASE_URL: fresh.url });
    await prepared.database.close();
    project.provide('schakelTestTemplate', { demo, postgresDatabase: new URL(fresh.url).pathname.slice(1) });
    return fresh.drop;
  }
  const prepared = await prepare({ ...config, DATABASE_URL: undefined }, { memory: true });
  const dump = await prepared.database.dump!();
  await prepared.database.close();
  const dir = mkdtempSync(join(tmpdir(), 'schakel-template-'));
  const file = join(dir, 'pgdata.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('schakelTestTemplate', { demo, pgliteDump: file });
  return async () => rmSync(dir, { recursive: true, force: true });
}

export default function setup(project: TestProject) {
  return provideTemplate(project, false);
}
