import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * The work-list rows carry the case's creation time, and are indexed in the work list's own order
 * (issue #6, acceptance 6; docs/performance.md "case-list").
 *
 * The work list is the open cases of a user's municipalities, nearest deadline first, then oldest.
 * It walked the region's open cases in deadline order and kept those of the scope: for a small
 * municipality (Eemnes holds 3 % of its region's open cases) that is thirty cases read for every one
 * shown. With this index each municipality of the scope gives its first page straight from the
 * index, in the same order (deadline, then the case's creation time, then its id), and the pages
 * are merged.
 *
 * `case_created_at` is filled by the database from the case when the row is written (a case's
 * creation time never changes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table case_municipality add column case_created_at timestamptz`,
    `update case_municipality m set case_created_at = c.created_at from case_file c where c.id = m.case_id`,
    `create function case_municipality_created_at() returns trigger language plpgsql as $$
      begin
        -- A value that comes with the row (an import of an export) is kept.
        if new.case_created_at is null then
          select c.created_at into new.case_created_at from case_file c where c.id = new.case_id;
        end if;
        return new;
      end $$`,
    `create trigger case_municipality_created_at before insert on case_municipality for each row execute function case_municipality_created_at()`,
    `create index case_municipality_due_idx on case_municipality (municipality_code, next_due, case_created_at, case_id) where open`,
  ]);
}
