import { Alert, Button, Heading2, Heading3, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { useFormat } from '@web/core/format';
import type { ImportDryRun, ImportReport } from './imports.api';
import { lineRange } from './imports.rules';

const formCodes = ['sexual', 'labour', 'criminal', 'begging', 'organ-removal', 'forced-marriage', 'other', 'unknown'] as const;
const isForm = (code: string): code is (typeof formCodes)[number] => (formCodes as readonly string[]).includes(code);

type Reason = ImportReport['rejected'][number]['reasons'][number];
type Warning = ImportReport['warnings'][number]['warnings'][number];

function LineCell({ row }: { row: { line: number; lastLine?: number } }) {
  const { t } = useTranslation();
  const range = lineRange(row);
  return <RowHeader>{range.to ? t('imports.result.lines', { from: range.from, to: range.to }) : range.from}</RowHeader>;
}

/** Step 2: what the file would do — counts, every rejected line with its reasons, updates, remarks and a sample — then confirm or not. */
export function DryRunResult({ result, busy, onConfirm, onCancel }: { result: ImportDryRun; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { import: batch, report } = result;
  const counts = report.counts;
  const toWrite = counts.created + counts.updated;
  const reason = (r: Reason) => t(`imports.reasons.${r.code}`, { column: r.column ?? '', value: r.value ?? '', found: r.found, expected: r.expected, max: r.max, firstLine: r.firstLine, formats: report.dateFormats.join(' / ') });
  const warning = (w: Warning) => t(`imports.warnings.${w.code}`, { column: w.column, value: w.value ?? '' });
  const countKeys = ['total', 'created', 'updated', 'unchanged', 'rejected', 'warnings'] as const;

  return (
    <section className="schakel-section" aria-labelledby="imports-result-heading" data-testid="imports-dry-run">
      <Heading2 id="imports-result-heading" tabIndex={-1}>
        {t('imports.result.heading')}
      </Heading2>
      <Paragraph>{t('imports.result.file', { file: batch.fileName, source: t(`imports.sources.${batch.source}`), encoding: batch.encoding ?? '?' })}</Paragraph>
      <dl className="schakel-imports-counts" data-testid="imports-counts">
        {countKeys.map((key) => (
          <div key={key} className={`schakel-imports-counts__item schakel-imports-counts__item--${key}`}>
            <dt>{t(`imports.result.counts.${key}`)}</dt>
            <dd>{format.number(counts[key])}</dd>
          </div>
        ))}
      </dl>
      {report.truncated ? <Paragraph>{t('imports.result.truncated')}</Paragraph> : null}
      <div className="schakel-imports-actions">
        {toWrite > 0 && batch.permissions.confirm ? (
          <Button appearance="primary-action-button" onClick={onConfirm} disabled={busy} aria-disabled={busy || undefined} data-testid="imports-confirm">
            {t('imports.result.confirm', { count: toWrite })}
          </Button>
        ) : (
          <Alert type="info" className="schakel-state">
            <Paragraph>{t('imports.result.nothing')}</Paragraph>
          </Alert>
        )}
        <Button appearance="secondary-action-button" onClick={onCancel} disabled={busy}>
          {t('imports.result.cancel')}
        </Button>
      </div>

      {report.rejected.length ? (
        <>
          <Heading3>{t('imports.result.rejectedHeading')}</Heading3>
          <Paragraph>{t('imports.result.rejectedIntro')}</Paragraph>
          <DataTable caption={t('imports.result.rejectedHeading')} columns={[t('imports.result.line'), t('imports.result.sourceId'), t('imports.result.reasons')]} rows={report.rejected} testId="imports-rejected" className="schakel-table--imports" wide focusableScroll>
            {(row) => (
              <TableRow key={`${row.line}`}>
                <LineCell row={row} />
                <TableCell>{row.sourceId ?? '—'}</TableCell>
                <TableCell>
                  <ul className="schakel-imports-reasons">
                    {row.reasons.map((r, i) => (
                      <li key={i}>{reason(r)}</li>
                    ))}
                  </ul>
                </TableCell>
              </TableRow>
            )}
          </DataTable>
        </>
      ) : null}

      {report.updated.length ? (
        <>
          <Heading3>{t('imports.result.updatedHeading')}</Heading3>
          <Paragraph>{t('imports.result.updatedIntro')}</Paragraph>
          <DataTable caption={t('imports.result.updatedHeading')} columns={[t('imports.result.line'), t('imports.result.sourceId'), t('imports.result.signal'), t('imports.result.changed')]} rows={report.updated} testId="imports-updated" className="schakel-table--imports" wide focusableScroll>
            {(row) => (
              <TableRow key={row.line}>
                <LineCell row={row} />
                <TableCell>{row.sourceId}</TableCell>
                <TableCell>{row.reference ?? '—'}</TableCell>
                <TableCell>{row.changed.map((f) => t(`imports.fields.${f}`)).join(', ')}</TableCell>
              </TableRow>
            )}
          </DataTable>
        </>
      ) : null}

      {report.warnings.length ? (
        <details className="schakel-imports-details">
          <summary>
            {t('imports.result.warningsHeading')} ({format.number(counts.warnings)})
          </summary>
          <DataTable caption={t('imports.result.warningsHeading')} columns={[t('imports.result.line'), t('imports.result.sourceId'), t('imports.result.reasons')]} rows={report.warnings} testId="imports-warnings" className="schakel-table--imports" wide focusableScroll>
            {(row) => (
              <TableRow key={row.line}>
                <LineCell row={row} />
                <TableCell>{row.sourceId}</TableCell>
                <TableCell>
                  <ul className="schakel-imports-reasons">
                    {row.warnings.map((w, i) => (
                      <li key={i}>{warning(w)}</li>
                    ))}
                  </ul>
                </TableCell>
              </TableRow>
            )}
          </DataTable>
        </details>
      ) : null}

      {report.sample.length ? (
        <>
          <Heading3>{t('imports.result.sampleHeading')}</Heading3>
          <DataTable
            caption={t('imports.result.sampleHeading')}
            columns={[t('imports.result.line'), t('imports.result.received'), t('imports.result.places'), t('imports.result.summary')]}
            rows={report.sample}
            testId="imports-sample"
            className="schakel-table--imports"
            wide
            focusableScroll
          >
            {(row) => (
              <TableRow key={row.line}>
                <LineCell row={row} />
                <TableCell>
                  {format.dateTime(row.receivedAt)}
                  <CellNote>{row.sourceId}</CellNote>
                  {row.acute ? <span className="schakel-badge schakel-badge--danger">{t('imports.result.acute')}</span> : null}
                </TableCell>
                <TableCell>
                  {row.places.join(', ') || '—'}
                  <CellNote>
                    {t('imports.result.municipalities')}: {row.municipalities.map((m) => m.name).join(', ') || t('imports.result.noMunicipality')}
                  </CellNote>
                </TableCell>
                <TableCell>
                  {row.summary}
                  <CellNote>
                    {row.forms.map((f) => (isForm(f) ? t(`imports.formNames.${f}`) : f)).join(', ')}
                    {row.forms.length ? ' · ' : ''}
                    {t('imports.result.personsCount', { count: row.persons })}
                  </CellNote>
                </TableCell>
              </TableRow>
            )}
          </DataTable>
        </>
      ) : null}
    </section>
  );
}
