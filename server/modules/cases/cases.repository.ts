import { sql, type Transaction, type Updateable } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { Database } from '@server/db/schema';
import type { CaseFileTable } from '@server/db/schema.cases';

type Executor = Db | Transaction<Database>;

export function findCaseRef(db: Executor, id: string) {
  return db
    .selectFrom('case_file')
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
      reference: sql<string>`'CS-' || to_char(now() at time zone 'Europe/Amsterdam', 'YYYY') || '-' || lpad(nextval('case_number_seq')::text, 6, '0')`,
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

export function grantOf(db: Executor, id: string) {
  return db.selectFrom('access_grant').select(['id', 'valid_until', 'legal_basis', 'purpose']).where('id', '=', id).executeTakeFirst();
}

export function regionSettingsOf(db: Executor, regionCode: string) {
  return db.selectFrom('region').select('settings').where('code', '=', regionCode).executeTakeFirst();
}
