import { Alert, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
import { useFormat } from '@web/core/format';
import { currentLanguage } from '@web/core/i18n';
import { AssignColleague } from './AssignColleague';
import { AssignToMe } from './AssignToMe';
import { AcuteMark, CaseStatusBadge, Due } from './CaseMarks';
import { sortedCaseMunicipalities, urgentConsultationPath } from './cases.rules';
import type { CaseSectionProps } from './useCaseForm';

export function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="schakel-details__row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What anyone who may open the case sees first: where it stands, whose it is, and on what ground the reader sees it. */
export function CaseHeader(props: CaseSectionProps) {
  const { item } = props;
  const { t } = useTranslation();
  const language = currentLanguage();
  const format = useFormat();
  const municipalities = sortedCaseMunicipalities(item);
  const lead = municipalities.find((m) => m.lead);
  const involved = municipalities.filter((m) => !m.lead);
  return (
    <div className="schakel-case-header" data-testid="case-header" data-status={item.status} data-version={item.version}>
      <div className="schakel-case-header__marks">
        <CaseStatusBadge status={item.status} />
        {item.acute ? <AcuteMark /> : null}
      </div>
      {item.access.via === 'grant' ? (
        <Alert type="info" className="schakel-notice" data-testid="grant-notice">
          <Paragraph>
            {item.access.grant
              ? t('cases.detail.viaGrant', { until: format.dateTime(item.access.grant.validUntil), basis: item.access.grant.legalBasisLabel[language], purpose: item.access.grant.purpose })
              : t('cases.detail.viaGrantUnknown')}
          </Paragraph>
        </Alert>
      ) : null}
      <dl className="schakel-details">
        <Row label={t('cases.detail.reference')}>
          <span className="schakel-case-reference">{item.reference}</span>
        </Row>
        <Row label={t('cases.detail.status')}>{t(`cases.statuses.${item.status}`)}</Row>
        <Row label={t('cases.detail.stepDue')} testId="case-step-due">
          <Due on={item.stepDue ?? item.nextDue} overdue={item.overdue} />
        </Row>
        <Row label={t('cases.detail.lead')} testId="case-lead">
          {lead?.name ?? item.leadMunicipality}
        </Row>
        <Row label={t('cases.detail.involved')}>{involved.length ? involved.map((m) => m.name).join(', ') : t('cases.detail.noneInvolved')}</Row>
        <Row label={t('cases.detail.assignee')} testId="case-assignee">
          {item.assignedTo?.displayName ?? t('cases.list.table.unassigned')}
          <AssignToMe {...props} />
          <AssignColleague {...props} />
        </Row>
        {item.assessment ? (
          <Row label={t('cases.detail.assessment')} testId="case-decision">
            {t(`cases.assessments.${item.assessment.decision}`)} — {item.assessment.reason}
          </Row>
        ) : null}
        {item.closed ? (
          <Row label={t('cases.detail.closed')} testId="case-closed">
            {t(`cases.closeReasons.${item.closed.reasonCode}`)} — {item.closed.reason} ({format.dateTime(item.closed.at)})
          </Row>
        ) : null}
      </dl>
      <p className="schakel-case-header__links">
        <AppLink to={urgentConsultationPath(item.id)} data-testid="urgent-consultation-link">
          {t('cases.detail.urgentConsultation')}
        </AppLink>
      </p>
    </div>
  );
}
