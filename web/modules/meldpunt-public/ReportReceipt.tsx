import { Alert, Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { AppLink } from '@web/core/components/AppLink';
import { PageHeading } from '@web/core/components/PageHeading';
import type { PublicReceipt } from './meldpunt.api';
import { useReportLanguage } from './meldpunt.i18n';
import { formatFollowUpCode } from './meldpunt.rules';

export const FOLLOW_UP_PATH = '/melden/volgen';

/**
 * The receipt: the reference and the follow-up code, shown this once. The code lives only in
 * this page's memory: not in the address, not in storage, not in the history state.
 */
export function ReportReceipt({ receipt, onAnother }: { receipt: PublicReceipt; onAnother(): void }) {
  const { t, dateTime } = useReportLanguage();

  // The form is gone; start reading at the new heading.
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, []);

  return (
    <div className="schakel-meldpunt-receipt" data-testid="report-receipt">
      <PageHeading title={t('receipt.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('receipt.lead')}
      </Paragraph>

      <dl className="schakel-meldpunt-receipt__codes">
        <div className="schakel-meldpunt-receipt__row">
          <dt>{t('receipt.reference')}</dt>
          <dd>
            <span className="schakel-code schakel-meldpunt-receipt__value" data-testid="receipt-reference">
              {receipt.reference}
            </span>
          </dd>
        </div>
        <div className="schakel-meldpunt-receipt__row">
          <dt>{t('receipt.code')}</dt>
          <dd>
            <span className="schakel-code schakel-meldpunt-receipt__value" data-testid="receipt-code">
              {formatFollowUpCode(receipt.followUpCode)}
            </span>
          </dd>
        </div>
      </dl>
      <Paragraph>{t('receipt.received', { when: dateTime(receipt.receivedAt) })}</Paragraph>

      <Alert type="warning" className="schakel-meldpunt-receipt__warning">
        <Heading2 className="schakel-meldpunt-receipt__heading">{t('receipt.writeDown.heading')}</Heading2>
        <Paragraph>{t('receipt.writeDown.text')}</Paragraph>
        <Paragraph>{t('receipt.writeDown.secret')}</Paragraph>
      </Alert>

      <ButtonGroup className="schakel-no-print schakel-meldpunt-receipt__actions">
        <Button appearance="primary-action-button" onClick={() => window.print()}>
          {t('receipt.print')}
        </Button>
      </ButtonGroup>

      <Paragraph className="schakel-meldpunt-receipt__emergency">
        <strong>{t('receipt.emergency')}</strong>
      </Paragraph>

      <div className="schakel-no-print">
        <Paragraph>
          <AppLink to={FOLLOW_UP_PATH}>{t('receipt.follow')}</AppLink>
        </Paragraph>
        <Paragraph className="schakel-hint">{t('receipt.anotherHint')}</Paragraph>
        <Button appearance="secondary-action-button" onClick={onAnother}>
          {t('receipt.another')}
        </Button>
      </div>
    </div>
  );
}
