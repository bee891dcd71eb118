import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * The search index of migration 0012 once more, for the open cases only (issue #6, acceptance 6;
 * docs/performance.md "case-list").
 *
 * Most cases of an installation are closed (87 % in the benchmark data), and a trigram match is
 * rechecked on the case row. A search within the open cases (the status filter "open", and every
 * overdue filter) otherwise visits the closed matches too, only to drop them; this index holds
 * only the open ones, so it visits an eighth of them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create index if not exists case_file_scope_search_open_idx on case_file using gin (municipalities, (lower(reference || ' ' || title)) gin_trgm_ops) where status <> 'closed'`,
  ]);
}
