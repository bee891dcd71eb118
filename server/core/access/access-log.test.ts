import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@server/core/testing';
import { sealAccessLog, verifyAccessLog } from './access-log';
import { type AccessLogValues, insertAccessLogRow } from './access-log-writer';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const db = () => t.prepared.database.db;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Rows with every kind of field: empty and filled, subjects, text beyond ASCII. */
const rows = (prefix: string, n: number): AccessLogValues[] =>
  Array.from({ length: n }, (_, i) => [
    i % 3 === 0 ? null : 'ijsselland',
    i % 2 === 0 ? null : '00000000-0000-4000-8000-00000000000' + (i % 10),
    i % 2 === 0 ? null : 'aandachtsfunctionaris,tafellid',
    null,
    i % 4 === 0 ? 'denied' : 'read',
    'case',
    `c-${i}`,
    i % 5 === 0 ? [] : [`p-${i}`, `p-${i + 1}`],
    i % 2 === 0 ? 'casuscoördinatie (weeg- en monitortafel) — ✓' : null,
    null,
    '192.0.2.7',
    i % 3 === 0 ? null : 'Mozilla/5.0 (test) Ünïcode 🚦',
    `${prefix}-${i}`,
    i % 4 === 0 ? 'denied' : 'success',
    i % 4 === 0 ? 'read: outside-scope' : null,
  ]);

describe('the access-log sealer', () => {
  it('chains every pending row in batches, each hash the SHA-256 of the previous hash and the row, in the order of the ids', async () => {
    while ((await sealAccessLog(db())) > 0);
    const before = (await sql<{ seq: string | null }>`select max(seq)::text as seq from access_log`.execute(db())).rows[0]!.seq;
    await Promise.all(rows('seal', 25).map((r) => insertAccessLogRow(db(), r)));

    // A batch smaller than what is pending seals the oldest rows; the next batch goes on from there.
    expect(await sealAccessLog(db(), 10)).toBe(10);
    const firstBatch = await sql<{ n: number }>`select count(*)::int as n from access_log where request_id like 'seal-%' and hash is not null`.execute(db());
    expect(firstBatch.rows[0]!.n).toBe(10);
    expect(await sealAccessLog(db(), 10)).toBe(10);
    expect(await sealAccessLog(db(), 10)).toBe(5);
    expect(await sealAccessLog(db(), 10)).toBe(0);

    // Recomputed here, outside the database: seq follows on without gaps in the order of the ids.
    type Row = { id: string; seq: string; prev_hash: string; hash: string; payload: string; at_text: string; region_code: string | null; user_id: string | null; role: string | null; organisation_id: string | null; action: string; record_type: string | null; record_id: string | null; subjects: string[]; purpose: string | null; grant_id: string | null; client_address: string | null; user_agent: string | null; request_id: string | null; outcome: string; reason: string | null };
    const { rows: sealed } = await sql<Row>`
      select l.*, id::text, seq::text, access_log_payload(l) as payload, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as at_text
      from access_log l where l.seq > ${before ?? 0} order by l.seq`.execute(db());
    // The payload as migration 0003 defines it: every field in its place, an empty one as ''.
    const payloadOf = (r: Row) =>
      [r.seq, r.id, r.at_text, r.region_code, r.user_id, r.role, r.organisation_id, r.action, r.record_type, r.record_id, r.subjects.join(','), r.purpose, r.grant_id, r.client_address, r.user_agent, r.request_id, r.outcome, r.reason]
        .map((v) => v ?? '')
        .join('|');
    expect(sealed).toHaveLength(25);
    expect(sealed.map((r) => Number(r.seq))).toEqual(Array.from({ length: 25 }, (_, i) => Number(before ?? 0) + 1 + i));
    expect([...sealed].sort((a, b) => Number(a.id) - Number(b.id)).map((r) => r.seq)).toEqual(sealed.map((r) => r.seq));
    const previous = before === null ? '' : (await sql<{ hash: string }>`select hash from access_log where seq = ${before}`.execute(db())).rows[0]!.hash;
    let chain = previous;
    for (const row of sealed) {
      expect(payloadOf(row)).toBe(row.payload);
      expect(row.prev_hash).toBe(chain);
      chain = sha256(`${chain}|${payloadOf(row)}`);
      expect(row.hash).toBe(chain);
    }
    expect((await verifyAccessLog(db())).firstBrokenId).toBeUndefined();
  });

  it('seals nothing twice, and (on PostgreSQL, where a second connection can hold it) nothing while another sealer holds the lock', async () => {
    await Promise.all(rows('locked', 3).map((r) => insertAccessLogRow(db(), r)));
    const other = await db()
      .transaction()
      .execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(7513)`.execute(trx);
        // PGlite has one connection: the lock is this transaction's own, and seal_access_log inside it may take it again.
        return t.prepared.database.kind === 'pglite' ? null : sealAccessLog(db());
      });
    if (other !== null) expect(other).toBe(0);
    expect(await sealAccessLog(db())).toBe(3);
    expect(await sealAccessLog(db())).toBe(0);
    const { rows: counted } = await sql<{ n: number; sealed: number }>`
      select count(*)::int as n, count(distinct seq)::int as sealed from access_log where request_id like 'locked-%'`.execute(db());
    expect(counted[0]).toEqual({ n: 3, sealed: 3 });
  });
});
