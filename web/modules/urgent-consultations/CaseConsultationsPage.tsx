import { Heading2, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { useSession } from '@web/core/session';
import { casePath } from '@web/modules/weegtafel';
import { ConsultationStatus } from './ConsultationMarks';
import { OpenConsultationForm } from './OpenConsultationForm';
import { type CaseConsultation, loadCaseConsultations, loadCaseHeading } from './urgent-consultations.api';
import { consultationPath, isUuid, mayOpenOn, orderConsultations } from './urgent-consultations.rules';

/** The spoed-MDOs of one case (those the reader may see) and, for who may, a form to open one. */
export function CaseConsultationsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { me } = useSession();
  const valid = isUuid(id);
  const heading = useResource(valid ? `case-heading:${id}` : null, (signal) => loadCaseHeading(id, signal));
  const list = useResource(valid ? `case-consultations:${id}` : null, (signal) => loadCaseConsultations(id, signal));

  if (!valid || (heading.status === 'error' && heading.error.status === 404)) {
    return (
      <>
        <PageHeading title={t('urgentConsultations.case.notFound')} />
        <Paragraph>{t('urgentConsultations.case.notFoundText')}</Paragraph>
      </>
    );
  }
  if (heading.status !== 'ready') {
    return (
      <>
        <PageHeading title={t('urgentConsultations.case.loadingTitle')} />
        {heading.status === 'error' ? <ErrorState error={heading.error} onRetry={heading.retry} /> : <LoadingState />}
      </>
    );
  }
  const caseHeading = heading.data;
  return (
    <>
      <p className="schakel-back">
        <AppLink to={casePath(id)}>{t('urgentConsultations.case.back', { reference: caseHeading.reference })}</AppLink>
      </p>
      <PageHeading title={t('urgentConsultations.case.title', { reference: caseHeading.reference })} />
      {caseHeading.title ? (
        <Paragraph appearance="lead" className="schakel-lead">
          {caseHeading.title}
        </Paragraph>
      ) : null}
      <section className="schakel-section" aria-labelledby="case-consultations">
        <Heading2 id="case-consultations">{t('urgentConsultations.case.listHeading')}</Heading2>
        {list.status === 'loading' ? <LoadingState /> : null}
        {list.status === 'error' ? <ErrorState error={list.error} onRetry={list.retry} /> : null}
        {list.status === 'ready' ? <CaseConsultationTable rows={orderConsultations(list.data)} /> : null}
      </section>
      {mayOpenOn(me, caseHeading.status) ? (
        <OpenConsultationForm caseId={id} />
      ) : caseHeading.status === 'closed' ? (
        <Paragraph>{t('urgentConsultations.case.closed')}</Paragraph>
      ) : null}
    </>
  );
}

function CaseConsultationTable({ rows }: { rows: CaseConsultation[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns = (['question', 'status', 'invitees', 'until'] as const).map((c) => t(`urgentConsultations.case.columns.${c}`));
  return (
    <DataTable caption={t('urgentConsultations.case.caption')} columns={columns} rows={rows} empty={t('urgentConsultations.case.empty')} testId="case-consultations-table" wide>
      {(row) => (
        <TableRow key={row.id} data-testid="case-consultation-row">
          <RowHeader>
            <AppLink to={consultationPath(row.id)} className="schakel-mdo-question">
              {row.question}
            </AppLink>
            <CellNote>{t('urgentConsultations.case.contributions', { count: row.contributions, opened: format.dateTime(row.openedAt) })}</CellNote>
          </RowHeader>
          <TableCell>
            <ConsultationStatus status={row.status} />
          </TableCell>
          <TableCell>{row.invitees.map((i) => i.name).join(', ')}</TableCell>
          <TableCell className="schakel-table__nowrap">{format.dateTime(row.grantUntil)}</TableCell>
        </TableRow>
      )}
    </DataTable>
  );
}
