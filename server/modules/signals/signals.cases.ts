import { type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { Database } from '@server/db/schema';

/**
 * What the cases module needs of signals (through index.ts, never the repository): the signals a
 * case starts from, marking them forwarded, and the persons, places, businesses and vehicles they
 * name, which a case shows without copying them.
 */
export function signalsForCase(db: Db | Transaction<Database>, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('signal as s')
    .select(['s.id', 's.reference', 's.region_code', 's.status', 's.channel', 's.received_at', 's.forms', 's.acute', 's.submitted_by', 's.version'])
    .select(sql<string[]>`coalesce((select array_agg(m.municipality_code order by m.municipality_code) from signal_municipality m where m.signal_id = s.id), '{}')`.as('municipalities'))
    .where('s.id', 'in', ids)
    .execute();
}
export type SignalForCase = Awaited<ReturnType<typeof signalsForCase>>[number];

/** The signals now belong to a case: status forwarded, one event each naming the case (by reference, no content). */
export async function markSignalsForwarded(trx: Transaction<Database>, ids: string[], actorUserId: string, caseReference: string): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('signal')
    .set({ status: 'forwarded', updated_at: new Date(), version: sql<number>`version + 1` })
    .where('id', 'in', ids)
    .execute();
  await trx
    .insertInto('signal_event')
    .values(ids.map((id) => ({ signal_id: id, region_code: sql<string>`(select region_code from signal where id = ${id})`, actor_user_id: actorUserId, kind: 'joined-case', detail: JSON.stringify({ caseReference }) })))
    .execute();
}

/**
 * The persons, locations, businesses and vehicles of the signals that `signalIds` selects, as
 * four queries: a case page folds them into its own statement as JSON (one round trip;
 * docs/performance.md, "case-list"). Persons in order of role, the others as recorded.
 */
export function signalPartQueries(db: Db, signalIds: SelectQueryBuilder<Database, keyof Database, { signal_id: string }>) {
  return {
    persons: db.selectFrom('signal_person').select(['id', 'signal_id', 'role', 'name', 'alias', 'phone', 'approximate_age', 'nationality', 'bsn']).where('signal_id', 'in', signalIds).orderBy('role').orderBy('id'),
    locations: db.selectFrom('signal_location').select(['signal_id', 'description', 'street', 'house_number', 'postcode', 'place', 'municipality_code']).where('signal_id', 'in', signalIds).orderBy('id'),
    businesses: db.selectFrom('signal_business').select(['signal_id', 'name', 'kvk_number', 'address', 'sector']).where('signal_id', 'in', signalIds).orderBy('id'),
    vehicles: db.selectFrom('signal_vehicle').select(['signal_id', 'license_plate', 'description']).where('signal_id', 'in', signalIds).orderBy('id'),
  };
}
