import { sql, type Transaction, type Updateable } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { Database } from '@server/db/schema';
import type { CaseFileTable } from '@server/db/schema.cases';
import type { CaseVisibility } from './cases.policy';

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

// --- lists ----------------------------------------------------------------------------------

export interface CaseFilter {
  status: 'open' | 'all' | CaseFileTable['status']['__select__'];
  municipality?: string | undefined;
  assigned?: 'me' | 'none' | undefined;
  overdue?: boolean | undefined;
  text?: string | undefined;
  form?: string | undefined;
  trackKind?: string | undefined;
  sort: 'due' | 'newest' | 'oldest' | 'updated';
  limit: number;
  offset: number;
  today: string;
}

const summaryColumns = [
  'c.id',
  'c.reference',
  'c.title',
  'c.status',
  'c.acute',
  'c.forms',
  'c.lead_municipality_code',
  'c.municipalities',
  'c.assigned_to',
  'c.next_due',
  'c.updated_at',
  'c.region_code',
] as const;

/**
 * Cases the actor may see, filtered and paged. The candidate ids come from one index range per
 * source: the work-list rows of the actor's municipalities (`case_municipality`), the region
 * (ketenregisseur), and valid grants to the actor or their organisation; the page is then joined.
 */
export async function listCases(db: Db, visibility: CaseVisibility, filter: CaseFilter) {
  const openOnly = filter.status === 'open';
  const grants = visibility.byGrant
    ? sql`select g.record_id::uuid as id from access_grant g
        where g.record_type = 'case' and g.region_code = ${visibility.regionCode} and g.revoked_at is null
          and g.valid_from <= now() and g.valid_until > now()
          and (g.grantee_user_id = ${visibility.userId} or g.grantee_organisation_id = ${visibility.organisationId})`
    : sql`select null::uuid as id where false`;
  let scope;
  if (visibility.regionWide) {
    scope = sql`select c.id from case_file c where c.region_code = ${visibility.regionCode}`;
  } else {
    const codes = visibility.municipalities === 'all' ? null : visibility.municipalities;
    scope = codes && codes.length === 0
      ? sql`select null::uuid as id where false`
      : sql`select m.case_id as id from case_municipality m
          where m.region_code = ${visibility.regionCode}
          ${codes ? sql`and m.municipality_code = any(${codes}::text[])` : sql``}
          ${openOnly ? sql`and m.open` : sql``}`;
  }
  const conditions = [sql`c.region_code = ${visibility.regionCode}`];
  if (openOnly) conditions.push(sql`c.status <> 'closed'`);
  else if (filter.status !== 'all') conditions.push(sql`c.status = ${filter.status}`);
  if (filter.municipality) conditions.push(sql`${filter.municipality} = any(c.municipalities)`);
  if (filter.assigned === 'me') conditions.push(sql`c.assigned_to = ${visibility.userId}`);
  if (filter.assigned === 'none') conditions.push(sql`c.assigned_to is null`);
  if (filter.overdue) conditions.push(sql`c.next_due < ${filter.today}::date and c.status <> 'closed'`);
  if (filter.form) conditions.push(sql`${filter.form} = any(c.forms)`);
  if (filter.trackKind) conditions.push(sql`exists (select 1 from case_track t where t.case_id = c.id and t.kind = ${filter.trackKind})`);
  if (filter.text) {
    const pattern = `%${filter.text.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conditions.push(sql`lower(c.reference || ' ' || c.title) like ${pattern}`);
  }
  const where = sql.join(conditions, sql` and `);
  const order = {
    due: sql`c.next_due asc nulls last, c.created_at asc, c.id`,
    newest: sql`c.created_at desc, c.id`,
    oldest: sql`c.created_at asc, c.id`,
    updated: sql`c.updated_at desc, c.id`,
  }[filter.sort];
  const visible = sql`(${scope} union ${grants})`;
  const [rows, total] = await Promise.all([
    sql<{
      id: string;
      reference: string;
      title: string;
      status: CaseFileTable['status']['__select__'];
      acute: boolean;
      forms: string[];
      lead_municipality_code: string;
      municipalities: string[];
      assigned_to: string | null;
      assigned_name: string | null;
      next_due: string | null;
      updated_at: Date;
      region_code: string;
      open_tracks: number;
    }>`
      select ${sql.join(summaryColumns.map((c) => sql.ref(c)))}, u.display_name as assigned_name,
        (select count(*)::int from case_track t where t.case_id = c.id and t.status = 'open') as open_tracks
      from case_file c
      left join app_user u on u.id = c.assigned_to
      where c.id in ${visible} and ${where}
      order by ${order}
      limit ${filter.limit} offset ${filter.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from case_file c where c.id in ${visible} and ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
}
