import { sql, type Transaction } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { Database, ImportBatchTable, ImportSource } from '@server/db/schema';

type Executor = Db | Transaction<Database>;

export interface KnownRecord {
  signalId: string;
  fingerprint: string;
}

export interface KnownRecords {
  records: Map<string, KnownRecord>;
  /** Changes whenever an import adds or changes a record of this region and channel. */
  stamp: string;
}

/** Every source id this region already imported from this channel, with its fingerprint. */
export async function knownRecords(db: Executor, regionCode: string, channel: ImportSource): Promise<KnownRecords> {
  const { rows } = await sql<{ source_id: string; signal_id: string; fingerprint: string }>`
    select source_id, signal_id::text as signal_id, fingerprint from import_record where region_code = ${regionCode} and channel = ${channel}`.execute(db);
  const records = new Map<string, KnownRecord>();
  for (const r of rows) records.set(r.source_id, { signalId: r.signal_id, fingerprint: r.fingerprint });
  return { records, stamp: await recordsStamp(db, regionCode, channel) };
}

export async function recordsStamp(db: Executor, regionCode: string, channel: ImportSource): Promise<string> {
  const { rows } = await sql<{ stamp: string }>`
    select count(*)::text || ':' || coalesce(max(updated_at)::text, '') as stamp from import_record where region_code = ${regionCode} and channel = ${channel}`.execute(db);
  return rows[0]!.stamp;
}

export async function fieldHashes(db: Executor, regionCode: string, channel: ImportSource, sourceIds: string[]): Promise<Map<string, Record<string, string>>> {
  if (!sourceIds.length) return new Map();
  const { rows } = await sql<{ source_id: string; field_hashes: Record<string, string> }>`
    select source_id, field_hashes from import_record where region_code = ${regionCode} and channel = ${channel}
      and source_id in (select jsonb_array_elements_text(${JSON.stringify(sourceIds)}::jsonb))`.execute(db);
  return new Map(rows.map((r) => [r.source_id, r.field_hashes]));
}

/** Source ids recorded as signals without an import record (e.g. entered by hand with the source's id). */
export async function signalsWithSourceIds(db: Executor, regionCode: string, channel: ImportSource, sourceIds: string[]): Promise<Map<string, string>> {
  if (!sourceIds.length) return new Map();
  const { rows } = await sql<{ source_id: string; id: string }>`
    select s.source_id, s.id from signal s
    where s.region_code = ${regionCode} and s.channel = ${channel}
      and s.source_id in (select jsonb_array_elements_text(${JSON.stringify(sourceIds)}::jsonb))`.execute(db);
  return new Map(rows.map((r) => [r.source_id, r.id]));
}

export async function lockSource(trx: Transaction<Database>, regionCode: string, source: ImportSource): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`signal-import:${regionCode}:${source}`}))`.execute(trx);
}

export interface RecordRow {
  source_id: string;
  signal_id: string;
  fingerprint: string;
  field_hashes: Record<string, string>;
  line: number;
}

/**
 * Inserts or updates the import record of each source, 5,000 to a statement. A pipeline of two:
 * `toRow` (which hashes every field) runs for the next statement while PostgreSQL executes the
 * one before; the pause after sending lets the event loop pass the statement on to the socket.
 */
export async function insertRecords<T>(
  trx: Transaction<Database>,
  batch: { regionCode: string; channel: ImportSource; importId: string },
  sources: T[],
  toRow: (source: T) => RecordRow,
): Promise<void> {
  let running: Promise<unknown> | undefined;
  for (let i = 0; i < sources.length; i += 5_000) {
    const rows = JSON.stringify(sources.slice(i, i + 5_000).map(toRow));
    await running;
    running = sql`insert into import_record (region_code, channel, source_id, signal_id, fingerprint, field_hashes, import_id, line)
      select ${batch.regionCode}, ${batch.channel}, source_id, signal_id, fingerprint, field_hashes, ${batch.importId}::uuid, line
      from json_to_recordset(${rows}::json) as r(source_id text, signal_id uuid, fingerprint text, field_hashes jsonb, line integer)
      on conflict (region_code, channel, source_id) do update set signal_id = excluded.signal_id, fingerprint = excluded.fingerprint,
        field_hashes = excluded.field_hashes, import_id = excluded.import_id, line = excluded.line, updated_at = now()`.execute(trx);
    // Awaited in the next round; until then a failure must not count as unhandled.
    running.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await running;
}

export async function insertSourceChangedEvents(
  trx: Transaction<Database>,
  events: { signal_id: string; region_code: string; actor_user_id: string | null; detail: Record<string, unknown> }[],
): Promise<void> {
  for (let i = 0; i < events.length; i += 2_000) {
    await sql`insert into signal_event (signal_id, region_code, actor_user_id, kind, detail)
      select signal_id, region_code, actor_user_id, 'source-changed', detail
      from jsonb_to_recordset(${JSON.stringify(events.slice(i, i + 2_000))}::jsonb) as r(signal_id uuid, region_code text, actor_user_id uuid, detail jsonb)`.execute(trx);
  }
}

export async function signalReferences(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('signal').select(['id', 'reference']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.reference]));
}

export async function insertBatch(
  db: Executor,
  values: Pick<ImportBatchTable, 'region_code' | 'source' | 'file_name' | 'sha256' | 'size_bytes' | 'encoding' | 'status' | 'content' | 'origin' | 'created_by' | 'error'> & {
    total_rows: number;
    rejected_count: number;
    created_count: number;
    updated_count: number;
    unchanged_count: number;
    report: string;
  },
) {
  return db.insertInto('import_batch').values(values).returning('id').executeTakeFirstOrThrow();
}

const listColumns = [
  'b.id',
  'b.region_code',
  'b.source',
  'b.file_name',
  'b.sha256',
  'b.size_bytes',
  'b.encoding',
  'b.status',
  'b.total_rows',
  'b.processed_rows',
  'b.created_count',
  'b.updated_count',
  'b.unchanged_count',
  'b.rejected_count',
  'b.error',
  'b.origin',
  'b.created_by',
  'b.created_at',
  'b.started_at',
  'b.heartbeat_at',
  'b.finished_at',
] as const;

export async function listBatches(db: Db, regionCode: string, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('import_batch as b')
      .leftJoin('app_user as u', 'u.id', 'b.created_by')
      .select(listColumns)
      .select(['u.display_name as created_by_name', sql<boolean>`b.content is not null`.as('has_file')])
      .where('b.region_code', '=', regionCode)
      .orderBy('b.created_at', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db.selectFrom('import_batch').select((eb) => eb.fn.countAll<number>().as('n')).where('region_code', '=', regionCode).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function findBatch(db: Executor, regionCode: string, id: string) {
  return db
    .selectFrom('import_batch as b')
    .leftJoin('app_user as u', 'u.id', 'b.created_by')
    .select(listColumns)
    .select(['b.report', 'u.display_name as created_by_name', sql<boolean>`b.content is not null`.as('has_file')])
    .where('b.region_code', '=', regionCode)
    .where('b.id', '=', id)
    .executeTakeFirst();
}
export type BatchRow = NonNullable<Awaited<ReturnType<typeof findBatch>>>;

export async function batchContent(db: Executor, id: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom('import_batch').select('content').where('id', '=', id).executeTakeFirst();
  return row?.content ?? null;
}

/** Claims an analysed batch (or one whose import stopped without finishing) for running; false when another got it. */
export async function claimBatch(db: Db, id: string, staleBefore: Date): Promise<boolean> {
  const result = await db
    .updateTable('import_batch')
    .set({ status: 'running', started_at: new Date(), heartbeat_at: new Date(), processed_rows: 0, error: null })
    .where('id', '=', id)
    .where('content', 'is not', null)
    .where((eb) => eb.or([eb('status', 'in', ['analysed', 'failed']), eb.and([eb('status', '=', 'running'), eb('heartbeat_at', '<', staleBefore)])]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setProgress(db: Db, id: string, processed: number, total: number): Promise<void> {
  await db.updateTable('import_batch').set({ processed_rows: processed, total_rows: total, heartbeat_at: new Date() }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function finishBatch(
  trx: Executor,
  id: string,
  counts: { total: number; created: number; updated: number; unchanged: number; rejected: number },
  report: Record<string, unknown>,
  encoding: string,
): Promise<void> {
  await trx
    .updateTable('import_batch')
    .set({
      status: 'done',
      encoding,
      content: null,
      total_rows: counts.total,
      processed_rows: counts.total,
      created_count: counts.created,
      updated_count: counts.updated,
      unchanged_count: counts.unchanged,
      rejected_count: counts.rejected,
      report: JSON.stringify(report),
      finished_at: new Date(),
      heartbeat_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function failBatch(db: Db, id: string, error: string): Promise<void> {
  await db.updateTable('import_batch').set({ status: 'failed', error, finished_at: new Date(), heartbeat_at: new Date() }).where('id', '=', id).execute();
}

/** Uploads never confirmed are not kept: after a day their file is dropped. */
export async function expireAbandoned(db: Db, before: Date): Promise<void> {
  await db.updateTable('import_batch').set({ status: 'expired', content: null }).where('status', '=', 'analysed').where('created_at', '<', before).execute();
}
