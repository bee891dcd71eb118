import { sql, type Transaction } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { Database } from '@server/db/schema';
import type { AgendaItemKind, TableSessionStatus } from '@server/db/schema.cases';

type Executor = Db | Transaction<Database>;

/** The only SQL of the weeg- en monitortafel. Case tables are read here (agenda composition), never written. */

export async function insertSession(
  trx: Transaction<Database>,
  values: { region_code: string; timezone: string; starts_at: Date; ends_at: Date; location: string; chair_user_id: string; grant_hours_after: number; created_by: string },
) {
  const { timezone, ...rest } = values;
  return trx
    .insertInto('table_session')
    .values({
      ...rest,
      // The year of the session itself (a January session planned in December is WT-<next year>-…), as in the demo data.
      reference: sql<string>`'WT-' || to_char(${values.starts_at}::timestamptz at time zone ${timezone}, 'YYYY') || '-' || lpad(nextval('table_session_number_seq')::text, 3, '0')`,
    })
    .returning(['id', 'reference', 'version'])
    .executeTakeFirstOrThrow();
}

export function findSession(db: Executor, id: string) {
  return db
    .selectFrom('table_session as s')
    .leftJoin('app_user as c', 'c.id', 's.chair_user_id')
    .leftJoin('app_user as m', 'm.id', 's.minutes_confirmed_by')
    .selectAll('s')
    .select(['c.display_name as chair_name', 'm.display_name as confirmed_by_name'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export function findInvitationOf(db: Executor, sessionId: string, organisationId: string) {
  return db.selectFrom('table_invitation').selectAll().where('session_id', '=', sessionId).where('organisation_id', '=', organisationId).executeTakeFirst();
}

/** Chairs: every session of the region; others: the sessions their organisation is invited to, while the invitation runs. */
export async function listSessions(db: Db, filter: { regionCode: string; organisationId: string; chair: boolean; limit: number; offset: number }) {
  let query = db.selectFrom('table_session as s').where('s.region_code', '=', filter.regionCode);
  if (!filter.chair) {
    query = query
      .where('s.status', '<>', 'cancelled')
      .where(sql<boolean>`s.ends_at + make_interval(hours => s.grant_hours_after) > now()`)
      .where((eb) => eb.exists(eb.selectFrom('table_invitation as i').select('i.id').whereRef('i.session_id', '=', 's.id').where('i.organisation_id', '=', filter.organisationId)));
  }
  const [rows, total] = await Promise.all([
    query
      .leftJoin('app_user as c', 'c.id', 's.chair_user_id')
      .select(['s.id', 's.reference', 's.starts_at', 's.ends_at', 's.location', 's.status', 's.version', 's.chair_user_id', 'c.display_name as chair_name'])
      .select((eb) => [
        eb.selectFrom('table_agenda_item as a').select((e) => e.fn.countAll<string>().as('n')).whereRef('a.session_id', '=', 's.id').as('agenda_items'),
        eb.exists(eb.selectFrom('table_invitation as i').select('i.id').whereRef('i.session_id', '=', 's.id').where('i.organisation_id', '=', filter.organisationId)).as('invited'),
      ])
      .orderBy('s.starts_at', 'desc')
      .orderBy('s.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function updateSession(
  trx: Transaction<Database>,
  id: string,
  version: number,
  changes: { starts_at?: Date; ends_at?: Date; location?: string; status?: TableSessionStatus; minutes_confirmed_at?: Date; minutes_confirmed_by?: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('table_session')
    .set({ ...changes, updated_at: new Date(), version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A change below the session (agenda, invitation, attendance, decision) moves its version too. */
export async function touchSession(trx: Transaction<Database>, id: string): Promise<void> {
  await trx.updateTable('table_session').set({ updated_at: new Date(), version: sql<number>`version + 1` }).where('id', '=', id).execute();
}

export function agendaOf(db: Executor, sessionId: string) {
  return db
    .selectFrom('table_agenda_item as a')
    .innerJoin('case_file as c', 'c.id', 'a.case_id')
    .select(['a.id', 'a.position', 'a.kind', 'a.case_id', 'a.summary', 'a.summary_at', 'c.reference', 'c.title', 'c.status', 'c.region_code', 'c.municipalities', 'c.lead_municipality_code'])
    .where('a.session_id', '=', sessionId)
    .orderBy('a.position')
    .execute();
}
export type AgendaRow = Awaited<ReturnType<typeof agendaOf>>[number];

/** Open tracks of these cases with their actions counted: all, done, and overdue (open past the due date). */
export function openTracksOf(db: Executor, caseIds: string[], today: string) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('case_track as t')
    .innerJoin('organisation as o', 'o.id', 't.owner_organisation_id')
    .leftJoin('track_action as x', (join) => join.onRef('x.track_id', '=', 't.id').on('x.status', '<>', 'cancelled'))
    .select(['t.id', 't.case_id', 't.kind', 't.measure', 'o.name as owner'])
    .select((eb) => [
      eb.fn.count<string>('x.id').as('actions'),
      sql<string>`count(x.id) filter (where x.status = 'done')`.as('done'),
      sql<string>`count(x.id) filter (where x.status = 'open' and x.due_on < ${today}::date)`.as('overdue'),
    ])
    .where('t.case_id', 'in', caseIds)
    .where('t.status', '=', 'open')
    .groupBy(['t.id', 't.case_id', 't.kind', 't.measure', 'o.name', 't.opened_at'])
    .orderBy('t.opened_at')
    .execute();
}

export function decisionsOf(db: Executor, sessionId: string) {
  return db
    .selectFrom('table_decision as d')
    .leftJoin('app_user as u', 'u.id', 'd.recorded_by')
    .select(['d.id', 'd.agenda_item_id', 'd.case_id', 'd.text', 'd.track_ids', 'd.recorded_by', 'd.recorded_at', 'u.display_name as recorded_by_name'])
    .where('d.session_id', '=', sessionId)
    .orderBy('d.recorded_at')
    .execute();
}

export function invitationsOf(db: Executor, sessionId: string) {
  return db
    .selectFrom('table_invitation as i')
    .innerJoin('organisation as o', 'o.id', 'i.organisation_id')
    .leftJoin('app_user as u', 'u.id', 'i.invited_by')
    .select(['i.id', 'i.organisation_id', 'i.legal_basis', 'i.case_ids', 'i.invited_at', 'i.invited_by', 'o.name as organisation_name', 'o.type as organisation_type', 'u.display_name as invited_by_name'])
    .where('i.session_id', '=', sessionId)
    .orderBy('o.name')
    .execute();
}

export function attendanceOf(db: Executor, sessionId: string) {
  return db
    .selectFrom('table_attendance as a')
    .innerJoin('organisation as o', 'o.id', 'a.organisation_id')
    .select(['a.organisation_id', 'a.present', 'a.recorded_at', 'o.name as organisation_name', 'o.type as organisation_type'])
    .where('a.session_id', '=', sessionId)
    .orderBy('o.name')
    .execute();
}

export function amendmentsOf(db: Executor, sessionId: string) {
  return db
    .selectFrom('table_minutes_amendment as m')
    .leftJoin('app_user as u', 'u.id', 'm.amended_by')
    .select(['m.id', 'm.text', 'm.amended_by', 'm.amended_at', 'u.display_name as amended_by_name'])
    .where('m.session_id', '=', sessionId)
    .orderBy('m.amended_at')
    .execute();
}

/** Cases put forward (for discussion) or under monitoring with open tracks, not yet on this agenda. */
export function candidatesOf(db: Db, regionCode: string, sessionId: string, today: string) {
  return db
    .selectFrom('case_file as c')
    .select(['c.id', 'c.reference', 'c.title', 'c.status', 'c.region_code', 'c.municipalities', 'c.lead_municipality_code', 'c.next_due'])
    .select((eb) => [
      eb.selectFrom('case_track as t').select((e) => e.fn.countAll<string>().as('n')).whereRef('t.case_id', '=', 'c.id').where('t.status', '=', 'open').as('open_tracks'),
      eb
        .selectFrom('track_action as x')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('x.case_id', '=', 'c.id')
        .where('x.status', '=', 'open')
        .where(sql<boolean>`x.due_on < ${today}::date`)
        .as('overdue_actions'),
    ])
    .where('c.region_code', '=', regionCode)
    .where((eb) =>
      eb.or([
        eb('c.status', '=', 'put-forward'),
        eb.and([eb('c.status', '=', 'monitoring'), eb.exists(eb.selectFrom('case_track as t').select('t.id').whereRef('t.case_id', '=', 'c.id').where('t.status', '=', 'open'))]),
      ]),
    )
    .where((eb) => eb.not(eb.exists(eb.selectFrom('table_agenda_item as a').select('a.id').whereRef('a.case_id', '=', 'c.id').where('a.session_id', '=', sessionId))))
    .orderBy('c.status', 'desc')
    .orderBy('c.next_due')
    .orderBy('c.reference')
    .limit(500)
    .execute();
}

export function findAgendaItem(db: Executor, sessionId: string, itemId: string) {
  return db.selectFrom('table_agenda_item').selectAll().where('session_id', '=', sessionId).where('id', '=', itemId).executeTakeFirst();
}

export function findAgendaItemByCase(db: Executor, sessionId: string, caseId: string) {
  return db.selectFrom('table_agenda_item').select('id').where('session_id', '=', sessionId).where('case_id', '=', caseId).executeTakeFirst();
}

export async function insertAgendaItem(trx: Transaction<Database>, values: { session_id: string; case_id: string; region_code: string; kind: AgendaItemKind; added_by: string }) {
  return trx
    .insertInto('table_agenda_item')
    .values({
      ...values,
      position: sql<number>`(select coalesce(max(position), 0) + 1 from table_agenda_item where session_id = ${values.session_id})`,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export async function deleteAgendaItem(trx: Transaction<Database>, itemId: string): Promise<void> {
  await trx.deleteFrom('table_agenda_item').where('id', '=', itemId).execute();
}

export async function updateSummary(trx: Transaction<Database>, itemId: string, summary: string, by: string): Promise<void> {
  await trx.updateTable('table_agenda_item').set({ summary, summary_by: by, summary_at: new Date() }).where('id', '=', itemId).execute();
}

export async function hasDecisions(db: Executor, itemId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('table_decision').select('id').where('agenda_item_id', '=', itemId).executeTakeFirst());
}

export async function insertInvitation(trx: Transaction<Database>, values: { session_id: string; region_code: string; organisation_id: string; legal_basis: string; case_ids: string[] | null; invited_by: string }) {
  return trx.insertInto('table_invitation').values(values).returning(['id']).executeTakeFirstOrThrow();
}

export function findInvitation(db: Executor, sessionId: string, invitationId: string) {
  return db.selectFrom('table_invitation').selectAll().where('session_id', '=', sessionId).where('id', '=', invitationId).executeTakeFirst();
}

export async function deleteInvitation(trx: Transaction<Database>, invitationId: string): Promise<void> {
  await trx.deleteFrom('table_invitation').where('id', '=', invitationId).execute();
}

export async function upsertAttendance(trx: Transaction<Database>, sessionId: string, entries: { organisationId: string; present: boolean }[], by: string): Promise<void> {
  await trx
    .insertInto('table_attendance')
    .values(entries.map((e) => ({ session_id: sessionId, organisation_id: e.organisationId, present: e.present, recorded_by: by, recorded_at: new Date() })))
    .onConflict((oc) => oc.columns(['session_id', 'organisation_id']).doUpdateSet({ present: sql<boolean>`excluded.present`, recorded_by: by, recorded_at: new Date() }))
    .execute();
}

export async function attendanceCount(db: Executor, sessionId: string): Promise<number> {
  const row = await db.selectFrom('table_attendance').select((eb) => eb.fn.countAll<string>().as('n')).where('session_id', '=', sessionId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertDecision(
  trx: Transaction<Database>,
  values: { id: string; session_id: string; agenda_item_id: string; case_id: string; region_code: string; text: string; track_ids: string[]; recorded_by: string },
): Promise<void> {
  await trx.insertInto('table_decision').values(values).execute();
}

export async function insertAmendment(trx: Transaction<Database>, values: { session_id: string; region_code: string; text: string; amended_by: string }) {
  return trx.insertInto('table_minutes_amendment').values(values).returning(['id']).executeTakeFirstOrThrow();
}

export function organisationsOf(db: Executor, regionCode: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisation').select(['id', 'name', 'type']).where('region_code', '=', regionCode).where('id', 'in', ids).execute();
}

export function organisationOf(db: Executor, id: string) {
  return db.selectFrom('organisation').select(['id', 'name', 'type', 'region_code']).where('id', '=', id).executeTakeFirst();
}

/** The active accounts of these organisations (one query however many). */
export function activeUsersOf(db: Executor, organisationIds: string[]) {
  if (organisationIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('app_user').select(['id']).where('organisation_id', 'in', organisationIds).where('active', '=', true).execute();
}

/** An account that can chair: active, of the region, with a chair role. */
export function chairCandidate(db: Executor, userId: string, regionCode: string, roles: string[]) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('u.id', '=', userId)
    .where('u.region_code', '=', regionCode)
    .where('u.active', '=', true)
    .where('r.role', 'in', roles as never[])
    .executeTakeFirst();
}

export function partnerLegalBasisOf(db: Executor, regionCode: string, organisationId: string) {
  return db.selectFrom('partner_legal_basis').select(['legal_basis']).where('region_code', '=', regionCode).where('organisation_id', '=', organisationId).executeTakeFirst();
}

export function legalBasesOf(db: Db, regionCode: string) {
  return db
    .selectFrom('partner_legal_basis as p')
    .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
    .leftJoin('app_user as u', 'u.id', 'p.recorded_by')
    .select(['p.organisation_id', 'p.legal_basis', 'p.note', 'p.recorded_by', 'p.recorded_at', 'o.name as organisation_name', 'o.type as organisation_type', 'u.display_name as recorded_by_name'])
    .where('p.region_code', '=', regionCode)
    .orderBy('o.name')
    .execute();
}

export async function upsertLegalBasis(trx: Transaction<Database>, values: { region_code: string; organisation_id: string; legal_basis: string; note: string; recorded_by: string }): Promise<void> {
  await trx
    .insertInto('partner_legal_basis')
    .values({ ...values, recorded_at: new Date() })
    .onConflict((oc) => oc.columns(['region_code', 'organisation_id']).doUpdateSet({ legal_basis: values.legal_basis, note: values.note, recorded_by: values.recorded_by, recorded_at: new Date() }))
    .execute();
}

/** Locks the session row for the rest of the transaction: a change and a confirmation of the minutes cannot cross. */
export function lockSession(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('table_session').select(['id', 'status', 'starts_at', 'ends_at', 'grant_hours_after', 'version', 'reference', 'region_code']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}
