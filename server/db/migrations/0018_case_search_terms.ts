import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * The case search finds words that start with what is typed, from a word index the database keeps
 * (issue #6, acceptance 6; ADR 0013; docs/performance.md "case-list").
 *
 * The trigram indexes of migrations 0009, 0012 and 0016 found any substring, but a common term
 * built a bitmap of every match in the installation before a case was read (10–20 ms for a business
 * type at a million cases), and every match was visited to count and sort it. Here each word of a
 * case's reference and title is a row per municipality of the case, indexed by municipality, word
 * and the search's own order (most recently changed first), and carrying what the search filters on
 * (status, forms of exploitation, next deadline). The first page of a word in a municipality is a
 * short range of that index, and the count stops after 1,001.
 *
 * Words: the reference and title in lower case, accents dropped (é → e), split at spaces and
 * punctuation. A hyphenated word is kept whole and from each of its parts on ("cs-2026-000123",
 * "2026-000123", "000123"), so a search for "jan" and one for "willem" both find "Jan-Willem", and
 * "2026-0001" finds the reference. `case_search_words` splits a search text the same way, but keeps
 * hyphenated words whole: each of its words must start a word of the case.
 *
 * Statement triggers with transition tables keep the rows in the same transaction as the case (a
 * bulk insert adds its rows in one statement). Deleting a case deletes its rows; anonymising its
 * title replaces them.
 */
const ACCENTED: [string, string][] = [['ÀÁÂÃÄÅàáâãäå', 'a'], ['ÈÉÊËèéêë', 'e'], ['ÌÍÎÏìíîï', 'i'], ['ÒÓÔÕÖØòóôõöø', 'o'], ['ÙÚÛÜùúûü', 'u'], ['Ýýÿ', 'y'], ['Ññ', 'n'], ['Çç', 'c'], ['‘’“”„', ' '], ['–—', '-']];
const NORMALISE = `translate(lower(input), '${ACCENTED.map(([from]) => from).join('')}', '${ACCENTED.map(([from, to]) => to.repeat(from.length)).join('')}')`;
// Spaces and ASCII punctuation but the hyphen ('' is one quote in SQL).
const SEPARATORS = `'[[:space:]!"#$%&''()*+,./:;<=>?@\\[\\\\\\]^_\`{|}~]+'`;

const CHANGED = `(n.reference, n.title, n.municipalities, n.updated_at, n.status, n.forms, n.next_due) is distinct from
  (o.reference, o.title, o.municipalities, o.updated_at, o.status, o.forms, o.next_due)`;
const TRACK_KINDS = `(select array_agg(distinct tr.kind order by tr.kind) from case_track tr where tr.case_id = c.id)`;
/** The searched columns of the index rows (in the index, so that a search reads only the index). */
const SEARCHED = `status, forms, track_kinds, next_due, words`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const termRows = (rows: string) => `insert into case_search_term (case_id, municipality_code, term, updated_at, ${SEARCHED})
      select c.id, m.code, w.term, c.updated_at, c.status, c.forms, s.track_kinds, c.next_due, ' ' || array_to_string(s.terms, ' ')
      from ${rows} c cross join lateral (select case_search_terms(c.reference || ' ' || c.title) as terms, ${TRACK_KINDS} as track_kinds offset 0) s
        cross join lateral (select distinct unnest(c.municipalities) as code) m cross join lateral unnest(s.terms) w(term)`;
  // A case's track kinds, written again on its rows when its tracks change.
  const trackKinds = (cases: string) => `update case_search_term t set track_kinds = ${TRACK_KINDS.replace('c.id', 't.case_id')}
      where t.case_id in (${cases})`;
  await runStatements(db, [
    // The words of a search text: whole, hyphens kept inside a word.
    `create function case_search_words(input text) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct w order by w), '{}') from (
        select trim(both '-' from regexp_replace(t, '-+', '-', 'g')) as w from regexp_split_to_table(${NORMALISE}, ${SEPARATORS}) t) x
      where w <> ''
    $$`,
    // The words a case is found by: each word of the text, and a hyphenated one from each of its parts on.
    `create function case_search_terms(input text) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct s order by s), '{}') from unnest(case_search_words(input)) w
        cross join lateral (select string_to_array(w, '-') as p) a
        cross join lateral generate_subscripts(a.p, 1) i
        cross join lateral (select array_to_string(a.p[i:], '-') as s) b
    $$`,
    // One row per word and municipality of a case. \`words\` holds all the case's words (' a b c'), so
    // that the other words of a search are checked on the row itself: position(' ' || word in words) > 0.
    `create table case_search_term (
      case_id uuid not null references case_file (id) on delete cascade,
      municipality_code text not null,
      term text collate "C" not null,
      updated_at timestamptz not null,
      status text not null,
      forms text[] not null,
      track_kinds text[],
      next_due date,
      words text not null
    )`,
    termRows('case_file'),
    `create index case_search_term_case_idx on case_search_term (case_id)`,
    `create index case_search_term_idx on case_search_term (municipality_code, term, updated_at desc, case_id) include (${SEARCHED})`,
    // The open cases once more (most are closed): a search within the open ones reads only theirs.
    `create index case_search_term_open_idx on case_search_term (municipality_code, term, updated_at desc, case_id) include (${SEARCHED}) where status <> 'closed'`,
    `create function case_search_term_insert() returns trigger language plpgsql as $$
      begin
        ${termRows('new_rows')};
        return null;
      end $$`,
    // Only the cases whose words, municipalities or searched columns changed are written again.
    `create function case_search_term_update() returns trigger language plpgsql as $$
      begin
        delete from case_search_term t using new_rows n join old_rows o on o.id = n.id where t.case_id = n.id and ${CHANGED};
        ${termRows(`(select n.* from new_rows n join old_rows o on o.id = n.id where ${CHANGED})`)};
        return null;
      end $$`,
    `create trigger case_search_term_insert after insert on case_file referencing new table as new_rows for each statement execute function case_search_term_insert()`,
    `create trigger case_search_term_update after update on case_file referencing old table as old_rows new table as new_rows for each statement execute function case_search_term_update()`,
    `create function case_search_term_tracks_insert() returns trigger language plpgsql as $$
      begin
        ${trackKinds('select distinct case_id from new_rows')};
        return null;
      end $$`,
    `create function case_search_term_tracks_update() returns trigger language plpgsql as $$
      begin
        ${trackKinds('select n.case_id from new_rows n join old_rows o on o.id = n.id where (n.kind, n.case_id) is distinct from (o.kind, o.case_id) union select o.case_id from new_rows n join old_rows o on o.id = n.id where n.case_id <> o.case_id')};
        return null;
      end $$`,
    `create function case_search_term_tracks_delete() returns trigger language plpgsql as $$
      begin
        ${trackKinds('select distinct case_id from old_rows')};
        return null;
      end $$`,
    `create trigger case_search_term_tracks_insert after insert on case_track referencing new table as new_rows for each statement execute function case_search_term_tracks_insert()`,
    `create trigger case_search_term_tracks_update after update on case_track referencing old table as old_rows new table as new_rows for each statement execute function case_search_term_tracks_update()`,
    `create trigger case_search_term_tracks_delete after delete on case_track referencing old table as old_rows for each statement execute function case_search_term_tracks_delete()`,
    // A grant to an organisation on a case in the organisation's own municipality (a municipality's
    // organisation holds one per track it directs): for its colleagues, whose scope holds that
    // municipality, it adds nothing. The lists read the other grants from an index of their own
    // (cases.list.repository.ts, caseListQueries: organisationGrants). Kept by the database: a grant written, its copy of the
    // case's municipalities followed, an organisation's municipality changed.
    `alter table access_grant add column in_grantee_municipality boolean not null default false`,
    `update access_grant g set in_grantee_municipality = true from organisation o
      where o.id = g.grantee_organisation_id and g.record_municipalities @> array[o.municipality_code]`,
    `create function access_grant_in_grantee_municipality() returns trigger language plpgsql as $$
      begin
        new.in_grantee_municipality := coalesce(new.record_municipalities @> array[(select o.municipality_code from organisation o where o.id = new.grantee_organisation_id)], false);
        return new;
      end $$`,
    // After access_grant_case_scope (triggers of a table fire in the order of their names), which fills the copy.
    `create trigger access_grant_in_grantee_municipality before insert or update of record_type, record_id, record_municipalities, grantee_organisation_id on access_grant
      for each row execute function access_grant_in_grantee_municipality()`,
    `create function organisation_municipality_to_grants() returns trigger language plpgsql as $$
      begin
        update access_grant g set in_grantee_municipality = coalesce(g.record_municipalities @> array[new.municipality_code], false) where g.grantee_organisation_id = new.id;
        return null;
      end $$`,
    `create trigger organisation_municipality_to_grants after update of municipality_code on organisation
      for each row when (old.municipality_code is distinct from new.municipality_code) execute function organisation_municipality_to_grants()`,
    `create index access_grant_case_organisation_outside_idx on access_grant (grantee_organisation_id, valid_until) include (record_id, region_code, valid_from, record_municipalities)
      where record_type = 'case' and revoked_at is null and grantee_organisation_id is not null and not in_grantee_municipality`,
    // The substring indexes served only the search.
    `drop index if exists case_file_search_idx`,
    `drop index if exists case_file_scope_search_idx`,
    `drop index if exists case_file_scope_search_open_idx`,
  ]);
}
