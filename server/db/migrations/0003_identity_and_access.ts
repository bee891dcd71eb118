import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * Accounts, sessions, API tokens, need-to-know grants and the access log (NEN 7513).
 * The access log is append-only: a trigger refuses UPDATE and DELETE (except sealing a row once),
 * and sealed rows carry the SHA-256 of the previous row's hash and their own content (a hash chain).
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
      seq bigint unique,
      prev_hash text,
      hash text
    )`,
    `create index access_log_at on access_log (at)`,
    `create index access_log_user on access_log (user_id, at)`,
    `create index access_log_record on access_log (record_type, record_id)`,
    `create index access_log_unsealed on access_log (id) where hash is null`,
    `create function access_log_payload(l access_log) returns text language sql immutable as $$
      -- Every field in a fixed position (NULL as empty), so no two rows share a payload.
      select concat_ws('|', l.seq::text, l.id::text, to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        coalesce(l.region_code, ''), coalesce(l.user_id::text, ''), coalesce(l.role, ''), coalesce(l.organisation_id::text, ''),
        l.action, coalesce(l.record_type, ''), coalesce(l.record_id, ''), array_to_string(l.subjects, ','), coalesce(l.purpose, ''),
        coalesce(l.grant_id::text, ''), coalesce(l.client_address, ''), coalesce(l.user_agent, ''), coalesce(l.request_id, ''),
        l.outcome, coalesce(l.reason, ''))
    $$`,
    /*
     * Sealing: writers insert without waiting for each other; a sealer (every app server runs it,
     * one at a time by advisory lock) gives unsealed rows the next sequence number and chains
     * them: hash = sha256(previous hash | payload). Rows that commit late are sealed in a later
     * batch, so no row is ever left out of the chain.
     */
    `create function seal_access_log(max_rows integer) returns integer language plpgsql as $$
    declare
      previous text;
      next_seq bigint;
      r access_log;
      sealed integer := 0;
    begin
      if not pg_try_advisory_xact_lock(7513) then
        return 0;
      end if;
      select hash, seq into previous, next_seq from access_log where seq is not null order by seq desc limit 1;
      previous := coalesce(previous, '');
      next_seq := coalesce(next_seq, 0);
      for r in select * from access_log where hash is null order by id limit max_rows loop
        next_seq := next_seq + 1;
        r.seq := next_seq;
        r.prev_hash := previous;
        r.hash := encode(sha256(convert_to(previous || '|' || access_log_payload(r), 'UTF8')), 'hex');
        update access_log set seq = r.seq, prev_hash = r.prev_hash, hash = r.hash where id = r.id;
        previous := r.hash;
        sealed := sealed + 1;
      end loop;
      return sealed;
    end
    $$`,
    `create function access_log_append_only() returns trigger language plpgsql as $$
    begin
      -- The only change allowed: sealing an unsealed row (setting seq, prev_hash and hash once).
      if tg_op = 'UPDATE' and old.hash is null and old.seq is null and new.hash is not null
        and (new.id, new.at, new.region_code, new.user_id, new.role, new.organisation_id, new.action, new.record_type,
             new.record_id, new.subjects, new.purpose, new.grant_id, new.client_address, new.user_agent, new.request_id,
             new.outcome, new.reason)
        is not distinct from
            (old.id, old.at, old.region_code, old.user_id, old.role, old.organisation_id, old.action, old.record_type,
             old.record_id, old.subjects, old.purpose, old.grant_id, old.client_address, old.user_agent, old.request_id,
             old.outcome, old.reason) then
        return new;
      end if;
      raise exception 'access_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end
    $$`,
    `create trigger access_log_no_update before update or delete on access_log for each row execute function access_log_append_only()`,
    `create trigger access_log_no_truncate before truncate on access_log for each statement execute function access_log_append_only()`,
  ]);
}
