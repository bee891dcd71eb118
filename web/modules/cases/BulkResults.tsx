import { Alert, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DoneIcon, OverdueIcon } from './CaseFormParts';
import { type BulkResult, bulkCounts, bulkOutcomeRows } from './cases.rules';

/** How each selected case went: done, refused (not yours), conflict (changed meanwhile, or open tracks) or invalid. Focused when shown. */
export function BulkResults({ action, results, references }: { action: 'assign' | 'unassign' | 'close'; results: readonly BulkResult[]; references: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const counts = bulkCounts(results);
  const failed = counts.refused + counts.conflict + counts.invalid;
  return (
    <div ref={ref} tabIndex={-1} data-testid="bulk-results">
      <Alert type={failed > 0 ? 'warning' : 'ok'} role="status" className="schakel-notice">
        <Heading3>{t(`cases.bulk.results.${action}`)}</Heading3>
        <Paragraph>{t('cases.bulk.results.summary', { done: counts.done, failed })}</Paragraph>
        <ul className="schakel-case-bulk__results">
          {bulkOutcomeRows(results, references).map((row) => (
            <li key={row.caseId} data-outcome={row.outcome}>
              {row.outcome === 'done' ? <DoneIcon /> : <OverdueIcon />}
              <span>
                <strong>{row.reference}</strong>: {t(`cases.bulk.outcomes.${row.outcome}`)}
                {row.code === 'case.open-tracks' ? ` — ${t('cases.bulk.openTracks')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}
