import type { Municipality, Organisation } from '@server/modules/regions/regions.schema';
import { type Resource, useResource } from '@web/core/api/useResource';
import { loadAllOrganisations, loadMunicipalities } from '@web/modules/regions';

export interface RegionChoices {
  organisations: Resource<Organisation[]>;
  municipalities: Resource<Municipality[]>;
}

/** The organisations and municipalities of the administrator's region, for the choices in the form. */
export function useRegionChoices(region: string): RegionChoices {
  const organisations = useResource(`organisations-all:${region}`, (signal) => loadAllOrganisations(region, signal));
  const municipalities = useResource(`municipalities:${region}`, (signal) => loadMunicipalities(region, signal));
  return { organisations, municipalities };
}
