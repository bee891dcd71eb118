import { TableCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { useFormat } from '@web/core/format';
import type { SignalSummary } from './signals.api';
import { type QueueKind, signalPath } from './signals.rules';
import { AcuteMark, DuplicateMark, StatusBadge } from './SignalMarks';
import { useCatalogue, useCatalogueLabels } from './useCatalogue';

interface SignalTableProps {
  signals: readonly SignalSummary[];
  kind: QueueKind;
  municipalityNames: ReadonlyMap<string, string>;
}

/** One row per signal; acute rows say so in words and with an icon, never by colour alone. */
export function SignalTable({ signals, kind, municipalityNames }: SignalTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCatalogueLabels(useCatalogue());
  const columns = (['reference', 'status', 'received', 'forms', 'municipalities', 'channel'] as const).map((column) => t(`signals.queue.table.${column}`));
  return (
    <DataTable
      caption={t(kind === 'triage' ? 'signals.queue.table.caption' : 'signals.queue.table.myCaption')}
      columns={columns}
      rows={signals}
      className="schakel-table--signals"
      testId="signals-table"
      wide
    >
      {(signal) => (
        <TableRow key={signal.id} className={signal.acute ? 'schakel-signal-row--acute' : undefined} data-testid="signal-row">
          <RowHeader>
            <AppLink to={signalPath(signal.id)} className="schakel-signal-reference">
              {signal.reference}
            </AppLink>
            {signal.acute ? <AcuteMark /> : null}
            {signal.likelyDuplicates && kind === 'triage' ? <DuplicateMark /> : null}
            {signal.mine && kind === 'triage' ? <CellNote>{t('signals.queue.table.mine')}</CellNote> : null}
          </RowHeader>
          <TableCell>
            <StatusBadge status={signal.status} />
          </TableCell>
          <TableCell className="schakel-table__nowrap">{format.dateTime(signal.receivedAt)}</TableCell>
          <TableCell>{signal.forms.length ? signal.forms.map((form) => labels.form(form)).join(', ') : '—'}</TableCell>
          <TableCell>
            {signal.municipalities.length
              ? signal.municipalities.map((code) => municipalityNames.get(code) ?? code).join(', ')
              : t('signals.queue.table.noMunicipality')}
          </TableCell>
          <TableCell>{t(`signals.channels.${signal.channel}`)}</TableCell>
        </TableRow>
      )}
    </DataTable>
  );
}
