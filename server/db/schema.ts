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

export interface Database {
  region: RegionTable;
  municipality: MunicipalityTable;
  organisation: OrganisationTable;
  accessibility_report: AccessibilityReportTable;
  demo_run: DemoRunTable;
}
