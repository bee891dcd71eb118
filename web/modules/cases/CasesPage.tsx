import { Checkbox, FormLabel, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useResource } from '@web/core/api/useResource';
import { PageHeading } from '@web/core/components/PageHeading';
import { useFormat } from '@web/core/format';
import { Pagination } from '@web/core/components/Pagination';
import { EmptyState, ErrorState } from '@web/core/components/States';
import { useSession } from '@web/core/session';
import { BulkActions } from './BulkActions';
import { loadWorkList, searchCases, workListUrl } from './cases.api';
import { hasActiveFilters, myWorkPath, parseWorkListFilters, searchBody, type Selection, toggledAll, toggledSelection, type WorkListFilters, workListSearch, worksCases } from './cases.rules';
import { CaseFilterForm } from './CaseFilterForm';
import { CaseSearchForm } from './CaseSearchForm';
import { CaseTable } from './CaseTable';
import { MyWorkCount } from './MyWorkCount';
import { municipalityNamer, useCaseMunicipalities } from './useCaseData';

/**
 * The work list: the cases the user may see, nearest deadline first. Filters live in the URL as
 * codes; the search text only in this page's memory (it goes in a POST body). Case workers
 * select rows for bulk actions; partners with a grant see only their granted cases.
 */
export function CasesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const filters = parseWorkListFilters(search);
  const [text, setText] = useState<string>();
  const [round, setRound] = useState(0);
  const url = workListUrl(filters);
  const key = text === undefined ? `${url}#${round}` : `search:${round}:${workListSearch(filters)}:${text}`;
  const cases = useResource(key, (signal) => (text === undefined ? loadWorkList(url, signal) : searchCases(searchBody(text, filters), filters.page, signal)));
  const municipalities = useCaseMunicipalities(me?.region ?? '');
  const name = municipalityNamer(municipalities);
  const [selected, setSelected] = useState<Selection>(new Map());
  const apply = (next: WorkListFilters) => void navigate({ search: workListSearch(next) });
  const bulk = worksCases(me);

  const summaryRef = useRef<HTMLParagraphElement>(null);
  const shown = useRef(`${filters.page}:${text ?? ''}`);
  useEffect(() => {
    const now = `${filters.page}:${text ?? ''}`;
    if (shown.current === now) return;
    shown.current = now;
    summaryRef.current?.focus();
  }, [filters.page, text]);

  const format = useFormat();
  const ready = cases.status === 'ready' ? cases.data : undefined;
  const rows = ready?._embedded.cases ?? [];
  let summary = '';
  if (cases.status === 'loading') summary = t('states.loading');
  if (ready) {
    summary =
      ready.page.totalElements === 0
        ? t(text === undefined ? 'cases.list.noneFound' : 'cases.list.search.noneFound')
        : [
            ready.page.totalElementsCapped
              ? t('cases.list.search.foundMore', { count: ready.page.totalElements, shown: format.number(ready.page.totalElements) })
              : t(text === undefined ? 'cases.list.found' : 'cases.list.search.found', { count: ready.page.totalElements }),
            t('cases.list.pageOf', { page: ready.page.number, total: ready.page.totalPages }),
            t('cases.list.overdueOnPage', { count: rows.filter((row) => row.overdue).length }),
            // The search has one order (its word index is kept in it), whatever the filter's sort says.
            ...(text === undefined ? [] : [t('cases.list.search.order')]),
          ].join(' ');
  }
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));

  return (
    <>
      <PageHeading title={t('cases.list.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t(bulk ? 'cases.list.lead' : 'cases.list.leadGrant')}
      </Paragraph>
      <p>
        <Link to={myWorkPath} className="utrecht-link utrecht-link--html-a">
          {t('cases.list.toMyWork')}
          <MyWorkCount />
        </Link>
      </p>
      <CaseFilterForm key={search.toString()} filters={filters} municipalities={municipalities.status === 'ready' ? municipalities.data : []} onApply={apply} />
      <CaseSearchForm
        active={text !== undefined}
        onSearch={(value) => {
          setText(value);
          if (filters.page > 1) apply({ ...filters, page: 1 });
        }}
        onClear={() => setText(undefined)}
      />
      <p
        ref={summaryRef}
        tabIndex={-1}
        className="schakel-results-summary"
        role="status"
        data-testid="cases-summary"
        data-state={cases.status}
        data-search={workListSearch(filters)}
        data-mode={text === undefined ? 'list' : 'search'}
      >
        {summary}
      </p>
      {cases.status === 'error' ? <ErrorState error={cases.error} onRetry={cases.retry} /> : null}
      {bulk ? <BulkActions selected={[...selected.keys()]} references={selected} myUserId={me?.id ?? ''} onDone={() => setRound((n) => n + 1)} /> : null}
      {rows.length > 0 && ready ? (
        <>
          {bulk ? (
            <div className="schakel-checkbox-field__row schakel-case-select-all">
              <Checkbox id="cases-select-all" checked={allSelected} onChange={() => setSelected(toggledAll(selected, rows))} />
              <FormLabel htmlFor="cases-select-all" type="checkbox">
                {t('cases.list.selectAll')}
              </FormLabel>
            </div>
          ) : null}
          <CaseTable
            cases={rows}
            municipalityName={name}
            caption={t(text === undefined ? 'cases.list.table.caption' : 'cases.list.table.searchCaption')}
            {...(bulk ? { selected, onSelect: (row: { id: string; reference: string }, on: boolean) => setSelected(toggledSelection(selected, row, on)) } : {})}
          />
          <Pagination page={ready.page.number} totalPages={ready.page.totalPages} hrefFor={(page) => ({ search: workListSearch({ ...filters, page }) })} label={t('cases.list.pagination')} />
        </>
      ) : null}
      {ready && rows.length === 0 ? (
        <EmptyState>
          <Paragraph>{t(hasActiveFilters(filters) || text !== undefined ? 'cases.list.emptyFiltered' : 'cases.list.empty')}</Paragraph>
        </EmptyState>
      ) : null}
    </>
  );
}
