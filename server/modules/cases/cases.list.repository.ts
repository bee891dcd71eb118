import { sql } from 'kysely';
import type { Db } from '@server/core/db/database';
import { preparedGeneric } from '@server/core/db/prepared';
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

/** What a list row shows: the case's columns, the assignee's name, the number of open tracks (`c` the case, `u` the assignee). */
const summarySelect = sql`${sql.join(summaryColumns.map((c) => sql.ref(c)))}, u.display_name as assigned_name,
  (select count(*)::int from case_track t where t.case_id = c.id and t.status = 'open') as open_tracks`;

export interface CaseSummaryRow {
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
}

/**
 * Cases the actor may see, filtered and paged (docs/performance.md, "case-list"). Visibility is a
 * predicate on the case row — its municipalities overlap the actor's scope (case_file.municipalities
 * mirrors the work-list rows), or a valid grant to the actor or their organisation names it — so
 * the planner can walk whichever index fits the filter: the open cases of the region in deadline
 * order for the work list (stopping after a page), the word index for a text search
 * (`searchQueries`), the assignee index for "my cases". The count of a work list without case-level filters comes from
 * the work-list rows (`case_municipality`, index only) plus the granted cases outside the scope,
 * instead of visiting every case in scope.
 */
export function caseListQueries(visibility: CaseVisibility, filter: CaseFilter) {
  const openOnly = filter.status === 'open';
  const everything = visibility.regionWide || visibility.municipalities === 'all';
  const codes = everything ? [] : (visibility.municipalities as string[]);
  const inScope = sql`c.municipalities && ${codes}::text[]`;
  // One index-only range per grantee (migrations 0011, 0014); an OR of the two would visit the table.
  // Only the grants that widen the scope count: a grant on a case inside it (a municipality's
  // organisation holds one per track it directs) adds nothing, and is dropped on the grant's copy of
  // the case's municipalities without visiting the case. A missing copy counts as outside.
  const outsideScope = codes.length > 0 ? sql` and not coalesce(g.record_municipalities && ${codes}::text[], false)` : sql``;
  const grantsTo = (grantee: 'grantee_user_id' | 'grantee_organisation_id', id: string, more = sql``) => sql`select g.record_id::uuid from access_grant g
    where ${sql.ref(`g.${grantee}`)} = ${id} and g.record_type = 'case' and g.revoked_at is null and g.valid_until > now()
      and g.valid_from <= now() and g.region_code = ${visibility.regionCode}${outsideScope}${more}`;
  // An organisation's grants on cases in its own municipality (migration 0018) are read only when
  // that municipality is outside the scope (a one-time check): a municipality's organisation holds
  // one per track it directs (3,316 for Zwolle's, read and dropped on every list before).
  const ownMunicipalityOutside = sql`not (select coalesce(bool_or(o.municipality_code = any(${codes}::text[])), false) from organisation o where o.id = ${visibility.organisationId})`;
  const organisationGrants =
    codes.length > 0
      ? sql`${grantsTo('grantee_organisation_id', visibility.organisationId, sql` and not g.in_grantee_municipality`)}
        union all ${grantsTo('grantee_organisation_id', visibility.organisationId, sql` and g.in_grantee_municipality and ${ownMunicipalityOutside}`)}`
      : grantsTo('grantee_organisation_id', visibility.organisationId);
  const grants = sql`${grantsTo('grantee_user_id', visibility.userId)} union all ${organisationGrants}`;
  let visible;
  if (everything) visible = sql`true`;
  else if (codes.length > 0 && visibility.byGrant) visible = sql`(${inScope} or c.id in (${grants}))`;
  else if (codes.length > 0) visible = inScope;
  else if (visibility.byGrant) visible = sql`c.id in (${grants})`;
  else visible = sql`false`;

  const conditions = [sql`c.region_code = ${visibility.regionCode}`];
  if (openOnly) conditions.push(sql`c.status <> 'closed'`);
  else if (filter.status !== 'all') conditions.push(sql`c.status = ${filter.status}`);
  if (filter.municipality) conditions.push(sql`c.municipalities @> array[${filter.municipality}]::text[]`);
  if (filter.assigned === 'me') conditions.push(sql`c.assigned_to = ${visibility.userId}`);
  if (filter.assigned === 'none') conditions.push(sql`c.assigned_to is null`);
  if (filter.overdue) conditions.push(sql`c.next_due < ${filter.today}::date and c.status <> 'closed'`);
  if (filter.form) conditions.push(sql`c.forms @> array[${filter.form}]::text[]`);
  if (filter.trackKind) conditions.push(sql`exists (select 1 from case_track t where t.case_id = c.id and t.kind = ${filter.trackKind})`);
  const filters = sql.join(conditions, sql` and `);
  // A text search has its own page and count (the word index).
  if (filter.text) return searchQueries(visibility, filter, { everything, codes, grants, inScope, filters });
  const order = {
    due: sql`c.next_due asc nulls last, c.created_at asc, c.id`,
    newest: sql`c.created_at desc, c.id`,
    oldest: sql`c.created_at asc, c.id`,
    updated: sql`c.updated_at desc, c.id`,
  }[filter.sort];

  const where = sql`${visible} and ${filters}`;

  // The tally or the work-list rows answer the count when nothing but open/closed, a municipality and overdue is asked.
  const fromWorkList = codes.length > 0 && !filter.form && !filter.trackKind && !filter.assigned && ['open', 'all', 'closed'].includes(filter.status);
  // The tally of cases per set of municipalities (migration 0015): the sets that overlap the scope, each case once.
  const tallySum = (status: 'open' | 'all' | 'closed', more: ReturnType<typeof sql>[]) => {
    const n = { open: sql`t.open_cases`, all: sql`t.all_cases`, closed: sql`t.all_cases - t.open_cases` }[status];
    const where = [sql`t.region_code = ${visibility.regionCode}`, sql`t.municipalities && ${codes}::text[]`, ...more];
    return sql`coalesce((select sum(${n}) from case_scope_tally t where ${sql.join(where, sql` and `)}), 0)::int`;
  };
  // Granted cases outside the scope (a few): counted on the case rows, with the list's filters.
  const granted = visibility.byGrant ? sql`(select count(*)::int from case_file c where c.id in (${grants}) and not ${inScope} and ${filters})` : sql`0`;
  let total;
  if (fromWorkList && !filter.overdue) {
    const only = filter.municipality ? [sql`t.municipalities @> array[${filter.municipality}]::text[]`] : [];
    total = sql<{ n: number }>`select ${tallySum(filter.status as 'open' | 'all' | 'closed', only)} + ${granted} as n`;
  } else if (fromWorkList) {
    // Municipality codes are national (CBS), so the scope alone selects the rows: the count stays inside the index.
    const rowConditions = [sql`m.municipality_code = any(${codes}::text[])`];
    if (openOnly || filter.overdue) rowConditions.push(sql`m.open`);
    if (filter.status === 'closed') rowConditions.push(sql`not m.open`);
    if (filter.overdue) rowConditions.push(sql`m.next_due < ${filter.today}::date`);
    if (filter.municipality) rowConditions.push(sql`m.case_id in (select x.case_id from case_municipality x where x.municipality_code = ${filter.municipality})`);
    // Overdue depends on today: the scope's work-list rows (index only), plus the granted cases outside them.
    const scope = sql`select m.case_id from case_municipality m where ${sql.join(rowConditions, sql` and `)}`;
    total = sql<{ n: number }>`with scope as (${scope}) select (select ${codes.length === 1 ? sql`count(*)` : sql`count(distinct s.case_id)`}::int from scope s) + ${granted} as n`;
  } else {
    total = sql<{ n: number }>`select count(*)::int as n from case_file c where ${where}`;
  }
  // The work list proper (open, nearest deadline first): each municipality of the scope gives its
  // first page from the work-list rows in that very order (migration 0017), the granted cases outside
  // the scope are added, and the merged page is joined to the cases. Without it the region's open
  // cases are walked in deadline order until a page of the scope is found.
  const byDeadline = filter.sort === 'due' && openOnly && codes.length > 0 && !filter.form && !filter.trackKind && !filter.assigned && !filter.municipality;
  if (byDeadline) {
    const overdue = filter.overdue ? sql` and w.next_due < ${filter.today}::date` : sql``;
    const perMunicipality = sql`select w.case_id, w.next_due, w.case_created_at from unnest(${codes}::text[]) as s(code)
      cross join lateral (select w.case_id, w.next_due, w.case_created_at from case_municipality w where w.municipality_code = s.code and w.open${overdue}
        order by w.next_due asc nulls last, w.case_created_at asc, w.case_id limit ${filter.offset + filter.limit}) w`;
    // The granted cases outside the scope are found once, for the page and for the total.
    const grantedRows = visibility.byGrant ? sql`select c.id, c.next_due, c.created_at from case_file c where c.id in (${grants}) and not ${inScope} and ${filters}` : sql`select null::uuid, null::date, null::timestamptz where false`;
    // Without overdue (which depends on today) the total is the tally's plus the granted: one statement for page and total.
    return {
      combined: !filter.overdue,
      rows: sql<CaseSummaryRow & { total_count: number }>`
        with granted as materialized (${grantedRows}),
        top as (
          select x.case_id from (${perMunicipality} union select * from granted) as x(case_id, next_due, case_created_at)
          order by x.next_due asc nulls last, x.case_created_at asc, x.case_id limit ${filter.limit} offset ${filter.offset})
        select ${summarySelect}, ${filter.overdue ? sql`null::int` : sql`${tallySum('open', [])} + (select count(*)::int from granted)`} as total_count
        from top
        join case_file c on c.id = top.case_id and c.region_code = ${visibility.regionCode}
        left join app_user u on u.id = c.assigned_to
        order by ${order}`,
      total,
    };
  }
  return {
    combined: false,
    rows: sql<CaseSummaryRow>`
      select ${summarySelect}
      from case_file c
      left join app_user u on u.id = c.assigned_to
      where ${where}
      order by ${order}
      limit ${filter.limit} offset ${filter.offset}`,
    total,
  };
}

/** A text search counts this many matches at most (ADR 0013). */
export const SEARCH_CAP = 1000;
/** Up to this many words of a municipality that a search word starts are each read in the search's order; above it, the range is read whole. */
const SEARCH_WORDS_IN_ORDER = 16;

/**
 * A text search over the word index (migration 0018, ADR 0013): each word of the text must start a
 * word of the case's reference or title. The longest word leads. For every municipality of the
 * scope, the indexed words it starts are found (one index step each); each (municipality, word)
 * gives its cases in the search's order (most recently changed first) straight from the index, with
 * the filters and the other words checked on the index row, at most `SEARCH_CAP` + 1 of them (or to
 * the requested page's end). A word that starts more than `SEARCH_WORDS_IN_ORDER` words of a
 * municipality (a reference prefix: every reference is a word) has that range read whole and sorted.
 * The granted cases outside the scope are checked one by one. The page is the first of their union;
 * the count is exact up to `SEARCH_CAP`: a source that filled its limit alone has more than
 * `SEARCH_CAP`, and if none did, the union is complete.
 */
function searchQueries(
  visibility: CaseVisibility,
  filter: CaseFilter,
  scope: { everything: boolean; codes: string[]; grants: ReturnType<typeof sql>; inScope: ReturnType<typeof sql>; filters: ReturnType<typeof sql> },
) {
  const { everything, codes, grants, inScope, filters } = scope;
  // A literal: the same text for every page up to the cap's (one prepared statement), and a known limit to plan with.
  const perSource = sql.lit(Math.max(SEARCH_CAP + 1, filter.offset + filter.limit));
  const municipality = filter.municipality;
  const municipalityInScope = municipality !== undefined && (everything || codes.includes(municipality));
  let scopeCodes;
  if (municipalityInScope) scopeCodes = sql`array[${municipality}]::text[]`;
  else if (everything) scopeCodes = sql`(select coalesce(array_agg(m.code), '{}') from municipality m where m.region_code = ${visibility.regionCode})`;
  else scopeCodes = sql`${codes}::text[]`;
  // Starts with: a range of the "C"-ordered words (U+10FFFF sorts after every character).
  const startsWith = (column: ReturnType<typeof sql>, word: ReturnType<typeof sql>) => sql`${column} >= ${word} and ${column} < ${word} || chr(1114111)`;
  // Within the open cases, the open cases' index (its predicate, literally).
  const openOnly = filter.status === 'open' || filter.overdue === true || (filter.status !== 'all' && filter.status !== 'closed');
  const open = openOnly ? sql` and t.status <> 'closed'` : sql``;
  // Every check reads the index row, but a municipality outside the scope and an assignee.
  const checks = [];
  if (filter.status !== 'open' && filter.status !== 'all') checks.push(sql`t.status = ${filter.status}`);
  if (filter.overdue) checks.push(sql`t.next_due < ${filter.today}::date`);
  if (filter.form) checks.push(sql`t.forms @> array[${filter.form}]::text[]`);
  if (filter.trackKind) checks.push(sql`t.track_kinds @> array[${filter.trackKind}]::text[]`);
  if (municipality !== undefined && !municipalityInScope) checks.push(sql`exists (select 1 from case_municipality cm where cm.case_id = t.case_id and cm.municipality_code = ${municipality})`);
  if (filter.assigned === 'me') checks.push(sql`exists (select 1 from case_file a where a.id = t.case_id and a.assigned_to = ${visibility.userId})`);
  if (filter.assigned === 'none') checks.push(sql`exists (select 1 from case_file a where a.id = t.case_id and a.assigned_to is null)`);
  checks.push(sql`(cardinality(q.others) = 0 or not exists (select 1 from unnest(q.others) w where position(' ' || w in t.words) = 0))`);
  const check = sql`${sql.join(checks, sql` and `)}${open}`;
  const granted = visibility.byGrant && !everything
    ? sql`union all select c.id, c.updated_at from case_file c cross join q where c.id in (${grants})${codes.length > 0 ? sql` and not ${inScope}` : sql``} and ${filters}
        and exists (select 1 from case_search_term x where x.case_id = c.id and not exists (select 1 from unnest(q.words) w where position(' ' || w in x.words) = 0))`
    : sql``;
  // A named prepared statement, always on its generic plan (planning took 2 ms of a 5 ms search). Its
  // text varies only with which filters are set, so a connection holds a few of them.
  const found = sql`${preparedGeneric}with recursive
    q0 as materialized (select w.words, (select x from unnest(w.words) x order by length(x) desc, x limit 1) as driving from (select case_search_words(${filter.text}) as words) w),
    q as materialized (select q0.words, q0.driving, array_remove(q0.words, q0.driving) as others from q0),
    scope as materialized (select distinct s.code from unnest(${scopeCodes}) s(code)),
    words(code, term, n) as (
      select s.code, (select min(t.term) from case_search_term t where t.municipality_code = s.code and ${startsWith(sql`t.term`, sql`q.driving`)}${open}), 1 from scope s cross join q
      union all
      select x.code, (select min(t.term) from case_search_term t where t.municipality_code = x.code and t.term > x.term and t.term < q.driving || chr(1114111)${open}), x.n + 1
      from words x cross join q where x.term is not null and x.n <= ${SEARCH_WORDS_IN_ORDER}
    ),
    broad as materialized (select w.code from words w where w.term is not null and w.n > ${SEARCH_WORDS_IN_ORDER}),
    hits(case_id, updated_at) as (
      select s.case_id, s.updated_at from words w cross join q cross join lateral (
        select t.case_id, t.updated_at from case_search_term t where t.municipality_code = w.code and t.term = w.term and ${check}
        order by t.updated_at desc, t.case_id limit ${perSource}) s
      where w.term is not null and w.code not in (select b.code from broad b)
      union all
      select s.case_id, s.updated_at from broad b cross join q cross join lateral (
        select t.case_id, max(t.updated_at) as updated_at from case_search_term t where t.municipality_code = b.code and ${startsWith(sql`t.term`, sql`q.driving`)} and ${check}
        group by t.case_id order by 2 desc, 1 limit ${perSource}) s
      ${granted}
    ),
    found as (select h.case_id, max(h.updated_at) as updated_at from hits h group by h.case_id)`;
  return {
    combined: true,
    rows: sql<CaseSummaryRow & { total_count: number }>`${found},
      page as (select f.case_id from found f order by f.updated_at desc, f.case_id limit ${filter.limit} offset ${filter.offset})
      select ${summarySelect}, (select count(*)::int from found) as total_count
      from page p
      join case_file c on c.id = p.case_id and c.region_code = ${visibility.regionCode}
      left join app_user u on u.id = c.assigned_to
      order by c.updated_at desc, c.id`,
    total: sql<{ n: number }>`${found} select count(*)::int as n from found`,
  };
}

/**
 * A page of cases and their total. A text search counts at most `SEARCH_CAP` matches: above that
 * the total is the cap and `capped` says there are more (only the first `SEARCH_CAP` can be paged).
 */
export async function listCases(db: Db, visibility: CaseVisibility, filter: CaseFilter): Promise<{ rows: CaseSummaryRow[]; total: number; capped: boolean }> {
  const queries = caseListQueries(visibility, filter);
  let rows: CaseSummaryRow[];
  let total: number;
  if (queries.combined) {
    rows = (await queries.rows.execute(db)).rows;
    // A page past the end has no row to carry the count: then (only then) it is counted on its own.
    total = rows.length > 0 ? Number((rows[0] as unknown as { total_count: number }).total_count) : filter.offset === 0 ? 0 : Number((await queries.total.execute(db)).rows[0]?.n ?? 0);
  } else {
    const [page, count] = await Promise.all([queries.rows.execute(db), queries.total.execute(db)]);
    rows = page.rows;
    total = Number(count.rows[0]?.n ?? 0);
  }
  const capped = Boolean(filter.text) && total > SEARCH_CAP;
  return { rows, total: capped ? SEARCH_CAP : total, capped };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the page and the count query of a list, for the case-list benchmark and docs/performance.md. */
export async function explainCaseList(db: Db, visibility: CaseVisibility, filter: CaseFilter): Promise<{ rows: string; total: string }> {
  const queries = caseListQueries(visibility, filter);
  const explain = async (query: typeof queries.rows | typeof queries.total) => {
    const compiled = query.compile(db);
    const result = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${sql.raw(compiled.sql.replace(/\$(\d+)/g, (_, n: string) => literal(compiled.parameters[Number(n) - 1])))}`.execute(db);
    return result.rows.map((r) => r['QUERY PLAN']).join('\n');
  };
  return { rows: await explain(queries.rows), total: await explain(queries.total) };
}

/** A parameter as an SQL literal (EXPLAIN ANALYZE of a compiled query; the values are the benchmark's own). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `array[${value.map(literal).join(', ')}]::text[]`;
  return `'${String(value).replace(/'/g, "''")}'`;
}
