import { CompiledQuery } from 'kysely';
import type { Db } from '@server/core/db/database';

/**
 * Group commit for the access log. Every personal-data read writes one row; one INSERT and one
 * commit per request made the log the largest cost of a read. Rows written outside a transaction
 * while an insert is in flight wait and go in together as one multi-row INSERT: one round trip and
 * one commit for all of them. Nothing is weakened:
 * - each caller still waits until its own row is committed, so no response leaves without it;
 * - when a batch fails, its rows are inserted one by one, so a bad entry fails only its own request;
 * - a write inside a transaction goes straight into that transaction (commits or rolls back with it);
 * - without load a row goes in at once, alone (no timer, no added latency).
 */
export const ACCESS_LOG_COLUMNS = [
  'region_code',
  'user_id',
  'role',
  'organisation_id',
  'action',
  'record_type',
  'record_id',
  'subjects',
  'purpose',
  'grant_id',
  'client_address',
  'user_agent',
  'request_id',
  'outcome',
  'reason',
] as const;
/** One row's values, in the order of ACCESS_LOG_COLUMNS. */
export type AccessLogValues = unknown[];

/** 15 parameters a row; PostgreSQL allows 65,535 in one statement. */
const MAX_BATCH = 200;
/** Inserts in flight at once; more rows wait for the next batch. */
const MAX_IN_FLIGHT = 2;

const insertSql = new Map<number, string>();
/** Static SQL per batch size (built once per size), so no query building per request. */
function sqlFor(rows: number): string {
  let text = insertSql.get(rows);
  if (!text) {
    const width = ACCESS_LOG_COLUMNS.length;
    const tuples = Array.from({ length: rows }, (_, r) => `(${ACCESS_LOG_COLUMNS.map((c, i) => `$${r * width + i + 1}${c === 'subjects' ? '::text[]' : ''}`).join(', ')})`);
    text = `insert into access_log (${ACCESS_LOG_COLUMNS.join(', ')}) values ${tuples.join(', ')}`;
    insertSql.set(rows, text);
  }
  return text;
}

interface Pending {
  values: AccessLogValues;
  resolve: () => void;
  reject: (error: unknown) => void;
}

class GroupWriter {
  private queue: Pending[] = [];
  private inFlight = 0;

  constructor(private readonly db: Db) {}

  write(values: AccessLogValues): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ values, resolve, reject });
      if (this.inFlight < MAX_IN_FLIGHT) this.flush();
    });
  }

  private flush(): void {
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0, MAX_BATCH);
    this.inFlight++;
    void this.insert(batch)
      .catch((error: unknown) => batch.forEach((p) => p.reject(error)))
      .finally(() => {
        this.inFlight--;
        this.flush();
      });
  }

  private async insert(batch: Pending[]): Promise<void> {
    try {
      await this.db.executeQuery(CompiledQuery.raw(sqlFor(batch.length), batch.flatMap((p) => p.values)));
      for (const p of batch) p.resolve();
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      await Promise.all(batch.map((p) => insertOne(this.db, p.values).then(p.resolve, p.reject)));
    }
  }
}

async function insertOne(db: Db, values: AccessLogValues): Promise<void> {
  await db.executeQuery(CompiledQuery.raw(sqlFor(1), values));
}

const writers = new WeakMap<Db, GroupWriter>();

/** Inserts one access-log row; resolves when it is committed (or, in a transaction, written in it). */
export function insertAccessLogRow(db: Db, values: AccessLogValues): Promise<void> {
  if (db.isTransaction) return insertOne(db, values);
  let writer = writers.get(db);
  if (!writer) {
    writer = new GroupWriter(db);
    writers.set(db, writer);
  }
  return writer.write(values);
}
