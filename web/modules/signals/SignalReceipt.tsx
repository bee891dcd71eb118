import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
import type { SignalCreated } from './signals.api';
import { signalPath, signalsPath } from './signals.rules';

/** After sending: the reference, a link to the signal, and a fresh form on request. */
export function SignalReceipt({ created, acute, ref, onAnother }: { created: SignalCreated; acute: boolean; ref: Ref<HTMLDivElement>; onAnother(): void }) {
  const { t } = useTranslation();
  return (
    <div ref={ref} tabIndex={-1} className="schakel-signal-receipt" data-testid="signal-receipt">
      <Alert type="ok" role="status">
        <Heading2 className="schakel-signal-receipt__heading">{t('signals.receipt.heading')}</Heading2>
        <Paragraph>{t(acute ? 'signals.receipt.nextAcute' : 'signals.receipt.next')}</Paragraph>
      </Alert>
      <Paragraph className="schakel-signal-receipt__label">{t('signals.receipt.reference')}</Paragraph>
      <p className="schakel-signal-receipt__reference">
        <code className="schakel-code" data-testid="signal-reference">
          {created.reference}
        </code>
      </p>
      <ul className="schakel-link-list">
        <li>
          <AppLink to={signalPath(created.id)} data-testid="receipt-open">
            {t('signals.receipt.open', { reference: created.reference })}
          </AppLink>
        </li>
        <li>
          <AppLink to={signalsPath}>{t('signals.receipt.toList')}</AppLink>
        </li>
      </ul>
      <Button appearance="secondary-action-button" onClick={onAnother}>
        {t('signals.receipt.another')}
      </Button>
    </div>
  );
}
