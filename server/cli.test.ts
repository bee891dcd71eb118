import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { sealAccessLog } from '@server/core/access/access-log';
import { testConfig } from '@server/core/config';
import { type Db, migrate, openDatabase } from '@server/core/db/database';
import { readRegionFiles } from '@server/modules/regions';

/** `npx schakel` end to end on embedded data directories: demo, export, migrate, import. */
const schakel = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/schakel.mjs', ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });

/** The embedded database of a data directory, opened in this process while no command runs. */
async function withDatabase(dir: string, use: (db: Db) => Promise<void>): Promise<void> {
  const database = await openDatabase(testConfig({ DATABASE_URL: undefined, SCHAKEL_DATA_DIR: dir }));
  try {
    await use(database.db);
  } finally {
    await database.close();
  }
}

// Embedded data directories only (DATABASE_URL is emptied for every command): the PostgreSQL run of
// the suite would repeat these unchanged, so they run in the PGlite run.
const embeddedOnly = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(embeddedOnly)('npx schakel', () => {
  it('fills a data directory with demo data and moves it to another one by export and import', () => {
    const root = mkdtempSync(join(tmpdir(), 'schakel-cli-'));
    const from = join(root, 'from');
    const to = join(root, 'to');
    const file = join(root, 'export.ndjson');

    const demo = schakel(['demo', '--seed', '5', '--organisations', '250', '--signals', '20'], { SCHAKEL_DATA_DIR: from });
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    const counts = JSON.parse(/Demo data added in [\d.]+ s: (\{.*\})/.exec(demo.stdout)![1]!);
    expect(counts).toMatchObject({ organisations: 500, accounts: 24, signals: 40 });

    const exported = schakel(['export', '--out', file], { SCHAKEL_DATA_DIR: from });
    expect(exported.status).toBe(0);
    // 500 generated organisations and those of the region files.
    const organisations = 500 + readRegionFiles('./config/regions').reduce((n, r) => n + r.file.organisations.length, 0);
    expect(exported.stdout).toContain(`"organisation":${organisations}`);

    const imported = schakel(['import', '--in', file], { SCHAKEL_DATA_DIR: to });
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain(`"organisation":${organisations}`);

    const again = schakel(['import', '--in', file], { SCHAKEL_DATA_DIR: to });
    expect(again.status).toBe(4);
    expect(again.stderr).toContain('is not empty');
  }, 180_000);

  it('rejects unknown commands and bad flag values with exit code 2', () => {
    expect(schakel(['frobnicate']).status).toBe(2);
    const bad = schakel(['demo', '--organisations', 'many'], { SCHAKEL_DATA_DIR: mkdtempSync(join(tmpdir(), 'schakel-cli-')) });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--organisations must be a whole number');
  }, 120_000);
});

describe.skipIf(embeddedOnly)('npx schakel security commands', () => {
  it('creates an API token for a demo account and verifies the access log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schakel-cli-'));
    expect(schakel(['demo', '--organisations', '0', '--signals', '0'], { SCHAKEL_DATA_DIR: dir }).status).toBe(0);
    const created = schakel(['token', 'create', '--email', 'ketenregisseur@ijsselland.demo.test', '--name', 'Crawler', '--scopes', 'crawler'], { SCHAKEL_DATA_DIR: dir });
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/\nsk_[\w-]{40,}\n/);
    const bad = schakel(['token', 'create', '--email', 'niemand@example.test', '--name', 'X', '--scopes', 'crawler'], { SCHAKEL_DATA_DIR: dir });
    expect(bad.status).toBe(2);
    const verified = schakel(['verify-access-log'], { SCHAKEL_DATA_DIR: dir });
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/Access log intact: \d+ entries/);
  }, 120_000);

  it('prints the latest anchor of the access log and catches a rewrite of the whole chain with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schakel-cli-'));
    await withDatabase(dir, async (db) => {
      await migrate(db);
      for (const reason of ['wrong-password', 'unknown-account', 'locked']) {
        await sql`insert into access_log (action, outcome, reason) values ('login-failed', 'failure', ${reason})`.execute(db);
      }
      await sealAccessLog(db);
    });

    const first = schakel(['verify-access-log'], { SCHAKEL_DATA_DIR: dir });
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/Access log intact: 3 entries/);
    const printed = /Latest anchor: (3:[0-9a-f]{64}) \(entry of \d{4}-\d\d-\d\dT[\d:.]+Z\)/.exec(first.stdout);
    expect(printed, first.stdout).not.toBeNull();
    const anchor = printed![1]!;
    const checked = schakel(['verify-access-log', '--anchor', anchor], { SCHAKEL_DATA_DIR: dir });
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('anchor 3 matches');

    // A superuser edits a row and rebuilds the whole chain: the chain itself looks intact again…
    await withDatabase(dir, async (db) => {
      await sql`alter table access_log disable trigger access_log_no_update`.execute(db);
      await sql`update access_log set reason = 'rewritten', seq = null, prev_hash = null, hash = null`.execute(db);
      await sql`alter table access_log enable trigger access_log_no_update`.execute(db);
      await sealAccessLog(db);
    });
    expect(schakel(['verify-access-log'], { SCHAKEL_DATA_DIR: dir }).status).toBe(0);
    // …but not against the anchor recorded before.
    const rewritten = schakel(['verify-access-log', '--anchor', anchor], { SCHAKEL_DATA_DIR: dir });
    expect(rewritten.status).toBe(5);
    expect(rewritten.stderr).toContain(`does NOT match the anchor ${anchor}: seq 3 now has hash`);
    const missing = schakel(['verify-access-log', '--anchor', `4${anchor.slice(1)}`], { SCHAKEL_DATA_DIR: dir });
    expect(missing.status).toBe(5);
    expect(missing.stderr).toContain('there is no sealed entry 4');

    const malformed = schakel(['verify-access-log', '--anchor', 'gisteren'], { SCHAKEL_DATA_DIR: dir });
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain('--anchor must be SEQ:HASH');
  }, 120_000);
});
