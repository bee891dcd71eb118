import { useTranslation } from 'react-i18next';
import { type Resource, useResource } from '@web/core/api/useResource';
import { type IndicatorList, loadIndicators } from './signals.api';
import { type IndicatorCatalogue, labelIn } from './signals.rules';

let cached: Promise<IndicatorList> | undefined;

/** The forms of exploitation and indicators from `GET /signal-indicators`, loaded once per page load. */
export function useCatalogue(): Resource<IndicatorCatalogue> {
  // Shared by every screen, so no single screen's abort may cancel it.
  return useResource('signal-indicators', async () => {
    cached ??= loadIndicators().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return (await cached)._embedded;
  });
}

export interface CatalogueLabels {
  form(code: string): string;
  indicator(code: string): string;
}

/** Labels in the interface language; a code the catalogue does not know shows as itself. */
export function useCatalogueLabels(catalogue: Resource<IndicatorCatalogue>): CatalogueLabels {
  const { i18n } = useTranslation();
  const data = catalogue.status === 'ready' ? catalogue.data : undefined;
  return {
    form: (code) => labelIn(data?.forms.find((form) => form.code === code), i18n.language, code),
    indicator: (code) => labelIn(data?.indicators.find((indicator) => indicator.code === code), i18n.language, code),
  };
}
