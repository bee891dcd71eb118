import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock';

const cli = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });

// The lock guards an embedded data directory (DATABASE_URL is emptied for every command): the
// PostgreSQL run of the suite would repeat this unchanged, so it runs in the PGlite run.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('PGlite data directory lock', () => {
  it('refuses a second holder and frees the directory on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schakel-lock-'));
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    lock.release();
    expect(existsSync(join(dir, 'schakel.lock'))).toBe(false);
    lockDataDir(dir).release();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schakel-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    writeFileSync(join(dir, 'schakel.lock'), JSON.stringify({ pid: dead, host: hostname(), startedAt: '2026-01-01T00:00:00Z' }));
    const lock = lockDataDir(dir);
    lock.release();
  });

  // Spawning the CLI (tsx, PGlite with its extensions) takes tens of seconds on a busy CI machine.
  it('makes a second process fail at once with a clear message and exit code 3', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schakel-lock-'));
    const lock = lockDataDir(dir);
    try {
      const started = Date.now();
      const result = cli(['migrate'], { SCHAKEL_DATA_DIR: dir });
      expect(result.status).toBe(3);
      expect(result.stderr).toContain('is in use by another Schakel process');
      expect(result.stderr).toContain(`pid ${process.pid}`);
      expect(result.stderr).toContain('DATABASE_URL');
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      lock.release();
    }
    // Once released, the same command works on the directory.
    const ok = cli(['migrate'], { SCHAKEL_DATA_DIR: dir });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Migrated: 0001_reference_data');
  }, 120_000);

  it('stops with exit code 2 and names the variable when the configuration is invalid', () => {
    const result = cli(['migrate'], { PORT: 'abc' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PORT="abc": allowed: a whole number from 0 to 65535');
  }, 120_000);
});
