import type { Organisation } from '@server/modules/regions/regions.schema';
import { useTranslation } from 'react-i18next';
import { type Resource, useResource } from '@web/core/api/useResource';
import { loadMunicipalities } from '@web/modules/regions';
import { type CaseCatalogue, type LegalBasisList, loadCaseCatalogue, loadLegalBases, loadOrganisations, loadRegionLegalBases } from './weegtafel.api';

type LegalBasisOptions = Awaited<ReturnType<typeof loadRegionLegalBases>>;

/** The organisations of the region, for the invitation and owner choices. */
export function useOrganisations(region: string): Resource<Organisation[]> {
  return useResource(region ? `table-organisations:${region}` : null, (signal) => loadOrganisations(region, signal));
}

/** The legal bases of the region (public settings), so anyone can read the label of a code. */
export function useRegionLegalBases(region: string): Resource<LegalBasisOptions> {
  return useResource(region ? `legal-bases:${region}` : null, (signal) => loadRegionLegalBases(region, signal));
}

/** What the partners recorded for themselves (only for the roles that may read it: pass false otherwise). */
export function usePartnerLegalBases(enabled: boolean): Resource<LegalBasisList> {
  return useResource(enabled ? 'partner-legal-bases' : null, (signal) => loadLegalBases(signal));
}

export function useCaseCatalogue(enabled: boolean): Resource<CaseCatalogue> {
  return useResource(enabled ? 'case-catalogue' : null, (signal) => loadCaseCatalogue(signal));
}

/** The label of a legal basis in the interface language; the code when the region no longer lists it. */
export function useLegalBasisLabel(options: LegalBasisOptions | undefined): (code: string) => string {
  const { i18n } = useTranslation();
  return (code) => {
    const found = options?.find((option) => option.code === code);
    if (!found) return code;
    return i18n.language === 'en' ? found.label.en : found.label.nl;
  };
}

/** A municipality's name by its CBS code (the code itself until the list is loaded). */
export function useMunicipalityName(region: string): (code: string) => string {
  const municipalities = useResource(region ? `municipalities:${region}` : null, (signal) => loadMunicipalities(region, signal));
  const names = new Map(municipalities.status === 'ready' ? municipalities.data.map((m) => [m.code, m.name]) : []);
  return (code) => names.get(code) ?? code;
}
