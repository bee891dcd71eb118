import { Heading2, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { DataTable, RowHeader } from '@web/core/components/DataTable';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useSession } from '@web/core/session';
import { loadMyWork } from './cases.api';
import { Due } from './CaseMarks';
import { casePath, casesPath } from './cases.rules';
import { CaseTable } from './CaseTable';
import { municipalityNamer, useCaseMunicipalities } from './useCaseData';

/** My work: cases assigned to me, actions for me or my organisation, hand-overs waiting for my municipalities. */
export function MyWorkPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const work = useResource('my-work', (abort) => loadMyWork(abort));
  const name = municipalityNamer(useCaseMunicipalities(me?.region ?? ''));
  const data = work.status === 'ready' ? work.data : undefined;
  return (
    <>
      <PageHeading title={t('cases.myWork.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('cases.myWork.lead')}
      </Paragraph>
      {work.status === 'loading' ? <LoadingState /> : null}
      {work.status === 'error' ? <ErrorState error={work.error} onRetry={work.retry} /> : null}
      {data ? (
        <>
          <p className="schakel-results-summary" role="status" data-testid="my-work-summary">
            {t('cases.myWork.summary', { cases: data.counts.cases, actions: data.counts.actions, handovers: data.counts.handovers })} {t('cases.myWork.overdue', { count: data.counts.overdue })}
          </p>
          <section className="schakel-section" aria-labelledby="my-cases-heading">
            <Heading2 id="my-cases-heading">{t('cases.myWork.cases')}</Heading2>
            {data.cases.length ? (
              <CaseTable cases={data.cases} municipalityName={name} caption={t('cases.myWork.cases')} testId="my-cases" />
            ) : (
              <Paragraph>
                {t('cases.myWork.noCases')} <AppLink to={casesPath}>{t('cases.myWork.toList')}</AppLink>
              </Paragraph>
            )}
          </section>
          <section className="schakel-section" aria-labelledby="my-actions-heading">
            <Heading2 id="my-actions-heading">{t('cases.myWork.actions')}</Heading2>
            <DataTable
              caption={t('cases.myWork.actions')}
              columns={(['description', 'case', 'track', 'owner', 'due'] as const).map((c) => t(`cases.myWork.actionColumns.${c}`))}
              rows={data.actions}
              empty={t('cases.myWork.noActions')}
              testId="my-actions"
              wide
            >
              {(action) => (
                <TableRow key={action.id} className={action.overdue ? 'schakel-case-row--overdue' : undefined}>
                  <RowHeader className="schakel-case-text">{action.description}</RowHeader>
                  <TableCell>
                    <AppLink to={casePath(action.caseId)}>{action.caseReference}</AppLink>
                  </TableCell>
                  <TableCell>{t(`cases.trackKinds.${action.trackKind}`)}</TableCell>
                  <TableCell>{action.ownerUser?.displayName ?? action.ownerOrganisation?.name ?? '—'}</TableCell>
                  <TableCell>
                    <Due on={action.dueOn} overdue={action.overdue} />
                  </TableCell>
                </TableRow>
              )}
            </DataTable>
          </section>
          <section className="schakel-section" aria-labelledby="my-handovers-heading">
            <Heading2 id="my-handovers-heading">{t('cases.myWork.handovers')}</Heading2>
            <DataTable
              caption={t('cases.myWork.handovers')}
              columns={(['case', 'from', 'to', 'due'] as const).map((c) => t(`cases.myWork.handoverColumns.${c}`))}
              rows={data.handovers}
              empty={t('cases.myWork.noHandovers')}
              testId="my-handovers"
              wide
            >
              {(handover) => (
                <TableRow key={handover.id} className={handover.overdue ? 'schakel-case-row--overdue' : undefined}>
                  <RowHeader>
                    <AppLink to={casePath(handover.caseId)}>{handover.caseReference}</AppLink>
                  </RowHeader>
                  <TableCell>{name(handover.from)}</TableCell>
                  <TableCell>{name(handover.to)}</TableCell>
                  <TableCell>
                    <Due on={handover.dueOn} overdue={handover.overdue} />
                  </TableCell>
                </TableRow>
              )}
            </DataTable>
          </section>
        </>
      ) : null}
    </>
  );
}
