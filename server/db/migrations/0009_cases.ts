import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * From signal to tracks (issue #6): cases, their enrichment and consultations, hand-overs
 * between municipalities, tracks with actions, acute interventions, the weighing-and-monitoring
 * table (sessions, agenda, invitations, attendance, decisions, minutes), the urgent
 * consultation (spoed-MDO) and in-app notifications.
 *
 * Need to know goes through `access_grant` (migration 0003): an invitation to a table session,
 * an urgent consultation or the ownership of a track gives an organisation a grant on exactly
 * that case, with the legal basis it recorded and an end; `source_type`/`source_id` say which
 * invitation or track made the grant, so it can be extended or revoked with it.
 *
 * Decisions, amendments, contributions and timeline events are append-only (a trigger refuses
 * update and delete); a discussion summary cannot change once the minutes are confirmed.
 * `case_municipality` carries the case's status and nearest deadline, so a work list filtered
 * by municipality scope is one index range in deadline order, however many cases there are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table access_grant add column source_type text`,
    `alter table access_grant add column source_id uuid`,
    `create index access_grant_source_idx on access_grant (source_type, source_id) where source_type is not null`,
    `create index access_grant_grantee_idx on access_grant (record_type, grantee_organisation_id, valid_until) where revoked_at is null`,
    `create index access_grant_user_idx on access_grant (record_type, grantee_user_id, valid_until) where revoked_at is null`,

    `create function refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'append-only: % on % is not allowed', tg_op, tg_table_name using errcode = '55000';
      end $$`,

    // --- cases -----------------------------------------------------------------------------
    `create sequence case_number_seq`,
    `create table case_file (
      id uuid primary key default gen_random_uuid(),
      region_code text not null references region (code),
      reference text not null unique,
      title text not null,
      summary text not null default '',
      forms text[] not null default '{}',
      acute boolean not null default false,
      status text not null default 'enrichment' check (status in ('enrichment', 'put-forward', 'monitoring', 'closed')),
      lead_municipality_code text not null,
      municipalities text[] not null,
      assigned_to uuid references app_user (id),
      assessment text check (assessment in ('local-help', 'acute-care', 'table', 'close')),
      assessment_reason text,
      assessed_at timestamptz,
      assessed_by uuid references app_user (id),
      assessment_due date,
      next_due date,
      closed_reason_code text,
      closed_reason text,
      closed_at timestamptz,
      closed_by uuid references app_user (id),
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`,
    `create index case_file_open_idx on case_file (region_code, next_due, id) where status <> 'closed'`,
    `create index case_file_region_idx on case_file (region_code, created_at desc)`,
    `create extension if not exists pg_trgm`,
    `create index case_file_search_idx on case_file using gin ((lower(reference || ' ' || title)) gin_trgm_ops)`,
    `create index case_file_assigned_idx on case_file (assigned_to, next_due) where status <> 'closed'`,
    `create table case_municipality (
      case_id uuid not null references case_file (id) on delete cascade,
      municipality_code text not null,
      region_code text not null,
      lead boolean not null default false,
      open boolean not null default true,
      next_due date,
      created_at timestamptz not null default now(),
      primary key (case_id, municipality_code)
    )`,
    `create index case_municipality_worklist_idx on case_municipality (municipality_code, open, next_due, case_id)`,
    `create table case_signal (
      case_id uuid not null references case_file (id) on delete cascade,
      signal_id uuid not null unique references signal (id),
      joined_by uuid references app_user (id),
      joined_at timestamptz not null default now(),
      primary key (case_id, signal_id)
    )`,
    `create table case_source_check (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references case_file (id) on delete cascade,
      region_code text not null,
      source_code text not null,
      consulted_on date not null,
      finding text not null,
      recorded_by uuid references app_user (id),
      recorded_at timestamptz not null default now()
    )`,
    `create index case_source_check_case_idx on case_source_check (case_id)`,
    `create table case_consultation (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references case_file (id) on delete cascade,
      region_code text not null,
      organisation_id uuid not null references organisation (id),
      consulted_on date not null,
      summary text not null,
      recorded_by uuid references app_user (id),
      recorded_at timestamptz not null default now()
    )`,
    `create index case_consultation_case_idx on case_consultation (case_id)`,
    `create table case_handover (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references case_file (id) on delete cascade,
      region_code text not null,
      from_municipality_code text not null,
      to_municipality_code text not null,
      reason text not null,
      status text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'withdrawn')),
      due_on date not null,
      requested_by uuid references app_user (id),
      requested_at timestamptz not null default now(),
      decided_by uuid references app_user (id),
      decided_at timestamptz,
      decision_note text,
      to_was_involved boolean not null default false,
      check (from_municipality_code <> to_municipality_code)
    )`,
    `create unique index case_handover_pending_idx on case_handover (case_id) where status = 'pending'`,
    `create index case_handover_to_idx on case_handover (to_municipality_code, status)`,
    `create table case_track (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references case_file (id) on delete cascade,
      region_code text not null,
      kind text not null check (kind in ('care', 'care-criminal', 'undermining', 'administrative', 'local-help')),
      measure text check (measure in ('closure', 'bibob', 'permit', 'other')),
      owner_organisation_id uuid not null references organisation (id),
      status text not null default 'open' check (status in ('open', 'closed')),
      note text not null default '',
      decision_id uuid,
      opened_by uuid references app_user (id),
      opened_at timestamptz not null default now(),
      closed_reason text,
      closed_by uuid references app_user (id),
      closed_at timestamptz,
      version integer not null default 1,
      check (status = 'open' or closed_reason is not null)
    )`,
    `create index case_track_case_idx on case_track (case_id)`,
    `create index case_track_owner_idx on case_track (owner_organisation_id, status)`,
    `create table track_action (
      id uuid primary key default gen_random_uuid(),
      track_id uuid not null references case_track (id) on delete cascade,
      case_id uuid not null references case_file (id) on delete cascade,
      region_code text not null,
      description text not null,
      owner_user_id uuid references app_user (id),
      owner_organisation_id uuid references organisation (id),
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      completed_by uuid references app_user (id),
      completed_at timestamptz,
      version integer not null default 1,
      check (num_nonnulls(owner_user_id, owner_organisation_id) >= 1)
    )`,
    `create index track_action_track_idx on track_action (track_id)`,
    `create index track_action_user_idx on track_action (owner_user_id, due_on) where status = 'open'`,
    `create index track_action_org_idx on track_action (owner_organisation_id, due_on) where status = 'open'`,
    `create table acute_intervention (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references case_file (id) on delete cascade,
      region_code text not null,
      authority text not null check (authority in ('police-om', 'mayor', 'care-coordinator')),
      organisation_id uuid not null references organisation (id),
      acted_at timestamptz not null,
      description text not null,
      recorded_by uuid references app_user (id),
      recorded_at timestamptz not null default now()
    )`,
    `create index acute_intervention_case_idx on acute_intervention (case_id)`,
    `create table case_event (
      id bigserial primary key,
      case_id uuid not null references case_file (id) on delete cascade,
      region_code text not null,
      at timestamptz not null default now(),
      actor_user_id uuid references app_user (id),
      kind text not null,
      field_group text not null,
      detail jsonb not null default '{}'
    )`,
    `create index case_event_case_idx on case_event (case_id, at)`,
    `create trigger case_event_append_only before update on case_event for each row execute function refuse_change()`,

    // --- the weighing-and-monitoring table -------------------------------------------------
    `create sequence table_session_number_seq`,
    `create table table_session (
      id uuid primary key default gen_random_uuid(),
      region_code text not null references region (code),
      reference text not null unique,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      location text not null default '',
      chair_user_id uuid references app_user (id),
      status text not null default 'planned' check (status in ('planned', 'held', 'confirmed', 'cancelled')),
      grant_hours_after integer not null,
      minutes_confirmed_at timestamptz,
      minutes_confirmed_by uuid references app_user (id),
      created_by uuid references app_user (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check (ends_at > starts_at)
    )`,
    `create index table_session_region_idx on table_session (region_code, starts_at desc)`,
    `create table table_agenda_item (
      id uuid primary key default gen_random_uuid(),
      session_id uuid not null references table_session (id) on delete cascade,
      case_id uuid not null references case_file (id) on delete cascade,
      region_code text not null,
      position integer not null,
      kind text not null check (kind in ('discussion', 'monitoring')),
      added_by uuid references app_user (id),
      added_at timestamptz not null default now(),
      summary text not null default '',
      summary_by uuid references app_user (id),
      summary_at timestamptz,
      unique (session_id, case_id)
    )`,
    `create index table_agenda_item_case_idx on table_agenda_item (case_id)`,
    `create table table_invitation (
      id uuid primary key default gen_random_uuid(),
      session_id uuid not null references table_session (id) on delete cascade,
      region_code text not null,
      organisation_id uuid not null references organisation (id),
      legal_basis text not null,
      case_ids uuid[],
      invited_by uuid references app_user (id),
      invited_at timestamptz not null default now(),
      unique (session_id, organisation_id)
    )`,
    `create table table_attendance (
      session_id uuid not null references table_session (id) on delete cascade,
      organisation_id uuid not null references organisation (id),
      present boolean not null,
      recorded_by uuid references app_user (id),
      recorded_at timestamptz not null default now(),
      primary key (session_id, organisation_id)
    )`,
    `create table table_decision (
      id uuid primary key default gen_random_uuid(),
      session_id uuid not null references table_session (id),
      agenda_item_id uuid not null references table_agenda_item (id),
      case_id uuid not null references case_file (id),
      region_code text not null,
      text text not null,
      track_ids uuid[] not null default '{}',
      recorded_by uuid references app_user (id),
      recorded_at timestamptz not null default now()
    )`,
    `create index table_decision_session_idx on table_decision (session_id)`,
    `create index table_decision_case_idx on table_decision (case_id)`,
    `create trigger table_decision_append_only before update or delete on table_decision for each row execute function refuse_change()`,
    `create table table_minutes_amendment (
      id uuid primary key default gen_random_uuid(),
      session_id uuid not null references table_session (id),
      region_code text not null,
      text text not null,
      amended_by uuid references app_user (id),
      amended_at timestamptz not null default now()
    )`,
    `create trigger table_minutes_amendment_append_only before update or delete on table_minutes_amendment for each row execute function refuse_change()`,
    // Once the minutes are confirmed, what they record stays as it was: only amendments add to it.
    `create function refuse_change_after_minutes() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from table_session s where s.id = old.session_id and s.status = 'confirmed') then
          raise exception 'minutes confirmed: % on % is not allowed', tg_op, tg_table_name using errcode = '55000';
        end if;
        return coalesce(new, old);
      end $$`,
    `create trigger table_agenda_item_minutes before update or delete on table_agenda_item for each row execute function refuse_change_after_minutes()`,
    `create trigger table_attendance_minutes before update or delete on table_attendance for each row execute function refuse_change_after_minutes()`,
    `create table partner_legal_basis (
      region_code text not null references region (code),
      organisation_id uuid not null references organisation (id),
      legal_basis text not null,
      note text not null default '',
      recorded_by uuid references app_user (id),
      recorded_at timestamptz not null default now(),
      primary key (region_code, organisation_id)
    )`,

    // --- urgent consultation (spoed-MDO) -------------------------------------------------
    `create table urgent_consultation (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references case_file (id) on delete cascade,
      region_code text not null,
      question text not null,
      status text not null default 'open' check (status in ('open', 'advised')),
      grant_until timestamptz not null,
      opened_by uuid references app_user (id),
      opened_at timestamptz not null default now(),
      advice text,
      advised_by uuid references app_user (id),
      advised_at timestamptz,
      version integer not null default 1
    )`,
    `create index urgent_consultation_case_idx on urgent_consultation (case_id)`,
    `create table urgent_consultation_invitee (
      consultation_id uuid not null references urgent_consultation (id) on delete cascade,
      organisation_id uuid not null references organisation (id),
      legal_basis text not null,
      primary key (consultation_id, organisation_id)
    )`,
    `create table urgent_consultation_contribution (
      id uuid primary key default gen_random_uuid(),
      consultation_id uuid not null references urgent_consultation (id),
      region_code text not null,
      author_user_id uuid references app_user (id),
      organisation_id uuid references organisation (id),
      text text not null,
      at timestamptz not null default now()
    )`,
    `create index urgent_consultation_contribution_idx on urgent_consultation_contribution (consultation_id, at)`,
    `create trigger urgent_consultation_contribution_append_only before update or delete on urgent_consultation_contribution for each row execute function refuse_change()`,

    // --- notifications (in the app; mail goes through mail_outbox) --------------------------
    `create table notification (
      id uuid primary key default gen_random_uuid(),
      region_code text not null,
      user_id uuid not null references app_user (id) on delete cascade,
      kind text not null,
      record_type text not null,
      record_id uuid not null,
      reference text not null,
      created_at timestamptz not null default now(),
      read_at timestamptz
    )`,
    `create index notification_user_idx on notification (user_id, created_at desc)`,
  ]);
}
