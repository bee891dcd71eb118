import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** `npx schakel` end to end on embedded data directories: demo, export, migrate, import. */
const schakel = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/schakel.mjs', ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('npx schakel', () => {
  it('fills a data directory with demo data and moves it to another one by export and import', () => {
    const root = mkdtempSync(join(tmpdir(), 'schakel-cli-'));
    const from = join(root, 'from');
    const to = join(root, 'to');
    const file = join(root, 'export.ndjson');

    const demo = schakel(['demo', '--seed', '5', '--organisations', '250'], { SCHAKEL_DATA_DIR: from });
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    expect(demo.stdout).toMatch(/Demo data added in [\d.]+ s: \{"organisations":500,"accounts":18\}/);

    const exported = schakel(['export', '--out', file], { SCHAKEL_DATA_DIR: from });
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain('"organisation":569');

    const imported = schakel(['import', '--in', file], { SCHAKEL_DATA_DIR: to });
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('"organisation":569');

    const again = schakel(['import', '--in', file], { SCHAKEL_DATA_DIR: to });
    expect(again.status).toBe(4);
    expect(again.stderr).toContain('is not empty');
  });

  it('rejects unknown commands and bad flag values with exit code 2', () => {
    expect(schakel(['frobnicate']).status).toBe(2);
    const bad = schakel(['demo', '--organisations', 'many'], { SCHAKEL_DATA_DIR: mkdtempSync(join(tmpdir(), 'schakel-cli-')) });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--organisations must be a whole number');
  });
});

describe('npx schakel security commands', () => {
  it('creates an API token for a demo account and verifies the access log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schakel-cli-'));
    expect(schakel(['demo', '--organisations', '0'], { SCHAKEL_DATA_DIR: dir }).status).toBe(0);
    const created = schakel(['token', 'create', '--email', 'ketenregisseur@ijsselland.demo.test', '--name', 'Crawler', '--scopes', 'crawler'], { SCHAKEL_DATA_DIR: dir });
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/\nsk_[\w-]{40,}\n/);
    const bad = schakel(['token', 'create', '--email', 'niemand@example.test', '--name', 'X', '--scopes', 'crawler'], { SCHAKEL_DATA_DIR: dir });
    expect(bad.status).toBe(2);
    const verified = schakel(['verify-access-log'], { SCHAKEL_DATA_DIR: dir });
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/Access log intact: \d+ entries/);
  });
});
