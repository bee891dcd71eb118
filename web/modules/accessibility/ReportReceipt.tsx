import type { AccessibilityReportReceipt } from '@server/modules/accessibility/accessibility.schema';
import { Alert, Button, Heading3, Paragraph } from '@utrecht/component-library-react';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@web/core/format';

interface ReportReceiptProps {
  receipt: AccessibilityReportReceipt;
  onAnother(): void;
  ref?: Ref<HTMLDivElement>;
}

/** The confirmation after a report: the reference to quote, and when it arrived. */
export function ReportReceipt({ receipt, onAnother, ref }: ReportReceiptProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div ref={ref} tabIndex={-1}>
      <Alert type="ok" role="status">
        <Heading3>{t('accessibility.form.received.heading')}</Heading3>
        <Paragraph>
          {t('accessibility.form.received.reference')}{' '}
          <strong className="schakel-reference" data-testid="report-reference">
            {receipt.reference}
          </strong>
        </Paragraph>
        <Paragraph>{t('accessibility.form.received.when', { when: format.dateTime(receipt.receivedAt) })}</Paragraph>
        <Paragraph>{t('accessibility.form.received.next')}</Paragraph>
        <Button appearance="secondary-action-button" onClick={onAnother}>
          {t('accessibility.form.received.another')}
        </Button>
      </Alert>
    </div>
  );
}
