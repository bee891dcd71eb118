import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '@server/core/config';
import { runDemo } from '@server/core/demo';
import { createTestApp, freshDatabaseUrl, type TestApp } from '@server/core/testing';
import { modules } from '@server/modules';
import { readRegionFiles } from '@server/modules/regions';
import { recordSignal } from '@server/modules/signals';
import { type DatabaseHandle, migrate, openDatabase } from './database';
import { exportData, ImportError, importData } from './transfer';

const configuredOrganisations = readRegionFiles('./config/regions').reduce((n, r) => n + r.file.organisations.length, 0);

/** Moving an installation: export from the embedded database, import into PostgreSQL (or another PGlite). */
let source: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'schakel-export-'));
const file = join(dir, 'export.ndjson');

beforeAll(async () => {
  // The source is always the embedded database, as in a real move to PostgreSQL.
  const saved = process.env.TEST_DATABASE_URL;
  delete process.env.TEST_DATABASE_URL;
  try {
    source = await createTestApp();
  } finally {
    if (saved) process.env.TEST_DATABASE_URL = saved;
  }
  await runDemo(source.prepared.database.db, modules, { seed: 7, sizes: { organisations: 1500, signals: 40 }, regions: ['ijsselland'] });
  await source.app.inject({
    method: 'POST',
    url: '/api/v1/accessibility-reports',
    payload: { description: 'Het contrast van de voettekst is te laag.' },
  });
});
afterAll(() => source.close());

async function target(): Promise<{ database: DatabaseHandle; drop: () => Promise<void> }> {
  const fresh = await freshDatabaseUrl();
  const database = await openDatabase(testConfig({ DATABASE_URL: fresh.url }), { memory: !fresh.url });
  await migrate(database.db);
  return { database, drop: async () => (await database.close(), await fresh.drop()) };
}

describe('export and import', () => {
  it('copies every row to a fresh database, then refuses a second import', async () => {
    const exported = await exportData(source.prepared.database.db, file);
    // The generated organisations and those of the region files.
    expect(exported.organisation).toBe(1500 + configuredOrganisations);
    expect(exported.accessibility_report).toBe(1);

    const { database, drop } = await target();
    try {
      expect(await importData(database.db, file)).toEqual(Object.fromEntries(Object.entries(exported).filter(([, n]) => n > 0)));
      const pick = (db: DatabaseHandle['db']) =>
        db.selectFrom('organisation').select(['id', 'name', 'region_code', 'origin', 'created_at']).orderBy('id').limit(50).execute();
      expect(await pick(database.db)).toEqual(await pick(source.prepared.database.db));
      const settings = await database.db.selectFrom('region').select('settings').where('code', '=', 'ijsselland').executeTakeFirstOrThrow();
      expect(settings.settings).toMatchObject({ timezone: 'Europe/Amsterdam', defaultLocale: 'nl', smallCellThreshold: 5 });
      // What the database keeps itself comes out the same: the work-list tally (not exported, rebuilt
      // by the case triggers), the grants' copies of their case's municipalities, the rows' creation times.
      expect(exported.case_file).toBeGreaterThan(0);
      expect(exported.case_scope_tally).toBeUndefined();
      const derived = async (db: DatabaseHandle['db']) => ({
        tally: await db.selectFrom('case_scope_tally').selectAll().where('all_cases', '<>', 0).orderBy('region_code').orderBy('municipalities').execute(),
        grants: await db.selectFrom('access_grant').select(['id', 'record_municipalities']).orderBy('id').execute(),
        rows: await db.selectFrom('case_municipality').select(['case_id', 'municipality_code', 'case_created_at']).orderBy('case_id').orderBy('municipality_code').execute(),
      });
      const copied = await derived(database.db);
      expect(copied.tally.length).toBeGreaterThan(0);
      expect(copied.grants.some((g) => g.record_municipalities !== null)).toBe(true);
      expect(copied).toEqual(await derived(source.prepared.database.db));
      // Serial ids go on after the imported ones.
      await database.db.insertInto('demo_run').values({ seed: 1, params: '{}' }).execute();
      // Standalone sequences too: a new signal's reference number comes after every imported one.
      expect(exported.signal).toBeGreaterThan(0);
      const highest = async (db: DatabaseHandle['db']) => {
        const refs = await db.selectFrom('signal').select('reference').execute();
        return Math.max(...refs.map((r) => Number(r.reference.split('-')[2])));
      };
      const before = await highest(database.db);
      const recorded = await recordSignal(database.db, { regionCode: 'ijsselland', channel: 'phone', summary: 'Na de verhuizing naar een nieuwe database' });
      expect(Number(recorded.reference.split('-')[2])).toBeGreaterThan(before);
      await database.db.insertInto('signal_event').values({ signal_id: recorded.id, region_code: 'ijsselland', actor_user_id: null, kind: 'changed', detail: '{}' }).execute();

      await expect(importData(database.db, file)).rejects.toThrow(/not empty/);
    } finally {
      await drop();
    }
  });

  it('imports all or nothing: a truncated file leaves the database empty', async () => {
    await exportData(source.prepared.database.db, file);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const truncated = join(dir, 'truncated.ndjson');
    writeFileSync(truncated, `${lines.slice(0, lines.length - 10).join('\n')}\n`);
    const { database, drop } = await target();
    try {
      await expect(importData(database.db, truncated)).rejects.toThrow(ImportError);
      const row = await database.db.selectFrom('organisation').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(row.n)).toBe(0);
    } finally {
      await drop();
    }
  });

  it('refuses a file that is not an export', async () => {
    const bogus = join(dir, 'bogus.ndjson');
    writeFileSync(bogus, '{"hello":"world"}\n');
    const { database, drop } = await target();
    try {
      await expect(importData(database.db, bogus)).rejects.toThrow(/not a Schakel export/);
    } finally {
      await drop();
    }
  });
});
