import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@server/core/testing';
import { type NewSignal, recordSignal, recordSignalsBulk } from '@server/modules/signals';

/**
 * The bulk path (imports): chunks go through a pipeline of two (the next chunk is prepared while the
 * one before executes), so a chunk that fails must still fail the whole call, leave no promise
 * rejected unhandled, and leave nothing once the caller's transaction rolls back.
 */
const REGION = 'gooi-en-vechtstreek';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const db = () => t.prepared.database.db;
const count = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db())).rows[0]!.n;

function input(sourceId: string, overrides: Partial<NewSignal> = {}): NewSignal {
  return {
    regionCode: REGION,
    channel: 'mma',
    sourceId,
    summary: 'Fictieve melding uit een export.',
    receivedAt: new Date('2026-03-02T10:00:00Z'),
    locations: [{ street: 'Kerkstraat', houseNumber: '1', postcode: '1211 AA', place: 'Hilversum' }],
    persons: [{ role: 'victim', name: 'Anna Fictief', phone: '06-12345678' }],
    runHooks: false,
    ...overrides,
  };
}

describe('bulk path', () => {
  it('writes every chunk with its rows, in order, with time-ordered ids when asked', async () => {
    const inputs = Array.from({ length: 7 }, (_, i) => input(`BULK-${i + 1}`));
    const progress: number[] = [];
    const recorded = await db()
      .transaction()
      .execute((trx) => recordSignalsBulk(trx, inputs, { chunkSize: 3, ids: 'time-ordered', onProgress: (done) => void progress.push(done) }));
    expect(progress).toEqual([3, 6, 7]);
    expect(recorded.map((r) => r.created)).toEqual(Array(7).fill(true));
    const ids = recorded.map((r) => r.id);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    const references = recorded.map((r) => Number(r.reference.split('-')[2]));
    expect(references).toEqual([...references].sort((a, b) => a - b));
    const rows = await db()
      .selectFrom('signal as s')
      .select((eb) => [
        's.source_id',
        eb.selectFrom('signal_key as k').select(eb.fn.countAll<number>().as('n')).whereRef('k.signal_id', '=', 's.id').as('keys'),
        eb.selectFrom('signal_event as e').select('e.detail').whereRef('e.signal_id', '=', 's.id').where('e.kind', '=', 'received').as('detail'),
        eb.selectFrom('signal_municipality as m').select('m.municipality_code').whereRef('m.signal_id', '=', 's.id').as('municipality'),
      ])
      .where('s.id', 'in', ids)
      .orderBy('s.source_id')
      .execute();
    expect(rows.map((r) => [r.source_id, Number(r.keys), r.detail, r.municipality])).toEqual(inputs.map((i) => [i.sourceId, 3, { channel: 'mma' }, 'GM0402']));
  });

  it('skips what is already recorded and answers with the signal that is there', async () => {
    const [first] = await db()
      .transaction()
      .execute((trx) => recordSignalsBulk(trx, [input('BULK-AGAIN')]));
    const again = await db()
      .transaction()
      .execute((trx) => recordSignalsBulk(trx, [input('BULK-AGAIN-2'), input('BULK-AGAIN')], { chunkSize: 1 }));
    expect(again.map((r) => r.created)).toEqual([true, false]);
    expect(again[1]).toMatchObject({ id: first!.id, reference: first!.reference, municipalities: ['GM0402'] });
  });

  it('a chunk that fails in the middle fails the call and leaves nothing after the rollback', async () => {
    const tables = ['signal', 'signal_person', 'signal_location', 'signal_key', 'signal_event', 'signal_municipality'];
    const before = await Promise.all(tables.map(count));
    // An age beyond the integer range fails inside PostgreSQL, in the third of four chunks.
    const inputs = Array.from({ length: 8 }, (_, i) => input(`BROKEN-${i + 1}`, i === 5 ? { persons: [{ role: 'victim', approximateAge: 2 ** 40 }] } : {}));
    await expect(
      db()
        .transaction()
        .execute((trx) => recordSignalsBulk(trx, inputs, { chunkSize: 2, ids: 'time-ordered' })),
    ).rejects.toThrow(/out of range/);
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it('the intake of one report still takes the same statement, with a random id, and stays idempotent on its submission key', async () => {
    const submissionKey = randomUUID();
    const one = { ...input('ignored'), channel: 'professional' as const, sourceId: null, submissionKey, runHooks: true };
    const first = await recordSignal(db(), one);
    const second = await recordSignal(db(), one);
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(second).toMatchObject({ id: first.id, created: false });
  });
});
