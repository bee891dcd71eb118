import { sql, type Transaction } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { Database } from '@server/db/schema';
import type { ActionStatus, InterventionAuthority, TrackKind, TrackMeasure } from '@server/db/schema.cases';

type Executor = Db | Transaction<Database>;

/** SQL of tracks, actions, acute interventions and the grants a track gives its owner. */
export async function insertTrack(
  trx: Transaction<Database>,
  values: { case_id: string; region_code: string; kind: TrackKind; measure: TrackMeasure | null; owner_organisation_id: string; note: string; decision_id: string | null; opened_by: string },
) {
  return trx.insertInto('case_track').values(values).returning(['id', 'version']).executeTakeFirstOrThrow();
}

export function findTrack(db: Executor, caseId: string, trackId: string) {
  return db.selectFrom('case_track').selectAll().where('case_id', '=', caseId).where('id', '=', trackId).executeTakeFirst();
}

export async function closeTrack(trx: Transaction<Database>, trackId: string, version: number, reason: string, by: string): Promise<boolean> {
  const result = await trx
    .updateTable('case_track')
    .set({ status: 'closed', closed_reason: reason, closed_by: by, closed_at: new Date(), version: sql<number>`version + 1` })
    .where('id', '=', trackId)
    .where('version', '=', version)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function openTracksOf(db: Executor, caseId: string) {
  return db.selectFrom('case_track').select(['id', 'kind']).where('case_id', '=', caseId).where('status', '=', 'open').execute();
}

export async function insertAction(
  trx: Transaction<Database>,
  values: { track_id: string; case_id: string; region_code: string; description: string; owner_user_id: string | null; owner_organisation_id: string | null; due_on: string; created_by: string },
) {
  return trx.insertInto('track_action').values(values).returning(['id']).executeTakeFirstOrThrow();
}

export function findAction(db: Executor, trackId: string, actionId: string) {
  return db.selectFrom('track_action').selectAll().where('track_id', '=', trackId).where('id', '=', actionId).executeTakeFirst();
}

export async function updateAction(trx: Transaction<Database>, actionId: string, version: number, changes: { status?: ActionStatus; due_on?: string }, by: string): Promise<boolean> {
  const done = changes.status === 'done' || changes.status === 'cancelled';
  const result = await trx
    .updateTable('track_action')
    .set({
      ...changes,
      ...(changes.status ? { completed_by: done ? by : null, completed_at: done ? new Date() : null } : {}),
      version: sql<number>`version + 1`,
    })
    .where('id', '=', actionId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertIntervention(
  trx: Transaction<Database>,
  values: { case_id: string; region_code: string; authority: InterventionAuthority; organisation_id: string; acted_at: Date; description: string; recorded_by: string },
) {
  return trx.insertInto('acute_intervention').values(values).returning(['id']).executeTakeFirstOrThrow();
}

export function partnerLegalBasis(db: Executor, regionCode: string, organisationId: string) {
  return db.selectFrom('partner_legal_basis').select('legal_basis').where('region_code', '=', regionCode).where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function insertSourceGrant(
  trx: Transaction<Database>,
  values: { region_code: string; case_id: string; organisation_id: string; purpose: string; legal_basis: string; valid_until: Date; granted_by: string; source_type: string; source_id: string },
): Promise<string> {
  const row = await trx
    .insertInto('access_grant')
    .values({
      region_code: values.region_code,
      record_type: 'case',
      record_id: values.case_id,
      grantee_user_id: null,
      grantee_organisation_id: values.organisation_id,
      purpose: values.purpose,
      legal_basis: values.legal_basis,
      valid_until: values.valid_until,
      granted_by: values.granted_by,
      revoked_at: null,
      revoked_by: null,
      source_type: values.source_type,
      source_id: values.source_id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ends the grants an invitation, consultation or track gave (at once: the policy reads revoked_at). */
export async function revokeSourceGrants(trx: Transaction<Database>, sourceType: string, sourceId: string, by: string, caseId?: string): Promise<number> {
  const result = await trx
    .updateTable('access_grant')
    .set({ revoked_at: new Date(), revoked_by: by })
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .where('revoked_at', 'is', null)
    .$if(caseId !== undefined, (qb) => qb.where('record_id', '=', caseId!))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The tracks of a case with their actions, owners and deciding session (for the case page). */
/** The tracks of a case with their owners, for the case page (a part of its one statement, `loadCasePage`). */
export function tracksQuery(db: Db, caseId: string) {
  return db
    .selectFrom('case_track as t')
    .innerJoin('organisation as o', 'o.id', 't.owner_organisation_id')
    .leftJoin('table_decision as d', 'd.id', 't.decision_id')
    .selectAll('t')
    .select(['o.name as owner_name', 'o.type as owner_type', 'd.session_id as decision_session_id'])
    .where('t.case_id', '=', caseId)
    .orderBy('t.opened_at');
}

/** The actions of a case's tracks with their owners, nearest due date first. */
export function actionsQuery(db: Db, caseId: string) {
  return db
    .selectFrom('track_action as a')
    .leftJoin('app_user as u', 'u.id', 'a.owner_user_id')
    .leftJoin('organisation as o', 'o.id', 'a.owner_organisation_id')
    .selectAll('a')
    .select(['u.display_name as owner_user_name', 'o.name as owner_organisation_name', 'o.type as owner_organisation_type'])
    .where('a.case_id', '=', caseId)
    .orderBy('a.due_on')
    .orderBy('a.created_at');
}

/** The acute interventions of a case, in the order they happened. */
export function interventionsQuery(db: Db, caseId: string) {
  return db
    .selectFrom('acute_intervention as i')
    .innerJoin('organisation as o', 'o.id', 'i.organisation_id')
    .leftJoin('app_user as u', 'u.id', 'i.recorded_by')
    .selectAll('i')
    .select(['o.name as organisation_name', 'o.type as organisation_type', 'u.display_name as recorded_by_name'])
    .where('i.case_id', '=', caseId)
    .orderBy('i.acted_at');
}

/**
 * Who hears of an acute intervention at once (seed 002, §2.2): the aandachtsfunctionarissen of the
 * case's municipalities and the table members (ketenregisseur, tafelleden, zorgcoördinator,
 * procesregisseur) of the region.
 */
export function interventionAudience(db: Executor, regionCode: string, municipalities: string[]) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.email'])
    .distinct()
    .where('u.region_code', '=', regionCode)
    .where('u.active', '=', true)
    .where((eb) =>
      eb.or([
        eb('r.role', 'in', ['ketenregisseur', 'tafellid', 'zorgcoordinator', 'procesregisseur']),
        eb.and([
          eb('r.role', '=', 'aandachtsfunctionaris'),
          eb.or([
            eb('u.all_municipalities', '=', true),
            eb.exists(eb.selectFrom('user_municipality as um').select('um.user_id').whereRef('um.user_id', '=', 'u.id').where('um.municipality_code', 'in', municipalities)),
          ]),
        ]),
      ]),
    )
    .execute();
}
