import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * Accounts, sessions, API tokens, need-to-know grants and the access log (NEN 7513).
 * The access log is append-only: a trigger refuses UPDATE and DELETE, and each row carries
 * the SHA-256 of the previous row's hash and its own content (a hash chain).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table app_user (
      id uuid primary key default gen_random_uuid(),
      region_code text not null references region (code),
      organisation_id uuid not null references organisation (id),
      email text not null check (email = lower(email) and email like '%@%'),
      display_name text not null,
      password_hash text,
      totp_secret text,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      oidc_subject text,
      all_municipalities boolean not null default false,
      active boolean not null default true,
      is_demo boolean not null default false,
      last_login_at timestamptz,
      failed_attempts integer not null default 0,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (email),
      unique (oidc_subject)
    )`,
    `create table user_role (
      user_id uuid not null references app_user (id) on delete cascade,
      role text not null,
      primary key (user_id, role)
    )`,
    `create table user_municipality (
      user_id uuid not null references app_user (id) on delete cascade,
      region_code text not null,
      municipality_code text not null,
      primary key (user_id, municipality_code),
      foreign key (region_code, municipality_code) references municipality (region_code, code)
    )`,
    `create table recovery_code (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user (id) on delete cascade,
      code_hash text not null,
      used_at timestamptz
    )`,
    `create table user_session (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      user_id uuid not null references app_user (id) on delete cascade,
      csrf_token text not null,
      second_factor_done boolean not null default false,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ended_at timestamptz,
      client_address text,
      user_agent text
    )`,
    `create index user_session_active on user_session (user_id) where ended_at is null`,
    `create table api_token (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user (id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      scopes text[] not null,
      expires_at timestamptz not null,
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      last_used_at timestamptz
    )`,
    `create table access_grant (
      id uuid primary key default gen_random_uuid(),
      region_code text not null references region (code),
      record_type text not null,
      record_id text not null,
      grantee_user_id uuid references app_user (id),
      grantee_organisation_id uuid references organisation (id),
      purpose text not null,
      legal_basis text not null,
      valid_from timestamptz not null default now(),
      valid_until timestamptz not null,
      granted_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by uuid references app_user (id),
      check (num_nonnulls(grantee_user_id, grantee_organisation_id) = 1),
      check (valid_until > valid_from)
    )`,
    `create index access_grant_record on access_grant (record_type, record_id)`,
    `create table access_log (
      id bigserial primary key,
      at timestamptz not null default clock_timestamp(),
      region_code text,
      user_id uuid,
      role text,
      organisation_id uuid,
      action text not null,
      record_type text,
      record_id text,
      subjects text[] not null default '{}',
      purpose text,
      grant_id uuid,
      client_address text,
      user_agent text,
      request_id text,
      outcome text not null,
      reason text,
      prev_hash text not null,
      hash text not null
    )`,
    `create index access_log_at on access_log (at)`,
    `create index access_log_user on access_log (user_id, at)`,
    `create index access_log_record on access_log (record_type, record_id)`,
    `create function access_log_payload(l access_log) returns text language sql immutable as $$
      -- Every field in a fixed position (NULL as empty), so no two rows share a payload.
      select concat_ws('|', l.id::text, to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        coalesce(l.region_code, ''), coalesce(l.user_id::text, ''), coalesce(l.role, ''), coalesce(l.organisation_id::text, ''),
        l.action, coalesce(l.record_type, ''), coalesce(l.record_id, ''), array_to_string(l.subjects, ','), coalesce(l.purpose, ''),
        coalesce(l.grant_id::text, ''), coalesce(l.client_address, ''), coalesce(l.user_agent, ''), coalesce(l.request_id, ''),
        l.outcome, coalesce(l.reason, ''))
    $$`,
    `create function access_log_chain() returns trigger language plpgsql as $$
    declare
      previous text;
    begin
      -- One writer at a time, so the chain follows the id order across app servers.
      perform pg_advisory_xact_lock(7513);
      select hash into previous from access_log order by id desc limit 1;
      new.prev_hash := coalesce(previous, '');
      new.hash := encode(sha256(convert_to(new.prev_hash || '|' || access_log_payload(new), 'UTF8')), 'hex');
      return new;
    end
    $$`,
    `create trigger access_log_chain before insert on access_log for each row execute function access_log_chain()`,
    `create function access_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'access_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end
    $$`,
    `create trigger access_log_no_update before update or delete on access_log for each row execute function access_log_append_only()`,
    `create trigger access_log_no_truncate before truncate on access_log for each statement execute function access_log_append_only()`,
  ]);
}
