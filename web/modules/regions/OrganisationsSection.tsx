import type { Municipality, Region } from '@server/modules/regions/regions.schema';
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useResource } from '@web/core/api/useResource';
import { Pagination } from '@web/core/components/Pagination';
import { EmptyState, ErrorState } from '@web/core/components/States';
import { intlLocale, isLanguage } from '@web/core/i18n';
import { loadOrganisations, organisationsUrl } from './regions.api';
import { OrganisationFilterForm } from './OrganisationFilterForm';
import { OrganisationList } from './OrganisationList';
import { hasActiveFilters, type OrganisationFilters, organisationFiltersSearch, parseOrganisationFilters } from './regions.rules';

export function OrganisationsSection({ region, municipalities }: { region: Region; municipalities: readonly Municipality[] }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(isLanguage(i18n.language) ? i18n.language : 'nl');
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const filters = parseOrganisationFilters(search);
  const url = organisationsUrl(region.code, filters);
  const organisations = useResource(url, (signal) => loadOrganisations(url, signal));

  // On another page of results, start reading at the section heading again.
  const heading = useRef<HTMLHeadingElement>(null);
  const shownPage = useRef(filters.page);
  useEffect(() => {
    if (shownPage.current === filters.page) return;
    shownPage.current = filters.page;
    heading.current?.focus();
  }, [filters.page]);

  const apply = (next: OrganisationFilters) => void navigate({ search: organisationFiltersSearch(next) });
  const ready = organisations.status === 'ready' ? organisations.data : undefined;

  let summary = '';
  if (organisations.status === 'loading') summary = t('states.loading');
  if (ready) {
    summary =
      ready.page.totalElements === 0
        ? t('regions.organisations.noneFound')
        : `${t('regions.organisations.found', { count: ready.page.totalElements })} ${t('regions.organisations.pageOf', {
            page: ready.page.number,
            total: ready.page.totalPages,
          })}`;
  }

  return (
    <section aria-labelledby="organisations-heading" className="schakel-section">
      <Heading2 id="organisations-heading" ref={heading} tabIndex={-1}>
        {t('regions.organisations.heading')}
      </Heading2>
      <Paragraph>{t('regions.organisations.intro')}</Paragraph>
      <OrganisationFilterForm
        key={search.toString()}
        filters={filters}
        municipalities={municipalities}
        locale={locale}
        onApply={apply}
      />
      <p
        className="schakel-results-summary"
        role="status"
        data-testid="organisations-summary"
        data-state={organisations.status}
        data-search={organisationFiltersSearch(filters)}
      >
        {summary}
      </p>
      {organisations.status === 'error' ? <ErrorState error={organisations.error} onRetry={organisations.retry} /> : null}
      {ready && ready._embedded.organisations.length > 0 ? (
        <>
          <OrganisationList organisations={ready._embedded.organisations} municipalities={municipalities} />
          <Pagination
            page={ready.page.number}
            totalPages={ready.page.totalPages}
            hrefFor={(page) => ({ search: organisationFiltersSearch({ ...filters, page }) })}
            label={t('regions.organisations.pagination')}
          />
        </>
      ) : null}
      {ready && ready._embedded.organisations.length === 0 ? (
        <EmptyState>
          {ready.page.totalElements > 0 ? (
            <>
              <Paragraph>{t('regions.organisations.pageOutOfRange')}</Paragraph>
              <Link to={{ search: organisationFiltersSearch({ ...filters, page: 1 }) }} className="utrecht-link utrecht-link--html-a">
                {t('regions.organisations.firstPage')}
              </Link>
            </>
          ) : (
            <>
              <Paragraph>{t(hasActiveFilters(filters) ? 'regions.organisations.emptyFiltered' : 'regions.organisations.empty')}</Paragraph>
              {hasActiveFilters(filters) ? (
                <Link to={{ search: '' }} className="utrecht-link utrecht-link--html-a">
                  {t('regions.organisations.filters.clear')}
                </Link>
              ) : null}
            </>
          )}
        </EmptyState>
      ) : null}
    </section>
  );
}
