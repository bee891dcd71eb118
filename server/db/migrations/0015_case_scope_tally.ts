import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * The number of cases per set of municipalities, kept by the database (issue #6, acceptance 6;
 * docs/performance.md "case-list").
 *
 * A work list shows its total. Counted from the work-list rows, that meant reading every open case
 * of the scope on every page (27,733 index entries for Zwolle and Dalfsen at a million cases, and a
 * sort to count a case in both municipalities once). The tally holds one row per region and set of
 * municipalities a case has (a few hundred at most: single municipalities and the pairs that occur),
 * with how many such cases there are and how many of them are open. The total of a scope is the sum
 * over the sets that overlap it: exact, each case once, and a handful of rows to read.
 *
 * Statement triggers with transition tables keep it in the same transaction as the change, one
 * upsert per statement (a bulk insert of 50,000 cases adds its groups once, not 50,000 times).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const upsert = (deltas: string) => `insert into case_scope_tally as t (region_code, municipalities, open_cases, all_cases)
      select region_code, municipalities, sum(open_delta)::int, sum(all_delta)::int from (${deltas}) d
      group by region_code, municipalities having sum(open_delta) <> 0 or sum(all_delta) <> 0 order by region_code, municipalities
    on conflict (region_code, municipalities) do update set open_cases = t.open_cases + excluded.open_cases, all_cases = t.all_cases + excluded.all_cases`;
  const added = `select region_code, municipalities, (status <> 'closed')::int as open_delta, 1 as all_delta from new_rows`;
  const removed = `select region_code, municipalities, -((status <> 'closed')::int) as open_delta, -1 as all_delta from old_rows`;
  const fn = (name: string, deltas: string) => `create function ${name}() returns trigger language plpgsql as $$
      begin
        ${upsert(deltas)};
        return null;
      end $$`;
  await runStatements(db, [
    `create table case_scope_tally (
      region_code text not null,
      municipalities text[] not null,
      open_cases int not null,
      all_cases int not null,
      primary key (region_code, municipalities)
    )`,
    upsert(`select region_code, municipalities, (status <> 'closed')::int as open_delta, 1 as all_delta from case_file`),
    fn('case_scope_tally_insert', added),
    fn('case_scope_tally_update', `${added} union all ${removed}`),
    fn('case_scope_tally_delete', removed),
    `create trigger case_scope_tally_insert after insert on case_file referencing new table as new_rows for each statement execute function case_scope_tally_insert()`,
    `create trigger case_scope_tally_update after update on case_file referencing old table as old_rows new table as new_rows for each statement execute function case_scope_tally_update()`,
    `create trigger case_scope_tally_delete after delete on case_file referencing old table as old_rows for each statement execute function case_scope_tally_delete()`,
  ]);
}
