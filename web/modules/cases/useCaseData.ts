import type { Municipality, Organisation } from '@server/modules/regions/regions.schema';
import { useTranslation } from 'react-i18next';
import { type Resource, useResource } from '@web/core/api/useResource';
import { loadAllOrganisations, loadMunicipalities } from '@web/modules/regions';
import { type CaseCatalogue, loadCatalogue } from './cases.api';

let cached: Promise<CaseCatalogue> | undefined;

/** Statuses, decisions, the region's sources and deadlines from `GET /case-catalogue`, once per page load. */
export function useCaseCatalogue(): Resource<CaseCatalogue> {
  // Shared by every screen, so no single screen's abort may cancel it.
  return useResource('case-catalogue', async () => {
    cached ??= loadCatalogue().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  });
}

/** The label of a source in the interface language; an unknown code shows as itself. */
export function useSourceLabel(catalogue: Resource<CaseCatalogue>): (code: string) => string {
  const { i18n } = useTranslation();
  const sources = catalogue.status === 'ready' ? catalogue.data.sources : [];
  return (code) => {
    const source = sources.find((s) => s.code === code);
    return source ? (i18n.language === 'en' ? source.label.en : source.label.nl) : code;
  };
}

/** The municipalities of the user's region, for filters and choices. */
export function useCaseMunicipalities(region: string): Resource<Municipality[]> {
  return useResource(region ? `municipalities:${region}` : null, (signal) => loadMunicipalities(region, signal));
}

/** The organisations of the region, for the owner and consultation pickers. */
export function useOrganisations(region: string): Resource<Organisation[]> {
  return useResource(region ? `organisations:${region}` : null, (signal) => loadAllOrganisations(region, signal));
}

/** CBS code → name; the code itself while the names load. */
export function municipalityNamer(municipalities: Resource<Municipality[]>): (code: string) => string {
  const names = new Map(municipalities.status === 'ready' ? municipalities.data.map((m) => [m.code, m.name]) : []);
  return (code) => names.get(code) ?? code;
}
