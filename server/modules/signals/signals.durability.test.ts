import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { testConfig } from '@server/core/config';
import { openDatabase } from '@server/core/db/database';
import { freshDatabaseUrl } from '@server/core/testing';

/**
 * Nothing lost: the real server (`schakel start`) takes public reports from several clients at
 * once and is killed with SIGKILL in the middle. Every report it acknowledged must be in the
 * database afterwards, complete. On PGlite (a data directory) and, in CI, on PostgreSQL.
 */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'start'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', SCHAKEL_DEMO: 'off', PUBLIC_PROOF_OF_WORK_BITS: '0', PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_PER_MINUTE: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Schakel runs at (http:\/\/[^/\s]+)\//.exec(out);
      if (match) resolve({ child, base: match[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited early (${code}):\n${out}`)));
  });
}

it('every acknowledged report survives a SIGKILL of the server under load', async () => {
  const fresh = await freshDatabaseUrl();
  const dataDir = mkdtempSync(join(tmpdir(), 'schakel-durability-'));
  const env: Record<string, string> = fresh.url ? { DATABASE_URL: fresh.url } : { SCHAKEL_DATA_DIR: dataDir };
  const { child, base } = await startServer(env);
  const acknowledged: string[] = [];
  let failures = 0;
  let killed = false;

  async function client() {
    while (!killed) {
      try {
        const challenge = await (await fetch(`${base}/api/v1/public/challenges`, { method: 'POST' })).json();
        const response = await fetch(`${base}/api/v1/public/signals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            submissionId: randomUUID(),
            challenge: { token: challenge.token, nonce: '0' },
            language: 'nl',
            description: 'Duurzaamheidstest: deze fictieve melding moet na een crash nog bestaan.',
            place: 'Hilversum',
            anonymous: true,
          }),
        });
        if (response.status === 201) acknowledged.push((await response.json()).reference);
        else failures += 1;
      } catch {
        failures += 1;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  }

  const clients = Array.from({ length: 8 }, () => client());
  // Let load build up, then kill the server without warning while requests are in flight.
  while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 20));
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  killed = true;
  await Promise.all(clients);
  expect(acknowledged.length).toBeGreaterThanOrEqual(150);

  const database = await openDatabase(testConfig({ ...(fresh.url ? { DATABASE_URL: fresh.url } : { SCHAKEL_DATA_DIR: dataDir }) }));
  try {
    const rows = await database.db
      .selectFrom('signal as s')
      .select(['s.reference'])
      .select((eb) => eb.exists(eb.selectFrom('signal_event as e').select('e.id').whereRef('e.signal_id', '=', 's.id').where('e.kind', '=', 'received')).as('complete'))
      .select((eb) => eb.exists(eb.selectFrom('signal_municipality as m').select('m.signal_id').whereRef('m.signal_id', '=', 's.id')).as('routed'))
      .where('s.channel', '=', 'public-form')
      .execute();
    const stored = new Map(rows.map((r) => [r.reference, r]));
    const missing = acknowledged.filter((reference) => !stored.has(reference));
    expect(missing).toEqual([]);
    // Nothing half-stored: every stored report has its timeline event and its municipality.
    expect(rows.filter((r) => !r.complete || !r.routed)).toEqual([]);
    // At most the requests in flight at the kill were stored without their answer arriving.
    expect(rows.length - acknowledged.length).toBeLessThanOrEqual(8);
  } finally {
    await database.close();
    await fresh.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  expect(failures).toBeGreaterThan(0);
}, 120_000);
