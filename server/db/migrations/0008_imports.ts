import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * Imports of the periodic exports of Meld Misdaad Anoniem and Watch Nederland.
 * `import_batch` is one uploaded file: its hash, the dry-run result, the progress of the import
 * and the counts (the import history). The file itself is kept only until it is imported or
 * abandoned. `import_record` remembers, per source id, which signal it became and a fingerprint
 * of its content, so a re-import can tell unchanged rows from changed ones without reading the
 * signals. (import_id names the batch without a foreign key: the batch row gets progress updates
 * from another connection while the import inserts, and a key check per row would contend with them.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table import_batch (
      id uuid primary key default gen_random_uuid(),
      region_code text not null references region (code),
      source text not null check (source in ('mma', 'watch')),
      file_name text not null,
      sha256 text not null,
      size_bytes integer not null,
      encoding text,
      status text not null check (status in ('analysed', 'running', 'done', 'failed', 'expired')),
      content bytea,
      total_rows integer not null default 0,
      processed_rows integer not null default 0,
      created_count integer not null default 0,
      updated_count integer not null default 0,
      unchanged_count integer not null default 0,
      rejected_count integer not null default 0,
      report jsonb not null default '{}',
      error text,
      origin text not null check (origin in ('web', 'cli')),
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      started_at timestamptz,
      heartbeat_at timestamptz,
      finished_at timestamptz
    )`,
    `create index import_batch_region_idx on import_batch (region_code, created_at desc)`,
    `create table import_record (
      region_code text not null,
      channel text not null,
      source_id text not null,
      signal_id uuid not null references signal (id) on delete cascade,
      fingerprint text not null,
      field_hashes jsonb not null default '{}',
      import_id uuid not null,
      line integer not null,
      updated_at timestamptz not null default now(),
      primary key (region_code, channel, source_id)
    )`,
    `create index import_record_signal_idx on import_record (signal_id)`,
  ]);
}
