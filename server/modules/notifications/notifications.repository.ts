import { sql, type Transaction } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { Database } from '@server/db/schema';

export async function insertNotifications(
  trx: Transaction<Database> | Db,
  rows: { region_code: string; user_id: string; kind: string; record_type: string; record_id: string; reference: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('notification').values(rows).execute();
}

export async function listNotifications(db: Db, userId: string, limit: number, offset: number) {
  const [rows, counts] = await Promise.all([
    db
      .selectFrom('notification')
      .select(['id', 'kind', 'record_type', 'record_id', 'reference', 'created_at', 'read_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('notification')
      .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where read_at is null))::int`.as('unread')])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(counts.total), unread: Number(counts.unread) };
}

export async function markRead(db: Db, userId: string, id: string) {
  return db
    .updateTable('notification')
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning(['id', 'kind', 'record_type', 'record_id', 'reference', 'created_at', 'read_at'])
    .executeTakeFirst();
}
