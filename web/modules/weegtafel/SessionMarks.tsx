import { StatusBadge } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { SessionSummary } from './weegtafel.api';

const badgeClass: Record<SessionSummary['status'], string> = {
  planned: 'schakel-badge schakel-badge--info',
  held: 'schakel-badge',
  confirmed: 'schakel-badge schakel-badge--ok',
  cancelled: 'schakel-badge schakel-badge--neutral',
};

/** The status of a session in words (the colour only repeats it). */
export function SessionStatus({ status }: { status: SessionSummary['status'] }) {
  const { t } = useTranslation();
  return (
    <StatusBadge className={badgeClass[status]} data-testid="session-status" data-status={status}>
      {t(`weegtafel.statuses.${status}`)}
    </StatusBadge>
  );
}

/** A lock: this case is not shared with the reader's organisation. */
function LockIcon() {
  return (
    <svg className="schakel-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <rect x="4" y="10" width="16" height="11" rx="1.5" className="schakel-icon__outline" />
      <path d="M8 10V7a4 4 0 0 1 8 0v3" className="schakel-icon__outline" />
    </svg>
  );
}

export function WithheldMark() {
  const { t } = useTranslation();
  return (
    <span className="schakel-wt-mark schakel-wt-mark--withheld" data-testid="withheld-mark">
      <LockIcon />
      {t('weegtafel.agenda.withheld')}
    </span>
  );
}

/** A warning triangle with the number of overdue actions in words. */
export function OverdueMark({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <span className="schakel-wt-mark schakel-wt-mark--overdue" data-testid="overdue-mark">
      <svg className="schakel-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path d="M12 2 1 21h22L12 2Z" className="schakel-icon__shape" />
        <path d="M12 9v5.5M12 17.2v.3" className="schakel-icon__mark" />
      </svg>
      {t('weegtafel.agenda.overdue', { count })}
    </span>
  );
}
