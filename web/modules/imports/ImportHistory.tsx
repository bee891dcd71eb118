import { Heading2, TableCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useResource } from '@web/core/api/useResource';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { Pagination } from '@web/core/components/Pagination';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { importsUrl, loadImports } from './imports.api';
import { importsSearch, parseImportsSearch, shortHash } from './imports.rules';

const badge = { done: 'schakel-badge--ok', running: 'schakel-badge--info', analysed: 'schakel-badge--neutral', expired: 'schakel-badge--neutral', failed: 'schakel-badge--danger', interrupted: 'schakel-badge--danger' } as const;

/** Who imported which file (name and SHA-256) when, with what result. */
export function ImportHistory({ refreshKey }: { refreshKey: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [search] = useSearchParams();
  const { page } = parseImportsSearch(search);
  const url = importsUrl(page);
  const history = useResource(`${url}#${refreshKey}`, (signal) => loadImports(url, signal));

  return (
    <section className="schakel-section" aria-labelledby="imports-history-heading">
      <Heading2 id="imports-history-heading">{t('imports.history.heading')}</Heading2>
      {history.status === 'loading' ? <LoadingState /> : null}
      {history.status === 'error' ? <ErrorState error={history.error} onRetry={history.retry} /> : null}
      {history.status === 'ready' ? (
        <>
          <DataTable
            caption={t('imports.history.caption')}
            columns={[t('imports.history.when'), t('imports.history.file'), t('imports.history.status'), t('imports.history.counts')]}
            rows={history.data._embedded.imports}
            empty={t('imports.history.none')}
            testId="imports-history"
            className="schakel-table--imports"
            wide
            focusableScroll
          >
            {(batch) => (
              <TableRow key={batch.id}>
                <RowHeader>
                  {format.dateTime(batch.createdAt)}
                  <CellNote>{batch.createdBy ? t('imports.history.by', { name: batch.createdBy.displayName }) : t('imports.history.cli')}</CellNote>
                </RowHeader>
                <TableCell>
                  {batch.fileName}
                  <CellNote>
                    {t(`imports.sources.${batch.source}`)} · {t('imports.history.sha256')} <code title={batch.sha256}>{shortHash(batch.sha256)}</code>
                    {batch.encoding ? ` · ${batch.encoding}` : ''}
                  </CellNote>
                </TableCell>
                <TableCell>
                  <span className={`schakel-badge ${badge[batch.status]}`}>{t(`imports.history.statuses.${batch.status}`)}</span>
                  {batch.error ? (
                    <details className="schakel-imports-error">
                      <summary>{t('imports.history.why')}</summary>
                      <span lang="en">{batch.error}</span>
                    </details>
                  ) : null}
                </TableCell>
                <TableCell>
                  {t('imports.history.countLine', {
                    created: format.number(batch.counts.created),
                    updated: format.number(batch.counts.updated),
                    unchanged: format.number(batch.counts.unchanged),
                    rejected: format.number(batch.counts.rejected),
                  })}
                </TableCell>
              </TableRow>
            )}
          </DataTable>
          <Pagination page={history.data.page.number} totalPages={history.data.page.totalPages} hrefFor={(p) => ({ search: importsSearch(p) })} label={t('imports.history.pagination')} />
        </>
      ) : null}
    </section>
  );
}
