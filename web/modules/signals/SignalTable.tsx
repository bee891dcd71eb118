import { Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
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
  return (
    <div className="schakel-table-scroll schakel-table-scroll--wide">
      <Table className="schakel-table schakel-table--signals" data-testid="signals-table">
        <TableCaption className="schakel-table__caption">{t(kind === 'triage' ? 'signals.queue.table.caption' : 'signals.queue.table.myCaption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('signals.queue.table.reference')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('signals.queue.table.status')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('signals.queue.table.received')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('signals.queue.table.forms')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('signals.queue.table.municipalities')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('signals.queue.table.channel')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {signals.map((signal) => (
            <TableRow key={signal.id} className={signal.acute ? 'schakel-signal-row--acute' : undefined} data-testid="signal-row">
              <TableHeaderCell scope="row" className="schakel-table__row-header">
                <AppLink to={signalPath(signal.id)} className="schakel-signal-reference">
                  {signal.reference}
                </AppLink>
                {signal.acute ? <AcuteMark /> : null}
                {signal.likelyDuplicates && kind === 'triage' ? <DuplicateMark /> : null}
                {signal.mine && kind === 'triage' ? <span className="schakel-table__sub">{t('signals.queue.table.mine')}</span> : null}
              </TableHeaderCell>
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
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
