import type { Municipality } from '@server/modules/regions/regions.schema';
import { type Resource, useResource } from '@web/core/api/useResource';
import { loadMunicipalities } from '@web/modules/regions';

/** The municipalities of the user's region, for filters and choices. */
export function useMunicipalities(region: string): Resource<Municipality[]> {
  return useResource(region ? `municipalities:${region}` : null, (signal) => loadMunicipalities(region, signal));
}
