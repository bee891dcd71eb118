import { sql, type Insertable } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { MailboxMessageTable, MailboxStatus } from '@server/db/schema';

/** The only SQL of the mailbox module. */

const listColumns = [
  'm.id',
  'm.source',
  'm.message_id',
  'm.subject',
  'm.sent_at',
  'm.received_at',
  'm.processed_at',
  'm.size_bytes',
  'm.raw_truncated',
  'm.status',
  'm.parse_error',
  'm.parse_detail',
  'm.parse_attempts',
  'm.forwarded',
  'm.skipped_attachments',
  'm.signal_id',
] as const;

export type MailboxMessageRow = Awaited<ReturnType<typeof findMessage>> & object;

/** Stores a message; undefined when one with the same key is already there (nothing changed). */
export async function insertMessage(db: Db, values: Insertable<MailboxMessageTable>) {
  return db
    .insertInto('mailbox_message')
    .values(values)
    .onConflict((oc) => oc.columns(['region_code', 'message_key']).doNothing())
    .returning(['id', 'status'])
    .executeTakeFirst();
}

export async function findByKey(db: Db, regionCode: string, messageKey: string) {
  return db.selectFrom('mailbox_message').select(['id', 'status']).where('region_code', '=', regionCode).where('message_key', '=', messageKey).executeTakeFirst();
}

export async function findMessage(db: Db, regionCode: string, id: string) {
  return db
    .selectFrom('mailbox_message as m')
    .leftJoin('signal as s', 's.id', 'm.signal_id')
    .select(listColumns)
    .select('s.reference as signal_reference')
    .where('m.region_code', '=', regionCode)
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export async function findRaw(db: Db, regionCode: string, id: string) {
  return db.selectFrom('mailbox_message').select(['id', 'raw', 'raw_truncated', 'message_key']).where('region_code', '=', regionCode).where('id', '=', id).executeTakeFirst();
}

/** What processing needs; the row is locked by nobody: recording is idempotent on the source id. */
export async function loadForParse(db: Db, id: string) {
  return db
    .selectFrom('mailbox_message')
    .select(['id', 'region_code', 'message_key', 'source', 'raw', 'raw_truncated', 'size_bytes', 'status', 'signal_id', 'received_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markRecorded(
  db: Db,
  id: string,
  values: { signalId: string; subject: string | null; sentAt: Date | null; forwarded: boolean; skippedAttachments: number },
) {
  await db
    .updateTable('mailbox_message')
    .set({
      status: 'recorded',
      signal_id: values.signalId,
      subject: values.subject,
      sent_at: values.sentAt,
      forwarded: values.forwarded,
      skipped_attachments: values.skippedAttachments,
      parse_error: null,
      parse_detail: null,
      parse_attempts: sql<number>`parse_attempts + 1`,
      processed_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function markParseError(db: Db, id: string, code: string, detail: string, subject: string | null) {
  await db
    .updateTable('mailbox_message')
    .set({
      status: 'parse-error',
      parse_error: code,
      parse_detail: detail.slice(0, 500),
      subject: sql<string | null>`coalesce(${subject}, subject)`,
      parse_attempts: sql<number>`parse_attempts + 1`,
      processed_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function listMessages(db: Db, regionCode: string, status: MailboxStatus | undefined, limit: number, offset: number) {
  let query = db.selectFrom('mailbox_message as m').where('m.region_code', '=', regionCode);
  if (status) query = query.where('m.status', '=', status);
  const [rows, total] = await Promise.all([
    query
      .leftJoin('signal as s', 's.id', 'm.signal_id')
      .select(listColumns)
      .select('s.reference as signal_reference')
      .orderBy('m.received_at', 'desc')
      .orderBy('m.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Messages stored but never finished (a crash or a database outage between storing and recording). */
export async function stalePending(db: Db, olderThan: Date, limit = 100) {
  const rows = await db
    .selectFrom('mailbox_message')
    .select('id')
    .where('status', '=', 'pending')
    .where('received_at', '<', olderThan)
    .orderBy('received_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function countsByStatus(db: Db, regionCode: string) {
  const rows = await db
    .selectFrom('mailbox_message')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('received_at').as('last')])
    .where('region_code', '=', regionCode)
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.n), last: r.last ? new Date(r.last) : null }));
}

// --- the poller's lease and progress ----------------------------------------------------------

/**
 * Takes or renews the lease of the region's IMAP poller: one app server at a time. A plain row
 * update (no advisory lock), so it works the same on PGlite and PostgreSQL; a concurrent
 * claimant waits on the row lock and then finds the lease taken.
 */
export async function acquireLease(db: Db, regionCode: string, holder: string, seconds: number) {
  await db.insertInto('mailbox_poller').values({ region_code: regionCode }).onConflict((oc) => oc.column('region_code').doNothing()).execute();
  return db
    .updateTable('mailbox_poller')
    .set({ holder, lease_until: sql<Date>`now() + make_interval(secs => ${seconds})` })
    .where('region_code', '=', regionCode)
    .where((eb) => eb.or([eb('holder', '=', holder), eb('holder', 'is', null), eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
    .returning(['uid_validity', 'last_uid'])
    .executeTakeFirst();
}

export async function releaseLease(db: Db, regionCode: string, holder: string) {
  await db.updateTable('mailbox_poller').set({ holder: null, lease_until: null }).where('region_code', '=', regionCode).where('holder', '=', holder).execute();
}

/** Saves how far the holder read; false when it no longer holds the lease. */
export async function saveProgress(db: Db, regionCode: string, holder: string, values: { uidValidity: number; lastUid: number; seconds: number }) {
  const row = await db
    .updateTable('mailbox_poller')
    .set({ uid_validity: values.uidValidity, last_uid: values.lastUid, lease_until: sql<Date>`now() + make_interval(secs => ${values.seconds})` })
    .where('region_code', '=', regionCode)
    .where('holder', '=', holder)
    .returning('region_code')
    .executeTakeFirst();
  return Boolean(row);
}

export async function recordPoll(db: Db, regionCode: string, outcome: { error?: string }) {
  const now = new Date();
  await db.insertInto('mailbox_poller').values({ region_code: regionCode }).onConflict((oc) => oc.column('region_code').doNothing()).execute();
  await db
    .updateTable('mailbox_poller')
    .set(outcome.error ? { last_poll_at: now, last_error: outcome.error.slice(0, 300), last_error_at: now } : { last_poll_at: now, last_success_at: now })
    .where('region_code', '=', regionCode)
    .execute();
}

export async function pollerState(db: Db, regionCode: string) {
  return db.selectFrom('mailbox_poller').selectAll().where('region_code', '=', regionCode).executeTakeFirst();
}
