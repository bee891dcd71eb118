import { sql, type Transaction, type Updateable } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { validGrants } from '@server/core/access/policy';
import type { Db } from '@server/core/db/database';
import { prepared } from '@server/core/db/prepared';
import { actionsQuery, interventionsQuery, tracksQuery } from './cases.tracks.repository';
import type { Database } from '@server/db/schema';
import type { CaseFileTable } from '@server/db/schema.cases';
import { signalPartQueries } from '@server/modules/signals';

type Executor = Db | Transaction<Database>;

export function findCaseRef(db: Executor, id: string) {
  return db
    .selectFrom('case_file')
    .modifyFront(prepared)
    .select(['id', 'region_code', 'reference', 'municipalities', 'lead_municipality_code', 'status', 'version', 'assigned_to', 'acute'])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type CaseRefRow = NonNullable<Awaited<ReturnType<typeof findCaseRef>>>;

export function findCaseRefs(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('case_file')
    .select(['id', 'region_code', 'reference', 'municipalities', 'lead_municipality_code', 'status', 'version', 'assigned_to', 'acute'])
    .where('id', 'in', ids)
    .execute();
}

export async function insertCase(
  trx: Transaction<Database>,
  values: { region_code: string; title: string; summary: string; forms: string[]; acute: boolean; lead: string; municipalities: string[]; assessment_due: string; created_by: string; assigned_to: string | null },
) {
  return trx
    .insertInto('case_file')
    .values({
      region_code: values.region_code,
      // At least six digits, all of them past 999,999 (lpad would cut the number and collide).
      reference: sql<string>`(select 'CS-' || to_char(now() at time zone 'Europe/Amsterdam', 'YYYY') || '-' || case when n > 999999 then n::text else lpad(n::text, 6, '0') end from (select nextval('case_number_seq') as n) s)`,
      title: values.title,
      summary: values.summary,
      forms: values.forms,
      acute: values.acute,
      lead_municipality_code: values.lead,
      municipalities: values.municipalities,
      assessment_due: values.assessment_due,
      next_due: values.assessment_due,
      created_by: values.created_by,
      assigned_to: values.assigned_to,
    })
    .returning(['id', 'reference', 'version'])
    .executeTakeFirstOrThrow();
}

/** Optimistic concurrency: changes only when the version is the one the user read. */
export async function updateCase(trx: Transaction<Database>, id: string, version: number, changes: Updateable<CaseFileTable>): Promise<boolean> {
  const result = await trx
    .updateTable('case_file')
    .set({ ...changes, updated_at: new Date(), version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A change that does not depend on what the user read (a track or action elsewhere on the case) still moves the version. */
export async function touchCase(trx: Transaction<Database>, id: string, changes: Updateable<CaseFileTable> = {}): Promise<void> {
  await trx
    .updateTable('case_file')
    .set({ ...changes, updated_at: new Date(), version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** The case's municipalities: lead first; the list the policy reads and the work-list rows. */
export async function replaceMunicipalities(trx: Transaction<Database>, caseId: string, regionCode: string, lead: string, involved: string[]): Promise<string[]> {
  const codes = [lead, ...involved.filter((c) => c !== lead)];
  const unique = [...new Set(codes)];
  await trx.updateTable('case_file').set({ municipalities: unique, lead_municipality_code: lead }).where('id', '=', caseId).execute();
  await trx.deleteFrom('case_municipality').where('case_id', '=', caseId).where('municipality_code', 'not in', unique).execute();
  await trx
    .insertInto('case_municipality')
    .values(unique.map((code) => ({ case_id: caseId, municipality_code: code, region_code: regionCode, lead: code === lead })))
    .onConflict((oc) => oc.columns(['case_id', 'municipality_code']).doUpdateSet({ lead: sql<boolean>`excluded.lead` }))
    .execute();
  await refreshDeadlines(trx, caseId);
  return unique;
}

/**
 * The nearest deadline of a case: its current step (assessment, or discussion at the table),
 * an open action, a pending hand-over. Copied to the work-list rows with whether the case is open.
 */
export async function refreshDeadlines(trx: Transaction<Database>, caseId: string): Promise<void> {
  await sql`
    with due as (
      select c.id, c.status,
        (select min(d) from (values
          (case when c.status in ('enrichment', 'put-forward') then c.assessment_due end),
          ((select min(a.due_on) from track_action a where a.case_id = c.id and a.status = 'open')),
          ((select min(h.due_on) from case_handover h where h.case_id = c.id and h.status = 'pending'))
        ) v(d)) as next_due
      from case_file c where c.id = ${caseId}
    ), updated as (
      update case_file c set next_due = due.next_due from due where c.id = due.id returning c.id
    )
    update case_municipality m set next_due = due.next_due, open = due.status <> 'closed'
    from due where m.case_id = due.id`.execute(trx);
}

export async function insertEvent(
  db: Executor,
  values: { case_id: string; region_code: string; actor_user_id: string | null; kind: string; field_group: string; detail: Record<string, unknown> },
): Promise<void> {
  await db.insertInto('case_event').values({ ...values, detail: JSON.stringify(values.detail) }).execute();
}

export function caseEvents(db: Db, caseId: string, groups: string[]) {
  return db
    .selectFrom('case_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.at', 'e.kind', 'e.field_group', 'e.detail', 'u.display_name'])
    .where('e.case_id', '=', caseId)
    .where('e.field_group', 'in', groups)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

export function casesOfSignals(db: Executor, signalIds: string[]) {
  if (signalIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('case_signal').select(['signal_id', 'case_id']).where('signal_id', 'in', signalIds).execute();
}

export async function joinSignals(trx: Transaction<Database>, caseId: string, signalIds: string[], by: string): Promise<void> {
  if (signalIds.length === 0) return;
  await trx.insertInto('case_signal').values(signalIds.map((signal_id) => ({ case_id: caseId, signal_id, joined_by: by }))).execute();
}

export function municipalitiesOf(db: Executor, regionCode: string) {
  return db.selectFrom('municipality').select(['code', 'name']).where('region_code', '=', regionCode).orderBy('name').execute();
}

export function organisationOf(db: Executor, id: string) {
  return db.selectFrom('organisation').select(['id', 'name', 'type', 'region_code', 'municipality_code']).where('id', '=', id).executeTakeFirst();
}

export function organisationsOfType(db: Executor, regionCode: string, types: string[]) {
  return db.selectFrom('organisation').select(['id', 'name', 'type', 'municipality_code']).where('region_code', '=', regionCode).where('type', 'in', types).where('origin', '=', 'config').orderBy('name').execute();
}

export function userOf(db: Executor, id: string) {
  return db.selectFrom('app_user').select(['id', 'region_code', 'organisation_id', 'display_name', 'active']).where('id', '=', id).executeTakeFirst();
}

export function regionSettingsOf(db: Executor, regionCode: string) {
  return db.selectFrom('region').select('settings').where('code', '=', regionCode).executeTakeFirst();
}

// --- the case page --------------------------------------------------------------------------

export async function loadCaseCore(db: Db, id: string) {
  return db
    .selectFrom('case_file as c')
    .leftJoin('app_user as a', 'a.id', 'c.assigned_to')
    .leftJoin('app_user as s', 's.id', 'c.assessed_by')
    .leftJoin('app_user as x', 'x.id', 'c.closed_by')
    .selectAll('c')
    .select(['a.display_name as assigned_name', 's.display_name as assessed_by_name', 'x.display_name as closed_by_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type CaseCore = NonNullable<Awaited<ReturnType<typeof loadCaseCore>>>;

/** Who opens a case page: the statement looks up their grant and their organisation's type with the case. */
export interface CaseViewer {
  userId: string;
  organisationId: string;
}

/**
 * Everything a case page needs in one statement, one round trip (docs/performance.md,
 * "case-list"): the case row; the parts of its page, tracks, actions and interventions
 * included; the persons, places, businesses and vehicles of its signals; and, for deciding
 * before anything is shown, the viewer's valid grant on the case (policy.validGrants) and their
 * organisation's type. The dates of the parts arrive as ISO strings (JSON), the case row's as
 * usual. Undefined when the case does not exist.
 */
export async function loadCasePage(db: Db, id: string, viewer: CaseViewer) {
  const signalIds = db.selectFrom('case_signal').select('signal_id').where('case_id', '=', id);
  const signalParts = signalPartQueries(db, signalIds);
  const row = await db
    .selectFrom('case_file as c')
    .modifyFront(prepared)
    .leftJoin('app_user as a', 'a.id', 'c.assigned_to')
    .leftJoin('app_user as s', 's.id', 'c.assessed_by')
    .leftJoin('app_user as x', 'x.id', 'c.closed_by')
    .selectAll('c')
    .select(['a.display_name as assigned_name', 's.display_name as assessed_by_name', 'x.display_name as closed_by_name'])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('case_municipality as cm')
          .innerJoin('municipality as m', (j) => j.onRef('m.code', '=', 'cm.municipality_code'))
          .select(['cm.municipality_code as code', 'm.name', 'cm.lead'])
          .where('cm.case_id', '=', id)
          .orderBy('cm.lead', 'desc')
          .orderBy('m.name'),
      ).as('municipality_parts'),
      jsonArrayFrom(
        eb
          .selectFrom('case_signal as cs')
          .innerJoin('signal as s', 's.id', 'cs.signal_id')
          .select(['s.id', 's.reference', 's.received_at', 's.channel'])
          .where('cs.case_id', '=', id)
          .orderBy('s.received_at'),
      ).as('signals'),
      jsonArrayFrom(
        eb
          .selectFrom('case_source_check as k')
          .leftJoin('app_user as u', 'u.id', 'k.recorded_by')
          .selectAll('k')
          .select('u.display_name as recorded_by_name')
          .where('k.case_id', '=', id)
          .orderBy('k.consulted_on')
          .orderBy('k.recorded_at'),
      ).as('sourceChecks'),
      jsonArrayFrom(
        eb
          .selectFrom('case_consultation as k')
          .innerJoin('organisation as o', 'o.id', 'k.organisation_id')
          .leftJoin('app_user as u', 'u.id', 'k.recorded_by')
          .selectAll('k')
          .select(['o.name as organisation_name', 'o.type as organisation_type', 'u.display_name as recorded_by_name'])
          .where('k.case_id', '=', id)
          .orderBy('k.consulted_on')
          .orderBy('k.recorded_at'),
      ).as('consultations'),
      jsonArrayFrom(
        eb
          .selectFrom('case_handover as h')
          .leftJoin('app_user as u', 'u.id', 'h.requested_by')
          .selectAll('h')
          .select('u.display_name as requested_by_name')
          .where('h.case_id', '=', id)
          .orderBy('h.requested_at'),
      ).as('handovers'),
      jsonArrayFrom(tracksQuery(db, id)).as('tracks'),
      jsonArrayFrom(actionsQuery(db, id)).as('actions'),
      jsonArrayFrom(interventionsQuery(db, id)).as('interventions'),
      jsonArrayFrom(signalParts.persons).as('signal_persons'),
      jsonArrayFrom(signalParts.locations).as('signal_locations'),
      jsonArrayFrom(signalParts.businesses).as('signal_businesses'),
      jsonArrayFrom(signalParts.vehicles).as('signal_vehicles'),
      jsonObjectFrom(
        validGrants(db, viewer, { type: 'case', id })
          .select(['id', 'valid_until', 'legal_basis', 'purpose'])
          .where('region_code', '=', sql.ref<string>('c.region_code'))
          .limit(1),
      ).as('viewer_grant'),
      eb.selectFrom('organisation as o').select('o.type').where('o.id', '=', viewer.organisationId).as('viewer_organisation_type'),
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  // case_file has a column `municipalities` (the codes); the parts' list of names is aliased apart.
  const {
    municipality_parts: municipalities,
    signals,
    sourceChecks,
    consultations,
    handovers,
    tracks,
    actions,
    interventions,
    signal_persons: persons,
    signal_locations: locations,
    signal_businesses: businesses,
    signal_vehicles: vehicles,
    viewer_grant: grant,
    viewer_organisation_type: organisationType,
    ...core
  } = row;
  return {
    core: core satisfies CaseCore,
    parts: { municipalities, signals, sourceChecks, consultations, handovers },
    tracks: { tracks, actions },
    interventions,
    signalParts: { persons, locations, businesses, vehicles },
    viewer: { grant, organisationType },
  };
}
export type CasePage = NonNullable<Awaited<ReturnType<typeof loadCasePage>>>;

export async function insertSourceCheck(trx: Transaction<Database>, values: { case_id: string; region_code: string; source_code: string; consulted_on: string; finding: string; recorded_by: string }) {
  return trx.insertInto('case_source_check').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function insertConsultation(trx: Transaction<Database>, values: { case_id: string; region_code: string; organisation_id: string; consulted_on: string; summary: string; recorded_by: string }) {
  return trx.insertInto('case_consultation').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function insertHandover(
  trx: Transaction<Database>,
  values: { case_id: string; region_code: string; from_municipality_code: string; to_municipality_code: string; reason: string; due_on: string; requested_by: string; to_was_involved: boolean },
) {
  return trx.insertInto('case_handover').values(values).returning('id').executeTakeFirstOrThrow();
}

export function findHandover(db: Executor, caseId: string, id: string) {
  return db.selectFrom('case_handover').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}

export async function decideHandover(trx: Transaction<Database>, id: string, status: 'accepted' | 'declined' | 'withdrawn', by: string, note: string): Promise<boolean> {
  const result = await trx
    .updateTable('case_handover')
    .set({ status, decided_by: by, decided_at: new Date(), decision_note: note })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Active users of the region with this role whose scope covers the municipality. */
export function municipalOfficers(db: Executor, regionCode: string, municipality: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.email'])
    .distinct()
    .where('u.region_code', '=', regionCode)
    .where('u.active', '=', true)
    .where('r.role', '=', 'aandachtsfunctionaris')
    .where((eb) => eb.or([eb('u.all_municipalities', '=', true), eb.exists(eb.selectFrom('user_municipality as um').select('um.user_id').whereRef('um.user_id', '=', 'u.id').where('um.municipality_code', '=', municipality))]))
    .execute();
}

/**
 * Active accounts of the region that may work on a case in these municipalities, by name: the
 * roles that update every case of the region, and the municipal roles with one of the
 * municipalities in their scope (caseRules.update). Given an id, only that account, if it may.
 */
export function caseWorkers(db: Executor, regionCode: string, municipalities: string[], roles: { regionWide: readonly string[]; ownMunicipality: readonly string[] }, id?: string) {
  let query = db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.display_name'])
    .where('u.region_code', '=', regionCode)
    .where('u.active', '=', true)
    .where((eb) => {
      const hasRole = (list: readonly string[]) => eb.exists(eb.selectFrom('user_role as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', 'in', list.length ? [...list] : ['']));
      const inScope = eb.or([
        eb('u.all_municipalities', '=', true),
        eb.exists(eb.selectFrom('user_municipality as um').select('um.user_id').whereRef('um.user_id', '=', 'u.id').where('um.municipality_code', 'in', municipalities.length ? municipalities : [''])),
      ]);
      return eb.or([hasRole(roles.regionWide), eb.and([hasRole(roles.ownMunicipality), inScope])]);
    })
    .orderBy('u.display_name')
    .orderBy('u.id');
  if (id !== undefined) query = query.where('u.id', '=', id);
  return query.execute();
}

// --- my work --------------------------------------------------------------------------------

export function myActions(db: Db, userId: string, organisationId: string, limit: number) {
  return db
    .selectFrom('track_action as a')
    .innerJoin('case_track as t', 't.id', 'a.track_id')
    .innerJoin('case_file as c', 'c.id', 'a.case_id')
    .leftJoin('app_user as u', 'u.id', 'a.owner_user_id')
    .leftJoin('organisation as o', 'o.id', 'a.owner_organisation_id')
    .selectAll('a')
    .select(['c.reference as case_reference', 't.kind as track_kind', 'u.display_name as owner_user_name', 'o.name as owner_organisation_name', 'o.type as owner_organisation_type'])
    .where('a.status', '=', 'open')
    .where('t.status', '=', 'open')
    .where((eb) => eb.or([eb('a.owner_user_id', '=', userId), eb.and([eb('a.owner_organisation_id', '=', organisationId), eb('a.owner_user_id', 'is', null)])]))
    .orderBy('a.due_on')
    .limit(limit)
    .execute();
}

export function pendingHandoversTo(db: Db, regionCode: string, municipalities: string[] | 'all', limit: number) {
  return db
    .selectFrom('case_handover as h')
    .innerJoin('case_file as c', 'c.id', 'h.case_id')
    .select(['h.id', 'h.case_id', 'c.reference', 'h.from_municipality_code', 'h.to_municipality_code', 'h.due_on'])
    .where('h.region_code', '=', regionCode)
    .where('h.status', '=', 'pending')
    .$if(municipalities !== 'all', (qb) => qb.where('h.to_municipality_code', 'in', municipalities === 'all' ? [] : municipalities.length ? municipalities : ['-']))
    .orderBy('h.due_on')
    .limit(limit)
    .execute();
}
