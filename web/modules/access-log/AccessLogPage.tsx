import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useResource } from '@web/core/api/useResource';
import { PageHeading } from '@web/core/components/PageHeading';
import { Pagination } from '@web/core/components/Pagination';
import { ErrorState } from '@web/core/components/States';
import { accessLogExportUrl, accessLogUrl, loadAccessLog } from './access-log.api';
import { type AccessLogFilters, accessLogFiltersSearch, hasActiveFilters, parseAccessLogFilters } from './access-log.rules';
import { AccessLogFilterForm } from './AccessLogFilterForm';
import { AccessLogTable } from './AccessLogTable';
import { ChainStatus } from './ChainStatus';

/** The privacy officer's view of who saw or changed what, when and from where (NEN 7513). */
export function AccessLogPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const filters = parseAccessLogFilters(search);
  const url = accessLogUrl(filters);
  const entries = useResource(url, (signal) => loadAccessLog(url, signal));
  const apply = (next: AccessLogFilters) => void navigate({ search: accessLogFiltersSearch(next) });

  const heading = useRef<HTMLHeadingElement>(null);
  const shownPage = useRef(filters.page);
  useEffect(() => {
    if (shownPage.current === filters.page) return;
    shownPage.current = filters.page;
    heading.current?.focus();
  }, [filters.page]);

  const ready = entries.status === 'ready' ? entries.data : undefined;
  let summary = '';
  if (entries.status === 'loading') summary = t('states.loading');
  if (ready) {
    summary =
      ready.page.totalElements === 0
        ? t('accessLog.results.noneFound')
        : `${t('accessLog.results.found', { count: ready.page.totalElements })} ${t('regions.organisations.pageOf', {
            page: ready.page.number,
            total: ready.page.totalPages,
          })}`;
  }

  return (
    <>
      <PageHeading title={t('accessLog.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('accessLog.lead')}
      </Paragraph>
      <ChainStatus />
      <section className="schakel-section" aria-labelledby="log-results-heading">
        <Heading2 id="log-results-heading" ref={heading} tabIndex={-1}>
          {t('accessLog.results.heading')}
        </Heading2>
        <AccessLogFilterForm key={search.toString()} filters={filters} onApply={apply} />
        <div className="schakel-log-summary">
          <p
            className="schakel-results-summary"
            role="status"
            data-testid="access-log-summary"
            data-state={entries.status}
            data-search={accessLogFiltersSearch(filters)}
          >
            {summary}
          </p>
          {ready && ready.page.totalElements > 0 ? (
            <a
              className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
              href={accessLogExportUrl(filters)}
              download
              data-testid="access-log-export"
            >
              {t(hasActiveFilters(filters) ? 'accessLog.results.exportFiltered' : 'accessLog.results.export')}
            </a>
          ) : null}
        </div>
        {entries.status === 'error' ? <ErrorState error={entries.error} onRetry={entries.retry} /> : null}
        {ready ? (
          <AccessLogTable
            entries={ready._embedded.entries}
            empty={t(hasActiveFilters(filters) ? 'accessLog.results.emptyFiltered' : 'accessLog.results.empty')}
          />
        ) : null}
        {ready && ready._embedded.entries.length > 0 ? (
          <Pagination
            page={ready.page.number}
            totalPages={ready.page.totalPages}
            hrefFor={(page) => ({ search: accessLogFiltersSearch({ ...filters, page }) })}
            label={t('accessLog.results.pagination')}
          />
        ) : null}
      </section>
    </>
  );
}
