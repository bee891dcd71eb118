import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@server/core/testing';
import { type AccessLogValues, insertAccessLogRow } from './access-log-writer';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const db = () => t.prepared.database.db;
/** One row's values (ACCESS_LOG_COLUMNS order), told apart by request id. */
const row = (requestId: string, organisationId: string | null = null): AccessLogValues => [
  null, null, null, organisationId, 'read', 'probe', 'r-1', [], 'test', null, '127.0.0.1', null, requestId, 'success', null,
];
const rowsOf = (prefix: string) => db().selectFrom('access_log').select('request_id').where('request_id', 'like', `${prefix}%`).execute();

describe('the access-log writer (group commit)', () => {
  it('commits concurrent entries together, each caller waiting for its own row', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => insertAccessLogRow(db(), row(`together-${i}`))));
    // Rows of one INSERT share a transaction id: fewer transactions than rows means they went in together.
    const { rows } = await sql<{ n: number; transactions: number }>`
      select count(*)::int as n, count(distinct xmin::text)::int as transactions from access_log where request_id like 'together-%'`.execute(db());
    expect(rows[0]!.n).toBe(30);
    expect(rows[0]!.transactions).toBeLessThan(30);
  });

  it('fails only the caller whose entry is refused when a batch fails', async () => {
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => insertAccessLogRow(db(), row(`mixed-${i}`, i === 7 ? 'not-a-uuid' : null))));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i === 7 ? 'rejected' : 'fulfilled')));
    const written = await rowsOf('mixed-');
    expect(written.map((r) => r.request_id).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `mixed-${i}`).filter((id) => id !== 'mixed-7').sort());
  });

  it('writes inside a transaction into that transaction, so a rollback takes the entry with it', async () => {
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await insertAccessLogRow(trx, row('rolled-back'));
          throw new Error('roll back');
        }),
    ).rejects.toThrow('roll back');
    expect(await rowsOf('rolled-back')).toHaveLength(0);
  });
});
