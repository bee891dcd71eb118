import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * The case search of a municipal user (issue #6, acceptance 6; docs/performance.md "case-list").
 *
 * One GIN index over the case's municipalities and the trigrams of its reference and title: a
 * text search within a scope (`municipalities && …` and `… like '%text%'`) is answered inside one
 * index scan, which walks the trigram entries and checks the municipality entries only at those
 * cases. Before, the trigram bitmap met a bitmap of every case of the scope (211,000 entries for
 * Zwolle and Dalfsen at a million cases), built on every request. Region-wide users and grants
 * keep using the trigram index of migration 0009.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`create index if not exists case_file_scope_search_idx on case_file using gin (municipalities, (lower(reference || ' ' || title)) gin_trgm_ops)`]);
}
