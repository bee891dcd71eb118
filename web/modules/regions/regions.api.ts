import type { Municipality, MunicipalityList, Organisation, OrganisationList } from '@server/modules/regions/regions.schema';
import { apiRequest, apiUrl } from '@web/core/api/client';
import type { OrganisationFilters } from './regions.rules';

const MAX_PAGE_SIZE = 100;
export const ORGANISATIONS_PAGE_SIZE = 20;

/** All municipalities of a region, following `next` links if a region ever has more than a page. */
export async function loadMunicipalities(region: string, signal: AbortSignal): Promise<Municipality[]> {
  const all: Municipality[] = [];
  let url: string | undefined = apiUrl('/municipalities', { region, page: 1, pageSize: MAX_PAGE_SIZE });
  while (url) {
    const page: MunicipalityList = await apiRequest<MunicipalityList>(url, { signal });
    all.push(...page._embedded.municipalities);
    url = page._links.next?.href;
  }
  return all;
}

export function organisationsUrl(region: string, filters: OrganisationFilters): string {
  return apiUrl('/organisations', {
    region,
    type: filters.type,
    municipality: filters.municipality,
    page: filters.page,
    pageSize: ORGANISATIONS_PAGE_SIZE,
  });
}

export async function loadOrganisations(url: string, signal: AbortSignal): Promise<OrganisationList> {
  return apiRequest<OrganisationList>(url, { signal });
}

/** All organisations of a region (e.g. for a choice in a form), following `next` links. */
export async function loadAllOrganisations(region: string, signal: AbortSignal): Promise<Organisation[]> {
  const all: Organisation[] = [];
  let url: string | undefined = apiUrl('/organisations', { region, page: 1, pageSize: MAX_PAGE_SIZE });
  while (url) {
    const page: OrganisationList = await apiRequest<OrganisationList>(url, { signal });
    all.push(...page._embedded.organisations);
    url = page._links.next?.href;
  }
  return all;
}
