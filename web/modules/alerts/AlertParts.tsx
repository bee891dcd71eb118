import { Button, StatusBadge } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { useFormat } from '@web/core/format';
import { acknowledgeAlert, type Alert } from './alerts.api';
import { deliveryKind } from './alerts.rules';

/** "Hilversum, Huizen" or "no municipality yet". */
export function Municipalities({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const names = alert.signal.municipalities.map((m) => m.name);
  return <>{names.length ? names.join(', ') : t('alerts.noMunicipality')}</>;
}

const deliveryBadge = { sent: 'schakel-badge schakel-badge--ok', retrying: 'schakel-badge', waiting: 'schakel-badge schakel-badge--neutral', failed: 'schakel-badge schakel-badge--danger' };

/** Who was alerted, and how each mail is doing. */
export function Recipients({ alert, compact = false }: { alert: Alert; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (alert.recipients.length === 0) return <span className="schakel-alert__nobody">{t('alerts.recipients.none')}</span>;
  return (
    <ul className={compact ? 'schakel-alert__recipients schakel-alert__recipients--compact' : 'schakel-alert__recipients'}>
      {alert.recipients.map((recipient) => {
        const kind = deliveryKind(recipient.delivery);
        const who = recipient.person ? recipient.person.displayName : t('alerts.recipients.fallback', { address: recipient.address });
        const { delivery } = recipient;
        return (
          <li key={recipient.id}>
            <span className="schakel-alert__who">{who}</span>{' '}
            <StatusBadge className={deliveryBadge[kind]}>{t(`alerts.delivery.${kind}`)}</StatusBadge>{' '}
            <span className="schakel-alert__when">
              {kind === 'sent' && delivery.sentAt ? t('alerts.delivery.sentAt', { at: format.dateTime(delivery.sentAt) }) : null}
              {kind === 'retrying' && delivery.nextAttemptAt
                ? t('alerts.delivery.retryAt', { attempts: delivery.attempts, at: format.dateTime(delivery.nextAttemptAt) })
                : null}
              {kind === 'waiting' && !compact ? t('alerts.delivery.queued') : null}
              {kind === 'failed' ? t('alerts.delivery.gaveUp', { attempts: delivery.attempts }) : null}
            </span>
            {!compact && recipient.person ? <span className="schakel-table__sub">{recipient.address}</span> : null}
            {!compact && delivery.lastError && kind !== 'sent' ? (
              <span className="schakel-table__sub">{t('alerts.delivery.lastError', { error: delivery.lastError })}</span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export function Acknowledgements({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (alert.acknowledgements.length === 0) return <>{t('alerts.acknowledged.nobody')}</>;
  return (
    <ul className="schakel-alert__recipients">
      {alert.acknowledgements.map((ack) => (
        <li key={ack.id}>{t('alerts.acknowledged.by', { name: ack.person.displayName, at: format.dateTime(ack.at) })}</li>
      ))}
    </ul>
  );
}

/** "I'm on it": records the acknowledgement; the caller refreshes and says so. */
export function AcknowledgeButton({ alert, onDone, describedBy, testId }: { alert: Alert; onDone(alert: Alert): void; describedBy: string; testId?: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const acknowledge = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await acknowledgeAlert(alert.id);
      onDone(alert);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        appearance="primary-action-button"
        busy={busy}
        aria-disabled={busy || undefined}
        onClick={() => void acknowledge()}
        data-testid={testId}
        aria-describedby={describedBy}
      >
        {t('alerts.acknowledge')}
      </Button>
      {error ? (
        <span role="alert" className="schakel-alert__error">
          {error.problem ? <span lang={error.language}>{error.problem.title}</span> : t('states.error.unreachable')}
        </span>
      ) : null}
    </>
  );
}
