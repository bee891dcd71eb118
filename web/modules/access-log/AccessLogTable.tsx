import type { AccessLogEntryView } from '@server/modules/access-log/access-log.schema';
import { StatusBadge, TableCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { useFormat } from '@web/core/format';
import { isRole } from '@web/core/roles';

const badgeClass = {
  success: 'schakel-badge schakel-badge--ok',
  failure: 'schakel-badge schakel-badge--neutral',
  denied: 'schakel-badge schakel-badge--danger',
};

/** One row per logged event; ids as the log holds them, so the FG can search on with them. */
export function AccessLogTable({ entries, empty }: { entries: readonly AccessLogEntryView[]; empty: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns = (['at', 'user', 'action', 'record', 'subjects', 'outcome', 'origin'] as const).map((column) => t(`accessLog.table.${column}`));
  return (
    // A wide table scrolls sideways on a phone; its rows hold nothing focusable, so the box takes focus for the keyboard.
    <DataTable
      caption={t('accessLog.table.caption')}
      columns={columns}
      rows={entries}
      empty={empty}
      className="schakel-table--log"
      testId="access-log-table"
      wide
      focusableScroll
    >
      {(entry) => (
        <TableRow key={entry.id}>
          <RowHeader>
            {format.dateTime(entry.at)}
            <CellNote>#{entry.id}</CellNote>
          </RowHeader>
          <TableCell>
            {entry.userName ?? t('accessLog.table.nobody')}
            {entry.userId ? <CellNote id>{entry.userId}</CellNote> : null}
            {entry.role ? (
              <CellNote>
                {entry.role
                  .split(',')
                  .map((role) => (isRole(role) ? t(`roles.${role}`) : role))
                  .join(', ')}
              </CellNote>
            ) : null}
          </TableCell>
          <TableCell>
            {t(`accessActions.${entry.action}`)}
            {entry.purpose ? <CellNote>{t('accessLog.table.purpose', { purpose: entry.purpose })}</CellNote> : null}
          </TableCell>
          <TableCell>
            {entry.recordType ?? '—'}
            {entry.recordId ? <CellNote id>{entry.recordId}</CellNote> : null}
          </TableCell>
          <TableCell>
            {entry.subjects.length === 0 ? '—' : t('accessLog.table.subjectCount', { count: entry.subjects.length })}
            {entry.subjects.slice(0, 3).map((subject) => (
              <CellNote key={subject} id>
                {subject}
              </CellNote>
            ))}
            {entry.subjects.length > 3 ? <CellNote>{t('accessLog.table.more', { count: entry.subjects.length - 3 })}</CellNote> : null}
          </TableCell>
          <TableCell>
            <StatusBadge className={badgeClass[entry.outcome]}>{t(`accessLog.outcomes.${entry.outcome}`)}</StatusBadge>
            {entry.reason ? <CellNote>{entry.reason}</CellNote> : null}
          </TableCell>
          <TableCell>
            {entry.clientAddress ?? '—'}
            {entry.requestId ? <CellNote id>{entry.requestId}</CellNote> : null}
          </TableCell>
        </TableRow>
      )}
    </DataTable>
  );
}
