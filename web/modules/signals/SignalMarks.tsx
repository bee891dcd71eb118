import { StatusBadge as UtrechtStatusBadge } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import type { SignalStatus } from './signals.rules';

const badgeClass: Record<SignalStatus, string> = {
  new: 'schakel-badge',
  'in-triage': 'schakel-badge schakel-badge--info',
  forwarded: 'schakel-badge schakel-badge--ok',
  merged: 'schakel-badge schakel-badge--neutral',
  closed: 'schakel-badge schakel-badge--neutral',
};

export function StatusBadge({ status }: { status: SignalStatus }) {
  const { t } = useTranslation();
  return <UtrechtStatusBadge className={badgeClass[status]}>{t(`signals.statuses.${status}`)}</UtrechtStatusBadge>;
}

/** A warning triangle; the text beside it carries the meaning. */
export function WarningIcon() {
  return (
    <svg className="schakel-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d="M12 2 1 21h22L12 2Z" className="schakel-icon__shape" />
      <path d="M12 9v5.5M12 17.2v.3" className="schakel-icon__mark" />
    </svg>
  );
}

/** Two overlapping sheets: "looks like another signal". */
function CopyIcon() {
  return (
    <svg className="schakel-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <rect x="8" y="8" width="13" height="13" rx="1.5" className="schakel-icon__outline" />
      <path d="M16 5V3.5A1.5 1.5 0 0 0 14.5 2h-10A1.5 1.5 0 0 0 3 3.5v10A1.5 1.5 0 0 0 4.5 15H6" className="schakel-icon__outline" />
    </svg>
  );
}

export function AcuteMark() {
  const { t } = useTranslation();
  return (
    <span className="schakel-signal-mark schakel-signal-mark--acute" data-testid="acute-mark">
      <WarningIcon />
      {t('signals.acute')}
    </span>
  );
}

export function DuplicateMark() {
  const { t } = useTranslation();
  return (
    <span className="schakel-signal-mark schakel-signal-mark--duplicate" data-testid="duplicate-mark">
      <CopyIcon />
      {t('signals.queue.table.likelyDuplicates')}
    </span>
  );
}
