import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/** Reports of accessibility problems, from the form on the accessibility statement page. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table accessibility_report (
          id uuid primary key default gen_random_uuid(),
          region_code text not null references region (code),
          reference text not null unique,
          page_path text,
          description text not null,
          created_at timestamptz not null default now()
        )`,
  ]);
}
