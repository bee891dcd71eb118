import type { Municipality, OrganisationType } from '@server/modules/regions/regions.schema';

/**
 * Every organisation type, in the order of the chain (enforcement, table partners, care, others).
 * A Record keyed by the server's type makes tsc fail when the server adds a type we do not show.
 */
const typeOrder: Record<OrganisationType, number> = {
  police: 1,
  'public-prosecution': 2,
  'zorg-en-veiligheidshuis': 3,
  riec: 4,
  'veilig-thuis': 5,
  'care-coordination': 6,
  'care-provider': 7,
  shelter: 8,
  'legal-aid': 9,
  inspection: 10,
  municipality: 11,
  'regional-body': 12,
  'national-centre': 13,
  other: 14,
};

export const organisationTypes = (Object.keys(typeOrder) as OrganisationType[]).sort((a, b) => typeOrder[a] - typeOrder[b]);

export function isOrganisationType(value: unknown): value is OrganisationType {
  return typeof value === 'string' && Object.hasOwn(typeOrder, value);
}

export function totalInhabitants(municipalities: readonly Municipality[]): number {
  return municipalities.reduce((sum, municipality) => sum + municipality.inhabitants, 0);
}

export function sortByName<T extends { name: string }>(items: readonly T[], locale: string): T[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return [...items].sort((a, b) => collator.compare(a.name, b.name));
}

// --- Filters of the organisation list, kept in the page URL ------------------------------------

export interface OrganisationFilters {
  type?: OrganisationType;
  municipality?: string;
  page: number;
}

/** Query parameters of /regio, in Dutch like the route. */
const param = { type: 'soort', municipality: 'gemeente', page: 'pagina' } as const;
const MUNICIPALITY_CODE = /^GM\d{4}$/;

/** Reads the filters from the URL; unknown or malformed values are ignored rather than sent on. */
export function parseOrganisationFilters(search: URLSearchParams): OrganisationFilters {
  const type = search.get(param.type);
  const municipality = search.get(param.municipality);
  const page = Number(search.get(param.page) ?? '1');
  return {
    ...(isOrganisationType(type) ? { type } : {}),
    ...(municipality && MUNICIPALITY_CODE.test(municipality) ? { municipality } : {}),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The URL search string for filters; page 1 and empty filters are left out. */
export function organisationFiltersSearch(filters: OrganisationFilters): string {
  const search = new URLSearchParams();
  if (filters.type) search.set(param.type, filters.type);
  if (filters.municipality) search.set(param.municipality, filters.municipality);
  if (filters.page > 1) search.set(param.page, String(filters.page));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function hasActiveFilters(filters: OrganisationFilters): boolean {
  return Boolean(filters.type ?? filters.municipality);
}
