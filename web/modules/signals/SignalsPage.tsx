import { Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useResource } from '@web/core/api/useResource';
import { PageHeading } from '@web/core/components/PageHeading';
import { Pagination } from '@web/core/components/Pagination';
import { EmptyState, ErrorState } from '@web/core/components/States';
import { useSession } from '@web/core/session';
import { loadQueue, queueUrl } from './signals.api';
import { hasActiveQueueFilters, newSignalPath, parseQueueFilters, type QueueFilters, queueFiltersSearch, queueKind } from './signals.rules';
import { QueueFilterForm } from './QueueFilterForm';
import { SignalTable } from './SignalTable';
import { useMunicipalities } from './useMunicipalities';

/**
 * The triage queue: acute first, then oldest. Whoever sees only their own signals (a
 * signaleerder) gets "Mijn signalen" with their status. Filters live in the URL as codes only.
 */
export function SignalsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const kind = queueKind(me);
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const filters = parseQueueFilters(search);
  const url = queueUrl(filters, kind);
  const signals = useResource(url, (signal) => loadQueue(url, signal));
  const municipalities = useMunicipalities(me?.region ?? '');
  const names = new Map(municipalities.status === 'ready' ? municipalities.data.map((m) => [m.code, m.name]) : []);
  const apply = (next: QueueFilters) => void navigate({ search: queueFiltersSearch(next) });

  const summaryRef = useRef<HTMLParagraphElement>(null);
  const shownPage = useRef(filters.page);
  useEffect(() => {
    if (shownPage.current === filters.page) return;
    shownPage.current = filters.page;
    summaryRef.current?.focus();
  }, [filters.page]);

  const ready = signals.status === 'ready' ? signals.data : undefined;
  const rows = ready?._embedded.signals ?? [];
  let summary = '';
  if (signals.status === 'loading') summary = t('states.loading');
  if (ready) {
    summary =
      ready.page.totalElements === 0
        ? t('signals.queue.noneFound')
        : [
            t('signals.queue.found', { count: ready.page.totalElements }),
            t('regions.organisations.pageOf', { page: ready.page.number, total: ready.page.totalPages }),
            kind === 'triage'
              ? t('signals.queue.onPage', { acute: rows.filter((row) => row.acute).length, duplicates: rows.filter((row) => row.likelyDuplicates).length })
              : t('signals.queue.onPageAcute', { acute: rows.filter((row) => row.acute).length }),
          ].join(' ');
  }
  const filtered = hasActiveQueueFilters(filters);
  const title = t(kind === 'triage' ? 'signals.queue.title' : 'signals.queue.myTitle');

  return (
    <>
      <PageHeading title={title} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t(kind === 'triage' ? 'signals.queue.lead' : 'signals.queue.myLead')}
      </Paragraph>
      <p>
        <Link to={newSignalPath} className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" data-testid="report-signal">
          {t('nav.reportSignal')}
        </Link>
      </p>
      <QueueFilterForm key={search.toString()} kind={kind} filters={filters} municipalities={municipalities.status === 'ready' ? municipalities.data : []} onApply={apply} />
      <p
        ref={summaryRef}
        tabIndex={-1}
        className="schakel-results-summary"
        role="status"
        data-testid="signals-summary"
        data-state={signals.status}
        data-search={queueFiltersSearch(filters)}
      >
        {summary}
      </p>
      {signals.status === 'error' ? <ErrorState error={signals.error} onRetry={signals.retry} /> : null}
      {rows.length > 0 && ready ? (
        <>
          <SignalTable signals={rows} kind={kind} municipalityNames={names} />
          <Pagination
            page={ready.page.number}
            totalPages={ready.page.totalPages}
            hrefFor={(page) => ({ search: queueFiltersSearch({ ...filters, page }) })}
            label={t('signals.queue.pagination')}
          />
        </>
      ) : null}
      {ready && rows.length === 0 ? (
        <EmptyState>
          <Paragraph>{t(filtered ? 'signals.queue.emptyFiltered' : kind === 'triage' ? 'signals.queue.empty' : 'signals.queue.myEmpty')}</Paragraph>
        </EmptyState>
      ) : null}
    </>
  );
}
