import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * The regional mailbox: every e-mail that reaches Schakel (IMAP, .eml upload, drop folder) is
 * kept raw before it is parsed, idempotent on its Message-ID (or the SHA-256 of the raw bytes
 * when it has none), and linked to the signal it became. A message that cannot be parsed stays
 * here with a parse error for the ketenregisseur — nothing is dropped.
 * `mailbox_poller` is the lease that lets one app server at a time read the IMAP folder, and
 * remembers how far it read (UIDVALIDITY and the last UID).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table mailbox_message (
      id uuid primary key default gen_random_uuid(),
      region_code text not null references region (code),
      message_key text not null,
      message_id text,
      source text not null check (source in ('imap', 'upload', 'drop')),
      raw bytea not null,
      raw_sha256 text not null,
      size_bytes integer not null,
      raw_truncated boolean not null default false,
      subject text,
      sent_at timestamptz,
      status text not null default 'pending' check (status in ('pending', 'recorded', 'parse-error')),
      parse_error text,
      parse_detail text,
      parse_attempts integer not null default 0,
      forwarded boolean not null default false,
      skipped_attachments integer not null default 0,
      signal_id uuid references signal (id) on delete set null,
      uploaded_by uuid references app_user (id),
      imap_uid bigint,
      received_at timestamptz not null default now(),
      processed_at timestamptz,
      unique (region_code, message_key)
    )`,
    `create index mailbox_message_received_idx on mailbox_message (region_code, received_at desc)`,
    `create index mailbox_message_open_idx on mailbox_message (region_code, status, received_at desc) where status <> 'recorded'`,
    `create index mailbox_message_signal_idx on mailbox_message (signal_id) where signal_id is not null`,
    `create table mailbox_poller (
      region_code text primary key references region (code),
      holder text,
      lease_until timestamptz,
      uid_validity bigint,
      last_uid bigint not null default 0,
      last_poll_at timestamptz,
      last_success_at timestamptz,
      last_error text,
      last_error_at timestamptz
    )`,
  ]);
}
