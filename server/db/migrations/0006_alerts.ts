import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * The acute alert and the 24/7 reachability roster, and the mail outbox they send through.
 *
 * `mail_outbox` is generic (server/core/mail): a mail is written in the same transaction as the
 * change that causes it, and a worker in every app server delivers it over SMTP, claiming rows
 * with FOR UPDATE SKIP LOCKED and a lease (`locked_until`), retrying with backoff. A mail in the
 * outbox never holds personal data: only what the recipient needs and a link into Schakel.
 *
 * `on_call_shift` is the roster: who is on call in a region from when until when, and where to
 * reach them. `alert` is raised once per acute signal and keeps what it shows of the signal
 * (reference, time received, municipalities at that moment: no personal data), so the alerts
 * screen never reads the signal tables; `alert_recipient` says whom it was sent to
 * (copied at that moment, so later roster edits do not rewrite history) and which outbox mail
 * carried it; `alert_acknowledgement` records who picked it up and when.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table mail_outbox (
      id uuid primary key default gen_random_uuid(),
      region_code text references region (code),
      purpose text not null,
      recipient text not null,
      subject text not null,
      text_body text not null,
      high_priority boolean not null default false,
      created_at timestamptz not null default now(),
      next_attempt_at timestamptz not null default now(),
      locked_until timestamptz,
      attempts integer not null default 0,
      last_attempt_at timestamptz,
      last_error text,
      sent_at timestamptz,
      message_id text,
      failed_at timestamptz
    )`,
    `create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where sent_at is null and failed_at is null`,
    `create table on_call_shift (
      id uuid primary key default gen_random_uuid(),
      region_code text not null references region (code),
      user_id uuid not null references app_user (id),
      channel text not null default 'email' check (channel in ('email')),
      address text check (address is null or (address = lower(address) and address like '%_@_%')),
      note text,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      updated_by uuid references app_user (id),
      updated_at timestamptz not null default now(),
      check (ends_at > starts_at)
    )`,
    `create index on_call_shift_period_idx on on_call_shift (region_code, starts_at, ends_at)`,
    `create index on_call_shift_user_idx on on_call_shift (user_id, starts_at)`,
    `create table alert (
      id uuid primary key default gen_random_uuid(),
      region_code text not null references region (code),
      signal_id uuid not null unique references signal (id) on delete cascade,
      signal_reference text not null,
      signal_received_at timestamptz not null,
      municipalities text[] not null default '{}',
      kind text not null default 'acute-signal' check (kind in ('acute-signal')),
      nobody_on_call boolean not null,
      created_at timestamptz not null default now(),
      acknowledged_at timestamptz
    )`,
    `create index alert_region_created_idx on alert (region_code, created_at desc)`,
    `create index alert_open_idx on alert (region_code, created_at desc) where acknowledged_at is null`,
    `create table alert_recipient (
      id uuid primary key default gen_random_uuid(),
      alert_id uuid not null references alert (id) on delete cascade,
      user_id uuid references app_user (id),
      shift_id uuid references on_call_shift (id) on delete set null,
      address text not null,
      fallback boolean not null default false,
      outbox_id uuid not null references mail_outbox (id),
      check (fallback or user_id is not null)
    )`,
    `create index alert_recipient_alert_idx on alert_recipient (alert_id)`,
    `create index alert_recipient_user_idx on alert_recipient (user_id)`,
    `create table alert_acknowledgement (
      id uuid primary key default gen_random_uuid(),
      alert_id uuid not null references alert (id) on delete cascade,
      user_id uuid not null references app_user (id),
      at timestamptz not null default now(),
      unique (alert_id, user_id)
    )`,
  ]);
}
