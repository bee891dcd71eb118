import type { ColumnType, Generated } from 'kysely';
import type { CaseTables } from './schema.cases';

/**
 * Table types for Kysely. The migrations in ./migrations are the truth; this file
 * mirrors them. Every table that holds region data carries `region_code`.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface RegionTable {
  code: string;
  name: string;
  inhabitants_source: string;
  settings: ColumnType<RegionSettingsColumn, string, string>;
  config_hash: string;
  loaded_at: Timestamp;
}

export interface RegionSettingsColumn {
  timezone: string;
  defaultLocale: 'nl' | 'en';
  smallCellThreshold: number;
  legalBases?: { code: string; label: { nl: string; en: string } }[];
  places?: Record<string, string>;
  duplicateWindowDays?: number;
  caseSources?: { code: string; label: { nl: string; en: string } }[];
  caseDeadlines?: { assessmentWorkingDays: number; handoverWorkingDays: number; tableWorkingDays: number };
  caseSharing?: Partial<Record<string, string[]>>;
  tableGrantHoursAfterSession?: number;
  urgentConsultationGrantHours?: number;
}

export interface MunicipalityTable {
  region_code: string;
  code: string;
  name: string;
  inhabitants: number;
}

export interface OrganisationTable {
  id: Generated<string>;
  region_code: string;
  key: string;
  name: string;
  type: string;
  description: string;
  municipality_code: string | null;
  source: string;
  origin: 'config' | 'demo';
  created_at: Generated<Date>;
}

export interface AccessibilityReportTable {
  id: Generated<string>;
  region_code: string;
  reference: string;
  page_path: string | null;
  description: string;
  created_at: Generated<Date>;
}

export interface DemoRunTable {
  id: Generated<number>;
  seed: number;
  params: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
}

export interface AppUserTable {
  id: Generated<string>;
  region_code: string;
  organisation_id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  oidc_subject: string | null;
  all_municipalities: Generated<boolean>;
  active: Generated<boolean>;
  is_demo: Generated<boolean>;
  last_login_at: Date | null;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface UserMunicipalityTable {
  user_id: string;
  region_code: string;
  municipality_code: string;
}

export interface RecoveryCodeTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

export interface UserSessionTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  second_factor_done: Generated<boolean>;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  ended_at: Date | null;
  client_address: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  expires_at: Date;
  created_by: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface AccessGrantTable {
  id: Generated<string>;
  region_code: string;
  record_type: string;
  record_id: string;
  grantee_user_id: string | null;
  grantee_organisation_id: string | null;
  purpose: string;
  legal_basis: string;
  valid_from: ColumnType<Date, Date | string | undefined, Date | string>;
  valid_until: ColumnType<Date, Date | string, Date | string>;
  granted_by: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
  revoked_by: string | null;
  /** What made the grant (a table invitation, an urgent consultation, a track), to extend or revoke it with it. */
  source_type: ColumnType<string | null, string | null | undefined, string | null>;
  source_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The case's municipalities, kept by the database (migration 0014) so the case list finds the grants outside a scope index only. */
  record_municipalities: ColumnType<string[] | null, never, never>;
  /** Kept by the database (migration 0018): the case is in the grantee organisation's own municipality. */
  in_grantee_municipality: ColumnType<boolean, never, never>;
}

export interface AccessLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  region_code: string | null;
  user_id: string | null;
  role: string | null;
  organisation_id: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  subjects: ColumnType<string[], string[] | undefined, never>;
  purpose: string | null;
  grant_id: string | null;
  client_address: string | null;
  user_agent: string | null;
  request_id: string | null;
  outcome: string;
  reason: string | null;
  /** Set once by seal_access_log() (the hash chain). */
  seq: ColumnType<number | null, never, never>;
  prev_hash: ColumnType<string | null, never, never>;
  hash: ColumnType<string | null, never, never>;
}

export interface OidcFlowTable {
  /** SHA-256 of the state parameter. */
  id: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}

export interface InstallationSecretTable {
  name: string;
  value: string;
  created_at: Generated<Date>;
}

export interface MailOutboxTable {
  id: Generated<string>;
  region_code: string | null;
  purpose: string;
  recipient: string;
  subject: string;
  text_body: string;
  high_priority: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Generated<Date>;
  next_attempt_at: Timestamp;
  locked_until: Date | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_attempt_at: Date | null;
  last_error: string | null;
  sent_at: Date | null;
  message_id: string | null;
  failed_at: Date | null;
}

export interface OnCallShiftTable {
  id: Generated<string>;
  region_code: string;
  user_id: string;
  channel: ColumnType<'email', 'email' | undefined, 'email'>;
  address: string | null;
  note: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface AlertTable {
  id: Generated<string>;
  region_code: string;
  signal_id: string;
  signal_reference: string;
  signal_received_at: Timestamp;
  municipalities: ColumnType<string[], string[] | undefined, string[]>;
  kind: ColumnType<'acute-signal', 'acute-signal' | undefined, 'acute-signal'>;
  nobody_on_call: boolean;
  created_at: Timestamp;
  acknowledged_at: Date | null;
}

export interface AlertRecipientTable {
  id: Generated<string>;
  alert_id: string;
  user_id: string | null;
  shift_id: string | null;
  address: string;
  fallback: ColumnType<boolean, boolean | undefined, boolean>;
  outbox_id: string;
}

export interface AlertAcknowledgementTable {
  id: Generated<string>;
  alert_id: string;
  user_id: string;
  at: Timestamp;
}

export type SignalChannel = 'public-form' | 'professional' | 'mailbox' | 'mma' | 'watch' | 'phone' | 'other';
export type SignalStatus = 'new' | 'in-triage' | 'forwarded' | 'merged' | 'closed';

export interface SignalTable {
  id: Generated<string>;
  region_code: string;
  reference: string;
  channel: SignalChannel;
  submission_key: string | null;
  source_id: string | null;
  status: ColumnType<SignalStatus, SignalStatus | undefined, SignalStatus>;
  acute: ColumnType<boolean, boolean | undefined, boolean>;
  forms: ColumnType<string[], string[] | undefined, string[]>;
  indicators: ColumnType<string[], string[] | undefined, string[]>;
  summary: string;
  period_from: ColumnType<Date | null, string | null | undefined, string | null>;
  period_until: ColumnType<Date | null, string | null | undefined, string | null>;
  meldcode_applies: boolean | null;
  anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  reporter_name: string | null;
  reporter_email: string | null;
  reporter_phone: string | null;
  reporter_organisation: string | null;
  language: ColumnType<string, string | undefined, string>;
  submitted_by: string | null;
  follow_up_hash: string | null;
  follow_up_sealed: string | null;
  challenge_hash: string | null;
  merged_into: string | null;
  closed_reason: string | null;
  received_at: Timestamp;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  version: ColumnType<number, number | undefined, number>;
}

export interface SignalMunicipalityTable {
  signal_id: string;
  municipality_code: string;
  derived: ColumnType<boolean, boolean | undefined, boolean>;
}

export type SignalPersonRole = 'victim' | 'suspect' | 'witness' | 'reporter' | 'other';

export interface SignalPersonTable {
  id: Generated<string>;
  signal_id: string;
  role: SignalPersonRole;
  name: string | null;
  alias: string | null;
  phone: string | null;
  email: string | null;
  approximate_age: number | null;
  nationality: string | null;
  bsn: string | null;
  description: string | null;
}

export interface SignalBusinessTable {
  id: Generated<string>;
  signal_id: string;
  name: string | null;
  kvk_number: string | null;
  address: string | null;
  sector: string | null;
}

export interface SignalLocationTable {
  id: Generated<string>;
  signal_id: string;
  description: string | null;
  street: string | null;
  house_number: string | null;
  postcode: string | null;
  place: string | null;
  municipality_code: string | null;
}

export interface SignalVehicleTable {
  id: Generated<string>;
  signal_id: string;
  license_plate: string | null;
  description: string | null;
}

export type SignalKeyKind = 'phone' | 'address' | 'person' | 'business' | 'vehicle';

export interface SignalKeyTable {
  signal_id: string;
  region_code: string;
  kind: SignalKeyKind;
  value: string;
  received_at: Timestamp;
}

export interface SignalAttachmentTable {
  id: Generated<string>;
  region_code: string;
  submission_key: string | null;
  signal_id: string | null;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  created_at: Generated<Date>;
}

export interface SignalLinkTable {
  id: Generated<string>;
  region_code: string;
  signal_id: string;
  other_signal_id: string;
  kind: 'related' | 'merged';
  reason: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface SignalAdditionTable {
  id: Generated<string>;
  signal_id: string;
  text: string;
  created_at: Generated<Date>;
}

export interface SignalEventTable {
  id: Generated<string>;
  signal_id: string;
  region_code: string;
  at: Generated<Date>;
  actor_user_id: string | null;
  kind: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export type ImportSource = 'mma' | 'watch';
export type ImportStatus = 'analysed' | 'running' | 'done' | 'failed' | 'expired';

export interface ImportBatchTable {
  id: Generated<string>;
  region_code: string;
  source: ImportSource;
  file_name: string;
  sha256: string;
  size_bytes: number;
  encoding: string | null;
  status: ImportStatus;
  content: Uint8Array | null;
  total_rows: ColumnType<number, number | undefined, number>;
  processed_rows: ColumnType<number, number | undefined, number>;
  created_count: ColumnType<number, number | undefined, number>;
  updated_count: ColumnType<number, number | undefined, number>;
  unchanged_count: ColumnType<number, number | undefined, number>;
  rejected_count: ColumnType<number, number | undefined, number>;
  report: ColumnType<Record<string, unknown>, string | undefined, string>;
  error: string | null;
  origin: 'web' | 'cli';
  created_by: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  heartbeat_at: Date | null;
  finished_at: Date | null;
}

export interface ImportRecordTable {
  region_code: string;
  channel: SignalChannel;
  source_id: string;
  signal_id: string;
  fingerprint: string;
  field_hashes: ColumnType<Record<string, string>, string | undefined, string>;
  import_id: string;
  line: number;
  updated_at: Generated<Date>;
}

export type MailboxSource = 'imap' | 'upload' | 'drop';
export type MailboxStatus = 'pending' | 'recorded' | 'parse-error';

export interface MailboxMessageTable {
  id: Generated<string>;
  region_code: string;
  message_key: string;
  message_id: string | null;
  source: MailboxSource;
  raw: Uint8Array;
  raw_sha256: string;
  size_bytes: number;
  raw_truncated: ColumnType<boolean, boolean | undefined, boolean>;
  subject: string | null;
  sent_at: Date | null;
  status: ColumnType<MailboxStatus, MailboxStatus | undefined, MailboxStatus>;
  parse_error: string | null;
  parse_detail: string | null;
  parse_attempts: ColumnType<number, number | undefined, number>;
  forwarded: ColumnType<boolean, boolean | undefined, boolean>;
  skipped_attachments: ColumnType<number, number | undefined, number>;
  signal_id: string | null;
  uploaded_by: string | null;
  imap_uid: number | null;
  received_at: Generated<Date>;
  processed_at: Date | null;
}

export interface MailboxPollerTable {
  region_code: string;
  holder: string | null;
  lease_until: Date | null;
  uid_validity: number | null;
  last_uid: ColumnType<number, number | undefined, number>;
  last_poll_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
}

export interface Database extends CaseTables {
  region: RegionTable;
  municipality: MunicipalityTable;
  organisation: OrganisationTable;
  accessibility_report: AccessibilityReportTable;
  demo_run: DemoRunTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_municipality: UserMunicipalityTable;
  recovery_code: RecoveryCodeTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  access_grant: AccessGrantTable;
  access_log: AccessLogTable;
  oidc_flow: OidcFlowTable;
  installation_secret: InstallationSecretTable;
  mail_outbox: MailOutboxTable;
  on_call_shift: OnCallShiftTable;
  alert: AlertTable;
  alert_recipient: AlertRecipientTable;
  alert_acknowledgement: AlertAcknowledgementTable;
  signal: SignalTable;
  signal_municipality: SignalMunicipalityTable;
  signal_person: SignalPersonTable;
  signal_business: SignalBusinessTable;
  signal_location: SignalLocationTable;
  signal_vehicle: SignalVehicleTable;
  signal_key: SignalKeyTable;
  signal_attachment: SignalAttachmentTable;
  signal_link: SignalLinkTable;
  signal_addition: SignalAdditionTable;
  signal_event: SignalEventTable;
  mailbox_message: MailboxMessageTable;
  mailbox_poller: MailboxPollerTable;
  import_batch: ImportBatchTable;
  import_record: ImportRecordTable;
}
