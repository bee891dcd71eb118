import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useResource } from '@web/core/api/useResource';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { loadVerification } from './access-log.api';

/** Whether the hash chain of the whole log is unbroken: no entry was changed or removed. */
export function ChainStatus() {
  const { t } = useTranslation();
  const format = useFormat();
  const check = useResource('access-log-verification', loadVerification);
  return (
    <section className="schakel-section" aria-labelledby="chain-heading">
      <Heading2 id="chain-heading">{t('accessLog.chain.heading')}</Heading2>
      {check.status === 'loading' ? <LoadingState label={t('accessLog.chain.checking')} /> : null}
      <div role="status" data-testid="chain-status" data-state={check.status}>
        {check.status === 'ready' ? (
          <Alert type={check.data.intact ? 'ok' : 'error'} className="schakel-notice">
            <Paragraph>
              <strong>{t(check.data.intact ? 'accessLog.chain.intact' : 'accessLog.chain.broken')}</strong>{' '}
              {check.data.intact
                ? t('accessLog.chain.intactText', { rows: format.number(check.data.rows) })
                : t('accessLog.chain.brokenText', { id: String(check.data.firstBrokenId ?? '?'), rows: format.number(check.data.rows) })}
            </Paragraph>
          </Alert>
        ) : null}
      </div>
      {check.status === 'error' ? <ErrorState error={check.error} onRetry={check.retry} /> : null}
      {check.status === 'ready' ? (
        <Button appearance="secondary-action-button" onClick={check.retry}>
          {t('accessLog.chain.again')}
        </Button>
      ) : null}
    </section>
  );
}
