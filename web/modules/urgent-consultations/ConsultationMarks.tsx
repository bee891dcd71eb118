import { StatusBadge } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';

/** Open or advised, in words (the colour only repeats it). */
export function ConsultationStatus({ status }: { status: 'open' | 'advised' }) {
  const { t } = useTranslation();
  return (
    <StatusBadge className={status === 'open' ? 'schakel-badge schakel-badge--info' : 'schakel-badge schakel-badge--ok'} data-testid="consultation-status" data-status={status}>
      {t(`urgentConsultations.statuses.${status}`)}
    </StatusBadge>
  );
}
