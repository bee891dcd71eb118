import type { AccessLogEntryView } from '@server/modules/access-log/access-log.schema';
import {
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@web/core/format';
import { isRole } from '@web/core/roles';

const badgeClass = {
  success: 'schakel-badge schakel-badge--ok',
  failure: 'schakel-badge schakel-badge--neutral',
  denied: 'schakel-badge schakel-badge--danger',
};

/** One row per logged event; ids as the log holds them, so the FG can search on with them. */
export function AccessLogTable({ entries }: { entries: readonly AccessLogEntryView[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    // A wide table scrolls sideways on a phone; the box takes focus so the keyboard can scroll it too.
    <div className="schakel-table-scroll schakel-table-scroll--wide" tabIndex={0} role="region" aria-label={t('accessLog.table.caption')}>
      <Table className="schakel-table schakel-table--log" data-testid="access-log-table">
        <TableCaption className="schakel-visually-hidden">{t('accessLog.table.caption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('accessLog.table.at')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('accessLog.table.user')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('accessLog.table.action')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('accessLog.table.record')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('accessLog.table.subjects')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('accessLog.table.outcome')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('accessLog.table.origin')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {entries.map((entry) => (
            <TableRow key={entry.id}>
              <TableHeaderCell scope="row" className="schakel-table__row-header">
                {format.dateTime(entry.at)}
                <span className="schakel-table__sub">#{entry.id}</span>
              </TableHeaderCell>
              <TableCell>
                {entry.userName ?? t('accessLog.table.nobody')}
                {entry.userId ? <span className="schakel-table__sub schakel-table__id">{entry.userId}</span> : null}
                {entry.role ? (
                  <span className="schakel-table__sub">
                    {entry.role
                      .split(',')
                      .map((role) => (isRole(role) ? t(`roles.${role}`) : role))
                      .join(', ')}
                  </span>
                ) : null}
              </TableCell>
              <TableCell>
                {t(`accessActions.${entry.action}`)}
                {entry.purpose ? <span className="schakel-table__sub">{t('accessLog.table.purpose', { purpose: entry.purpose })}</span> : null}
              </TableCell>
              <TableCell>
                {entry.recordType ?? '—'}
                {entry.recordId ? <span className="schakel-table__sub schakel-table__id">{entry.recordId}</span> : null}
              </TableCell>
              <TableCell>
                {entry.subjects.length === 0 ? '—' : t('accessLog.table.subjectCount', { count: entry.subjects.length })}
                {entry.subjects.slice(0, 3).map((subject) => (
                  <span key={subject} className="schakel-table__sub schakel-table__id">
                    {subject}
                  </span>
                ))}
                {entry.subjects.length > 3 ? <span className="schakel-table__sub">{t('accessLog.table.more', { count: entry.subjects.length - 3 })}</span> : null}
              </TableCell>
              <TableCell>
                <StatusBadge className={badgeClass[entry.outcome]}>{t(`accessLog.outcomes.${entry.outcome}`)}</StatusBadge>
                {entry.reason ? <span className="schakel-table__sub">{entry.reason}</span> : null}
              </TableCell>
              <TableCell>
                {entry.clientAddress ?? '—'}
                {entry.requestId ? <span className="schakel-table__sub schakel-table__id">{entry.requestId}</span> : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
