import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0009 (cases, tracks, the weighing-and-monitoring table, spoed-MDO, notifications). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateColumn = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string | undefined, string>;
type Versioned = ColumnType<number, number | undefined, number>;

export type CaseStatus = 'enrichment' | 'put-forward' | 'monitoring' | 'closed';
export type CaseAssessment = 'local-help' | 'acute-care' | 'table' | 'close';
export type TrackKind = 'care' | 'care-criminal' | 'undermining' | 'administrative' | 'local-help';
export type TrackMeasure = 'closure' | 'bibob' | 'permit' | 'other';
export type TrackStatus = 'open' | 'closed';
export type ActionStatus = 'open' | 'done' | 'cancelled';
export type HandoverStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';
export type InterventionAuthority = 'police-om' | 'mayor' | 'care-coordinator';
export type TableSessionStatus = 'planned' | 'held' | 'confirmed' | 'cancelled';
export type AgendaItemKind = 'discussion' | 'monitoring';
export type UrgentConsultationStatus = 'open' | 'advised';

export interface CaseFileTable {
  id: Generated<string>;
  region_code: string;
  reference: string;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  forms: ColumnType<string[], string[] | undefined, string[]>;
  acute: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<CaseStatus, CaseStatus | undefined, CaseStatus>;
  lead_municipality_code: string;
  municipalities: string[];
  assigned_to: string | null;
  assessment: CaseAssessment | null;
  assessment_reason: string | null;
  assessed_at: Date | null;
  assessed_by: string | null;
  assessment_due: DateColumn | null;
  next_due: DateColumn | null;
  closed_reason_code: string | null;
  closed_reason: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Versioned;
}

export interface CaseMunicipalityTable {
  case_id: string;
  municipality_code: string;
  region_code: string;
  lead: ColumnType<boolean, boolean | undefined, boolean>;
  open: ColumnType<boolean, boolean | undefined, boolean>;
  next_due: DateColumn | null;
  created_at: Generated<Date>;
  /** The case's creation time, filled by the database (migration 0017): the work list's second sort key. */
  case_created_at: ColumnType<Date | null, never, never>;
}

/** Cases per region and set of municipalities, kept by triggers on case_file (migration 0015): the work list's total. */
export interface CaseScopeTallyTable {
  region_code: string;
  municipalities: string[];
  open_cases: number;
  all_cases: number;
}

export interface CaseSignalTable {
  case_id: string;
  signal_id: string;
  joined_by: string | null;
  joined_at: Generated<Date>;
}

export interface CaseSourceCheckTable {
  id: Generated<string>;
  case_id: string;
  region_code: string;
  source_code: string;
  consulted_on: DateColumn;
  finding: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface CaseConsultationTable {
  id: Generated<string>;
  case_id: string;
  region_code: string;
  organisation_id: string;
  consulted_on: DateColumn;
  summary: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface CaseHandoverTable {
  id: Generated<string>;
  case_id: string;
  region_code: string;
  from_municipality_code: string;
  to_municipality_code: string;
  reason: string;
  status: ColumnType<HandoverStatus, HandoverStatus | undefined, HandoverStatus>;
  due_on: DateColumn;
  requested_by: string | null;
  requested_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  /** Whether the receiving municipality was involved before the request (it is added so it can read the case; a decline removes it again only if not). */
  to_was_involved: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CaseTrackTable {
  id: Generated<string>;
  case_id: string;
  region_code: string;
  kind: TrackKind;
  measure: TrackMeasure | null;
  owner_organisation_id: string;
  status: ColumnType<TrackStatus, TrackStatus | undefined, TrackStatus>;
  note: ColumnType<string, string | undefined, string>;
  decision_id: string | null;
  opened_by: string | null;
  opened_at: Generated<Date>;
  closed_reason: string | null;
  closed_by: string | null;
  closed_at: Date | null;
  version: Versioned;
}

export interface TrackActionTable {
  id: Generated<string>;
  track_id: string;
  case_id: string;
  region_code: string;
  description: string;
  owner_user_id: string | null;
  owner_organisation_id: string | null;
  due_on: DateColumn;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  created_by: string | null;
  created_at: Generated<Date>;
  completed_by: string | null;
  completed_at: Date | null;
  version: Versioned;
}

export interface AcuteInterventionTable {
  id: Generated<string>;
  case_id: string;
  region_code: string;
  authority: InterventionAuthority;
  organisation_id: string;
  acted_at: Timestamp;
  description: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface CaseEventTable {
  id: Generated<string>;
  case_id: string;
  region_code: string;
  at: Timestamp;
  actor_user_id: string | null;
  kind: string;
  field_group: string;
  detail: Json<Record<string, unknown>>;
}

export interface TableSessionTable {
  id: Generated<string>;
  region_code: string;
  reference: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  location: ColumnType<string, string | undefined, string>;
  chair_user_id: string | null;
  status: ColumnType<TableSessionStatus, TableSessionStatus | undefined, TableSessionStatus>;
  grant_hours_after: number;
  minutes_confirmed_at: Date | null;
  minutes_confirmed_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  version: Versioned;
}

export interface TableAgendaItemTable {
  id: Generated<string>;
  session_id: string;
  case_id: string;
  region_code: string;
  position: number;
  kind: AgendaItemKind;
  added_by: string | null;
  added_at: Generated<Date>;
  summary: ColumnType<string, string | undefined, string>;
  summary_by: string | null;
  summary_at: Date | null;
}

export interface TableInvitationTable {
  id: Generated<string>;
  session_id: string;
  region_code: string;
  organisation_id: string;
  legal_basis: string;
  case_ids: string[] | null;
  invited_by: string | null;
  invited_at: Generated<Date>;
}

export interface TableAttendanceTable {
  session_id: string;
  organisation_id: string;
  present: boolean;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface TableDecisionTable {
  id: Generated<string>;
  session_id: string;
  agenda_item_id: string;
  case_id: string;
  region_code: string;
  text: string;
  track_ids: ColumnType<string[], string[] | undefined, never>;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface TableMinutesAmendmentTable {
  id: Generated<string>;
  session_id: string;
  region_code: string;
  text: string;
  amended_by: string | null;
  amended_at: Generated<Date>;
}

export interface PartnerLegalBasisTable {
  region_code: string;
  organisation_id: string;
  legal_basis: string;
  note: ColumnType<string, string | undefined, string>;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface UrgentConsultationTable {
  id: Generated<string>;
  case_id: string;
  region_code: string;
  question: string;
  status: ColumnType<UrgentConsultationStatus, UrgentConsultationStatus | undefined, UrgentConsultationStatus>;
  grant_until: Timestamp;
  opened_by: string | null;
  opened_at: Generated<Date>;
  advice: string | null;
  advised_by: string | null;
  advised_at: Date | null;
  version: Versioned;
}

export interface UrgentConsultationInviteeTable {
  consultation_id: string;
  organisation_id: string;
  legal_basis: string;
}

export interface UrgentConsultationContributionTable {
  id: Generated<string>;
  consultation_id: string;
  region_code: string;
  author_user_id: string | null;
  organisation_id: string | null;
  text: string;
  at: Generated<Date>;
}

export interface NotificationTable {
  id: Generated<string>;
  region_code: string;
  user_id: string;
  kind: string;
  record_type: string;
  record_id: string;
  reference: string;
  created_at: Generated<Date>;
  read_at: Date | null;
}

export interface CaseTables {
  case_file: CaseFileTable;
  case_municipality: CaseMunicipalityTable;
  case_scope_tally: CaseScopeTallyTable;
  case_signal: CaseSignalTable;
  case_source_check: CaseSourceCheckTable;
  case_consultation: CaseConsultationTable;
  case_handover: CaseHandoverTable;
  case_track: CaseTrackTable;
  track_action: TrackActionTable;
  acute_intervention: AcuteInterventionTable;
  case_event: CaseEventTable;
  table_session: TableSessionTable;
  table_agenda_item: TableAgendaItemTable;
  table_invitation: TableInvitationTable;
  table_attendance: TableAttendanceTable;
  table_decision: TableDecisionTable;
  table_minutes_amendment: TableMinutesAmendmentTable;
  partner_legal_basis: PartnerLegalBasisTable;
  urgent_consultation: UrgentConsultationTable;
  urgent_consultation_invitee: UrgentConsultationInviteeTable;
  urgent_consultation_contribution: UrgentConsultationContributionTable;
  notification: NotificationTable;
}
