import { Paragraph } from '@utrecht/component-library-react';
import { type MouseEvent, useState } from 'react';
import { AppLink } from '@web/core/components/AppLink';
import { PageHeading } from '@web/core/components/PageHeading';
import type { PublicReceipt } from './meldpunt.api';
import { useReportLanguage } from './meldpunt.i18n';
import { MeldpuntLayout } from './MeldpuntLayout';
import { ReportForm } from './ReportForm';
import { EmergencyNotice, ReportIntro } from './ReportIntro';
import { FOLLOW_UP_PATH, ReportReceipt } from './ReportReceipt';

function ReportScreen() {
  const { t } = useReportLanguage();
  const [receipt, setReceipt] = useState<PublicReceipt>();
  // A new key gives the next report a fresh form, and with it a fresh submissionId.
  const [reportNumber, setReportNumber] = useState(1);

  if (receipt) {
    return (
      <ReportReceipt
        receipt={receipt}
        onAnother={() => {
          setReceipt(undefined);
          setReportNumber((n) => n + 1);
          window.scrollTo(0, 0);
        }}
      />
    );
  }

  const toForm = (event: MouseEvent<HTMLAnchorElement>) => {
    // Focus the form's heading without changing the address (the router owns it).
    event.preventDefault();
    document.getElementById('report-form-heading')?.focus();
  };

  return (
    <>
      <PageHeading title={t('report.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('report.lead')}
      </Paragraph>
      <EmergencyNotice />
      <ul className="schakel-meldpunt-shortcuts">
        <li>
          <a href="#report-form" className="utrecht-link utrecht-link--html-a" onClick={toForm}>
            {t('report.toForm')}
          </a>
        </li>
        <li>
          <AppLink to={FOLLOW_UP_PATH}>{t('report.followLink')}</AppLink>
        </li>
      </ul>
      <ReportIntro />
      <ReportForm key={reportNumber} onReceived={setReceipt} />
    </>
  );
}

/** /melden: explanation in plain language, then the form; after sending, the receipt. */
export function ReportPage() {
  return (
    <MeldpuntLayout>
      <ReportScreen />
    </MeldpuntLayout>
  );
}
