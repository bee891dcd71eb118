import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * A case grant carries the municipalities of its case (issue #6, acceptance 6; docs/performance.md
 * "case-list").
 *
 * A municipality's organisation holds a grant for every track it directs — thousands at a million
 * cases — and nearly all of them are on cases inside the municipality, which its users see anyway.
 * The case list asks only for the grants that widen the scope; with the case's municipalities in
 * the grant (and in the grant indexes) it finds them index only, instead of looking up every
 * grant's case to drop it again.
 *
 * The copy is kept by the database, not by the code: a trigger fills it when a grant on a case is
 * written (an import of an export brings it along), and another follows every change of a case's
 * municipalities (an involved municipality, a hand-over) in the same transaction. A copy that is missing counts as "outside the scope", so it
 * can only make the list do more work, never hide a case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table access_grant add column record_municipalities text[]`,
    `update access_grant g set record_municipalities = c.municipalities from case_file c where g.record_type = 'case' and g.record_id = c.id::text`,
    `create function access_grant_case_scope() returns trigger language plpgsql as $$
      begin
        -- Looked up on the primary key (a case id is a uuid; anything else names no case and keeps no copy).
        -- A copy that comes with the row (an import of an export, where the case may follow later) is kept.
        if new.record_type <> 'case' or new.record_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
          new.record_municipalities := null;
        elsif tg_op = 'UPDATE' or new.record_municipalities is null then
          select c.municipalities into new.record_municipalities from case_file c where c.id = new.record_id::uuid;
        end if;
        return new;
      end $$`,
    `create trigger access_grant_case_scope before insert or update of record_type, record_id on access_grant
      for each row execute function access_grant_case_scope()`,
    `create function case_file_scope_to_grants() returns trigger language plpgsql as $$
      begin
        update access_grant set record_municipalities = new.municipalities where record_type = 'case' and record_id = new.id::text;
        return null;
      end $$`,
    `create trigger case_file_scope_to_grants after update of municipalities on case_file
      for each row when (old.municipalities is distinct from new.municipalities) execute function case_file_scope_to_grants()`,
    // The grant indexes of migration 0011, now with the case's municipalities in them.
    `drop index access_grant_case_user_idx`,
    `drop index access_grant_case_organisation_idx`,
    `create index access_grant_case_user_idx on access_grant (grantee_user_id, valid_until) include (record_id, region_code, valid_from, record_municipalities)
      where record_type = 'case' and revoked_at is null and grantee_user_id is not null`,
    `create index access_grant_case_organisation_idx on access_grant (grantee_organisation_id, valid_until) include (record_id, region_code, valid_from, record_municipalities)
      where record_type = 'case' and revoked_at is null and grantee_organisation_id is not null`,
  ]);
}
