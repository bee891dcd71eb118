import { Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { casePath } from '@web/modules/weegtafel';
import { ConsultationStatus } from './ConsultationMarks';
import { loadMyConsultations } from './urgent-consultations.api';
import { consultationPath, orderConsultations } from './urgent-consultations.rules';

/** My spoed-MDOs: those I opened and those my organisation is asked into (while its grant runs). Open ones first. */
export function MyConsultationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useResource('my-urgent-consultations', (signal) => loadMyConsultations(signal));
  const rows = list.status === 'ready' ? orderConsultations(list.data._embedded.consultations) : [];
  const columns = (['consultation', 'case', 'status', 'opened', 'until'] as const).map((c) => t(`urgentConsultations.mine.columns.${c}`));
  return (
    <>
      <PageHeading title={t('urgentConsultations.mine.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('urgentConsultations.mine.lead')}
      </Paragraph>
      {list.status === 'loading' ? <LoadingState /> : null}
      {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.retry} /> : null}
      {list.status === 'ready' ? (
        <div data-testid="my-consultations" data-state="ready">
          <DataTable caption={t('urgentConsultations.mine.caption')} columns={columns} rows={rows} empty={t('urgentConsultations.mine.empty')} testId="consultations-table" wide>
            {(row) => (
              <TableRow key={row.id} data-testid="consultation-row" data-case={row.caseReference}>
                <RowHeader>
                  <AppLink to={consultationPath(row.id)}>{t('urgentConsultations.mine.open', { reference: row.caseReference })}</AppLink>
                  <CellNote>{row.openedByMe ? t('urgentConsultations.mine.openedByMe') : row.invited ? t('urgentConsultations.mine.invited') : ''}</CellNote>
                </RowHeader>
                <TableCell>
                  <AppLink to={casePath(row.caseId)}>{row.caseReference}</AppLink>
                </TableCell>
                <TableCell>
                  <ConsultationStatus status={row.status} />
                </TableCell>
                <TableCell className="schakel-table__nowrap">{format.dateTime(row.openedAt)}</TableCell>
                <TableCell className="schakel-table__nowrap">{format.dateTime(row.grantUntil)}</TableCell>
              </TableRow>
            )}
          </DataTable>
        </div>
      ) : null}
    </>
  );
}
