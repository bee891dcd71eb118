import type { OrganisationTable } from '@server/db/schema';
import type { Selectable } from 'kysely';
import type { MunicipalityRow, RegionRow } from './regions.repository';
import { type Municipality, type Organisation, type OrganisationType, type Region, regionSettingsSchema } from './regions.schema';

export function presentRegion(row: RegionRow, defaultRegion: string): Region {
  return {
    code: row.code,
    name: row.name,
    isDefault: row.code === defaultRegion,
    inhabitants: Number(row.inhabitants),
    inhabitantsSource: row.inhabitants_source,
    municipalityCount: Number(row.municipality_count),
    // Settings stored before a field existed get its default.
    settings: regionSettingsSchema.parse(row.settings),
  };
}

export function presentMunicipality(row: MunicipalityRow): Municipality {
  return { code: row.code, name: row.name, inhabitants: row.inhabitants, region: row.region_code };
}

export function presentOrganisation(row: Selectable<OrganisationTable>): Organisation {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    type: row.type as OrganisationType,
    description: row.description,
    municipality: row.municipality_code,
    region: row.region_code,
    source: row.source,
    fictional: row.origin === 'demo',
  };
}
