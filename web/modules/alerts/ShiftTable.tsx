import {
  Button,
  ButtonGroup,
  Paragraph,
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '@web/core/api/client';
import { ConfirmAction } from '@web/core/components/ConfirmAction';
import { EmptyState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { deleteShift, type OnCallShift } from './alerts.api';

/** The shifts of the period shown, in order, with what needs attention and the actions per shift. */
export function ShiftTable({ shifts, onEdit, onDeleted }: { shifts: readonly OnCallShift[]; onEdit(shift: OnCallShift): void; onDeleted(shift: OnCallShift): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [failed, setFailed] = useState<string>();
  const [now] = useState(() => Date.now());
  if (shifts.length === 0) {
    return (
      <EmptyState>
        <Paragraph>{t('alerts.roster.empty')}</Paragraph>
      </EmptyState>
    );
  }
  const remove = async (shift: OnCallShift) => {
    setFailed(undefined);
    try {
      await deleteShift(shift.id);
      onDeleted(shift);
    } catch (caught) {
      const error = toApiError(caught);
      setFailed(error.problem?.title ?? t('states.error.unreachable'));
    }
  };
  return (
    <>
      {failed ? (
        <p role="alert" className="schakel-alert__error">
          {failed}
        </p>
      ) : null}
      <div className="schakel-table-scroll schakel-table-scroll--wide schakel-shift-scroll">
        <Table className="schakel-table schakel-table--shifts" data-testid="shift-table">
          <TableCaption className="schakel-visually-hidden">{t('alerts.roster.table.caption')}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('alerts.roster.table.person')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('alerts.roster.table.period')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('alerts.roster.table.address')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('alerts.roster.table.note')}</TableHeaderCell>
              <TableHeaderCell scope="col">
                <span className="schakel-visually-hidden">{t('alerts.roster.table.actions')}</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {shifts.map((shift) => {
              const current = new Date(shift.from).getTime() <= now && now < new Date(shift.until).getTime();
              return (
                <TableRow key={shift.id} data-testid="shift-row" className={current ? 'schakel-table__row--current' : undefined}>
                  <TableHeaderCell scope="row" className="schakel-table__row-header">
                    {shift.person.displayName}
                    <span className="schakel-table__sub">{shift.person.organisation.name}</span>
                    {current || shift.overlapsWith.length > 0 ? (
                      <span className="schakel-shift-badges">
                        {current ? <StatusBadge className="schakel-badge schakel-badge--ok">{t('alerts.roster.table.now')}</StatusBadge> : null}
                        {shift.overlapsWith.length > 0 ? (
                          <StatusBadge className="schakel-badge" data-testid="shift-overlap">
                            {t('alerts.roster.table.overlaps', { count: shift.overlapsWith.length })}
                          </StatusBadge>
                        ) : null}
                      </span>
                    ) : null}
                  </TableHeaderCell>
                  <TableCell>
                    <span className="schakel-shift-time">{t('alerts.roster.table.fromTime', { from: format.dateTime(shift.from) })}</span>
                    <span className="schakel-shift-time">{t('alerts.roster.table.untilTime', { until: format.dateTime(shift.until) })}</span>
                  </TableCell>
                  <TableCell className="schakel-shift-address">
                    {shift.effectiveAddress}
                    {shift.address ? null : <span className="schakel-table__sub">{t('alerts.roster.table.accountAddress')}</span>}
                  </TableCell>
                  <TableCell className="schakel-shift-note">{shift.note ?? '—'}</TableCell>
                  <TableCell>
                    <ButtonGroup className="schakel-shift-actions">
                      <Button appearance="secondary-action-button" onClick={() => onEdit(shift)} aria-label={t('alerts.roster.table.editLabel', { name: shift.person.displayName, from: format.dateTime(shift.from) })}>
                        {t('alerts.roster.table.edit')}
                      </Button>
                      <ConfirmAction
                        label={t('alerts.roster.table.delete')}
                        question={t('alerts.roster.table.deleteQuestion', { name: shift.person.displayName, from: format.dateTime(shift.from) })}
                        confirmLabel={t('alerts.roster.table.deleteConfirm')}
                        onConfirm={() => remove(shift)}
                      />
                    </ButtonGroup>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
