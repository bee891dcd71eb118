import { sql } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { CaseFileTable } from '@server/db/schema.cases';
import type { CaseVisibility } from './cases.policy';

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
