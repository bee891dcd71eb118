import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakerNL as faker } from '@faker-js/faker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '@server/core/config';
import { type Db, migrate, openDatabase } from '@server/core/db/database';
import { freshDatabaseUrl } from '@server/core/testing';
import { fictionalMmaRows, MMA_HEADER, mmaCsv, mmaRow } from './imports.fixtures';

/** `npx schakel import mma|watch FILE` end to end: on an embedded data directory, or on PostgreSQL when TEST_DATABASE_URL is set. */
const root = mkdtempSync(join(tmpdir(), 'schakel-import-cli-'));
const dataDir = join(root, 'data');
let databaseUrl: string | undefined;
let drop: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  const fresh = await freshDatabaseUrl();
  databaseUrl = fresh.url;
  drop = fresh.drop;
  // Migrated up front, so each test can count rows whatever ran before it.
  await withDatabase(async (db) => void (await migrate(db)));
});
afterAll(() => drop());

const env = () => ({ ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl ?? '', SCHAKEL_DATA_DIR: dataDir });
const schakel = (args: string[]) => spawnSync(process.execPath, ['bin/schakel.mjs', ...args], { env: env(), encoding: 'utf8', timeout: 200_000 });

async function withDatabase<T>(use: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase(testConfig({ DATABASE_URL: databaseUrl, SCHAKEL_DATA_DIR: dataDir }));
  try {
    return await use(database.db);
  } finally {
    await database.close();
  }
}
const count = (table: string) => withDatabase(async (db) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);

function file(name: string, text: string): string {
  const path = join(root, name);
  writeFileSync(path, text);
  return path;
}

describe('npx schakel import', () => {
  it('a dry run of the example export prints what would happen and writes nothing (exit 0)', async () => {
    const result = schakel(['import', 'mma', 'docs/examples/mma-export.csv', '--dry-run']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Meld Misdaad Anoniem export mma-export\.csv · [\d,]+ bytes · sha256 [0-9a-f]{64} · region gooi-en-vechtstreek · DRY RUN/);
    expect(result.stdout).toMatch(/created\s+3\n/);
    expect(result.stdout).toContain('Dry run: nothing was written.');
    expect(await count('signal')).toBe(0);
    expect(await count('import_batch')).toBe(0);
  }, 240_000);

  it('imports, lists rejected lines with their reasons (exit 7), and a re-import creates nothing', async () => {
    const path = file('mma-feb.csv', mmaCsv([mmaRow('C-1'), mmaRow('C-2', { 'Datum melding': '30-02-2026' }), mmaRow('C-3', { Plaats: 'Huizen' })]));
    const first = schakel(['import', 'mma', path]);
    expect(first.status, first.stderr).toBe(7);
    expect(first.stdout).toMatch(/created\s+2\n/);
    expect(first.stdout).toContain('line 3 (C-2): Datum melding: "30-02-2026" is not a date (expected dd-MM-yyyy HH:mm or dd-MM-yyyy)');
    expect(first.stdout).toMatch(/Imported in [\d.]+ s in one transaction \(import [0-9a-f-]{36}\)\./);
    expect(await count('signal')).toBe(2);

    const again = schakel(['import', 'mma', path]);
    expect(again.status).toBe(7);
    expect(again.stdout).toMatch(/created\s+0\n/);
    expect(again.stdout).toMatch(/unchanged\s+2\n/);
    expect(await count('signal')).toBe(2);
    const history = await withDatabase((db) => db.selectFrom('import_batch').select(['file_name', 'status', 'created_count', 'unchanged_count', 'origin']).orderBy('created_at').execute());
    expect(history).toEqual([
      { file_name: 'mma-feb.csv', status: 'done', created_count: 2, unchanged_count: 0, origin: 'cli' },
      { file_name: 'mma-feb.csv', status: 'done', created_count: 0, unchanged_count: 2, origin: 'cli' },
    ]);
  }, 240_000);

  it('refuses a file with the wrong header whole (exit 6), naming expected and found columns; wrong use exits 2', async () => {
    const header = MMA_HEADER.map((h) => (h === 'Meldingnummer' ? 'Nummer' : h));
    const refused = schakel(['import', 'mma', file('wrong.csv', mmaCsv([mmaRow('D-1')], { header }))]);
    expect(refused.status).toBe(6);
    expect(refused.stdout).toContain('REFUSED: The header does not match the Meld Misdaad Anoniem mapping. Missing column: Meldingnummer. Expected: Meldingnummer;Datum melding;');
    expect(refused.stdout).toContain('Found: Nummer;Datum melding;');
    expect(refused.stdout).toContain('Nothing was imported.');

    const unknownSource = schakel(['import', 'politie', 'docs/examples/mma-export.csv']);
    expect(unknownSource.status).toBe(2);
    expect(unknownSource.stderr).toContain('Usage: npx schakel import mma|watch FILE');
    const unknownRegion = schakel(['import', 'watch', 'docs/examples/watch-export.csv', '--region', 'utrecht']);
    expect(unknownRegion.status).toBe(2);
    expect(unknownRegion.stderr).toContain('--region utrecht: allowed: gooi-en-vechtstreek, ijsselland');
  }, 240_000);

  it('a process killed in the middle of an import leaves nothing of the file; the same file imports completely afterwards', async () => {
    faker.seed(11);
    const path = file('big.csv', mmaCsv(fictionalMmaRows(faker, 20_000, 'K-')));
    const before = await count('signal');
    const child = spawn(process.execPath, ['bin/schakel.mjs', 'import', 'mma', path], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    // Printed when the file is read and checked, just before the transaction starts.
    await new Promise<void>((resolve) => child.stdout.on('data', () => output.includes('Importing 20000 lines in one transaction') && resolve()));
    await new Promise((resolve) => setTimeout(resolve, databaseUrl ? 1_500 : 3_000));
    child.kill('SIGKILL');
    const { signal } = await exited;
    expect(signal, `the import finished before it was killed:\n${output}`).toBe('SIGKILL');

    expect(await count('signal')).toBe(before);
    expect(await count('import_record')).toBe(before);
    const interrupted = await withDatabase((db) => db.selectFrom('import_batch').select(['status', 'created_count']).where('file_name', '=', 'big.csv').execute());
    expect(interrupted).toEqual([{ status: 'running', created_count: 0 }]);

    const again = schakel(['import', 'mma', path]);
    expect(again.status, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/created\s+20000\n/);
    expect(await count('signal')).toBe(before + 20_000);
  }, 300_000);
});
