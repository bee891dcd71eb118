import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * The meldpunt: signals from every channel, the persons, businesses, locations and vehicles they
 * name, attachments (stored with a hash), duplicate keys, links and merges, and a timeline.
 * A signal is committed before the reporter gets a reference; `submission_key` (the SHA-256 of the
 * client's submissionId) makes submission idempotent, `(region_code, channel, source_id)` makes
 * imports and the mailbox idempotent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create sequence signal_number_seq`,
    `create table installation_secret (
      name text primary key,
      value text not null,
      created_at timestamptz not null default now()
    )`,
    `create table signal (
      id uuid primary key default gen_random_uuid(),
      region_code text not null references region (code),
      reference text not null unique,
      channel text not null check (channel in ('public-form', 'professional', 'mailbox', 'mma', 'watch', 'phone', 'other')),
      submission_key text unique,
      source_id text,
      status text not null default 'new' check (status in ('new', 'in-triage', 'forwarded', 'merged', 'closed')),
      acute boolean not null default false,
      forms text[] not null default '{}',
      indicators text[] not null default '{}',
      summary text not null,
      period_from date,
      period_until date,
      meldcode_applies boolean,
      anonymous boolean not null default true,
      reporter_name text,
      reporter_email text,
      reporter_phone text,
      reporter_organisation text,
      language text not null default 'nl',
      submitted_by uuid references app_user (id),
      follow_up_hash text unique,
      follow_up_sealed text,
      challenge_hash text unique,
      merged_into uuid references signal (id),
      closed_reason text,
      received_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      unique (region_code, channel, source_id)
    )`,
    `create index signal_queue_idx on signal (region_code, acute desc, received_at) where status in ('new', 'in-triage')`,
    `create index signal_region_received_idx on signal (region_code, received_at desc)`,
    `create index signal_submitted_by_idx on signal (submitted_by, received_at desc) where submitted_by is not null`,
    `create table signal_municipality (
      signal_id uuid not null references signal (id) on delete cascade,
      municipality_code text not null,
      derived boolean not null default false,
      primary key (signal_id, municipality_code)
    )`,
    `create index signal_municipality_code_idx on signal_municipality (municipality_code, signal_id)`,
    `create table signal_person (
      id uuid primary key default gen_random_uuid(),
      signal_id uuid not null references signal (id) on delete cascade,
      role text not null check (role in ('victim', 'suspect', 'witness', 'reporter', 'other')),
      name text,
      alias text,
      phone text,
      email text,
      approximate_age integer,
      nationality text,
      bsn text,
      description text
    )`,
    `create index signal_person_signal_idx on signal_person (signal_id)`,
    `create table signal_business (
      id uuid primary key default gen_random_uuid(),
      signal_id uuid not null references signal (id) on delete cascade,
      name text,
      kvk_number text,
      address text,
      sector text
    )`,
    `create index signal_business_signal_idx on signal_business (signal_id)`,
    `create table signal_location (
      id uuid primary key default gen_random_uuid(),
      signal_id uuid not null references signal (id) on delete cascade,
      description text,
      street text,
      house_number text,
      postcode text,
      place text,
      municipality_code text
    )`,
    `create index signal_location_signal_idx on signal_location (signal_id)`,
    `create table signal_vehicle (
      id uuid primary key default gen_random_uuid(),
      signal_id uuid not null references signal (id) on delete cascade,
      license_plate text,
      description text
    )`,
    `create index signal_vehicle_signal_idx on signal_vehicle (signal_id)`,
    `create table signal_key (
      signal_id uuid not null references signal (id) on delete cascade,
      region_code text not null,
      kind text not null check (kind in ('phone', 'address', 'person', 'business', 'vehicle')),
      value text not null,
      received_at timestamptz not null,
      primary key (signal_id, kind, value)
    )`,
    `create index signal_key_lookup_idx on signal_key (region_code, kind, value, received_at)`,
    `create table signal_attachment (
      id uuid primary key default gen_random_uuid(),
      region_code text not null references region (code),
      submission_key text,
      signal_id uuid references signal (id) on delete cascade,
      file_name text not null,
      media_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      content bytea not null,
      created_at timestamptz not null default now()
    )`,
    `create index signal_attachment_signal_idx on signal_attachment (signal_id)`,
    `create index signal_attachment_submission_idx on signal_attachment (submission_key) where signal_id is null`,
    `create table signal_link (
      id uuid primary key default gen_random_uuid(),
      region_code text not null,
      signal_id uuid not null references signal (id) on delete cascade,
      other_signal_id uuid not null references signal (id) on delete cascade,
      kind text not null check (kind in ('related', 'merged')),
      reason text not null,
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      unique (signal_id, other_signal_id),
      check (signal_id <> other_signal_id)
    )`,
    `create index signal_link_other_idx on signal_link (other_signal_id)`,
    `create table signal_addition (
      id uuid primary key default gen_random_uuid(),
      signal_id uuid not null references signal (id) on delete cascade,
      text text not null,
      created_at timestamptz not null default now()
    )`,
    `create index signal_addition_signal_idx on signal_addition (signal_id)`,
    `create table signal_event (
      id bigserial primary key,
      signal_id uuid not null references signal (id) on delete cascade,
      region_code text not null,
      at timestamptz not null default now(),
      actor_user_id uuid references app_user (id),
      kind text not null,
      detail jsonb not null default '{}'
    )`,
    `create index signal_event_signal_idx on signal_event (signal_id, at)`,
  ]);
}
