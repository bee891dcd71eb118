import type { ColumnType, Generated } from 'kysely';

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

export interface Database {
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
}
