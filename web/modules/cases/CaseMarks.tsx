import { StatusBadge } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from './useDateFormat';
import { OverdueIcon } from './CaseFormParts';
import type { CaseStatus } from './cases.rules';

const badgeClass: Record<CaseStatus, string> = {
  enrichment: 'schakel-badge schakel-case-badge--info',
  'put-forward': 'schakel-badge schakel-case-badge--info',
  monitoring: 'schakel-badge schakel-case-badge--ok',
  closed: 'schakel-badge schakel-case-badge--neutral',
};

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <StatusBadge className={badgeClass[status]}>{t(`cases.statuses.${status}`)}</StatusBadge>;
}

/** "Termijn verlopen" in words with an icon, never by colour alone. */
export function OverdueMark() {
  const { t } = useTranslation();
  return (
    <span className="schakel-case-mark schakel-case-mark--overdue" data-testid="overdue-mark">
      <OverdueIcon />
      {t('cases.overdue')}
    </span>
  );
}

/** A deadline: the date, and "overdue" with an icon when it has passed. */
export function Due({ on, overdue }: { on: string | null; overdue: boolean }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  if (!on) return <>{t('cases.noDeadline')}</>;
  return (
    <span className="schakel-case-due">
      <span className="schakel-case-due__date">{date(on)}</span>
      {overdue ? <OverdueMark /> : null}
    </span>
  );
}

export function AcuteMark() {
  const { t } = useTranslation();
  return (
    <span className="schakel-case-mark schakel-case-mark--acute">
      <OverdueIcon />
      {t('cases.acute')}
    </span>
  );
}
