import { Alert, Heading2, OrderedList, OrderedListItem, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useReportLanguage } from './meldpunt.i18n';
import { reportForms } from './meldpunt.rules';

const signs = ['papers', 'control', 'debt', 'fear', 'housing'] as const;
const steps = ['reference', 'read', 'follow', 'private'] as const;

/** 112 first, then in plain language: what exploitation is, what happens with a report, anonymity. */
export function EmergencyNotice() {
  const { t } = useReportLanguage();
  return (
    <Alert type="warning" className="schakel-meldpunt-emergency">
      <Heading2 className="schakel-meldpunt-emergency__heading">{t('report.emergency.heading')}</Heading2>
      <Paragraph className="schakel-meldpunt-emergency__call">
        <a href="tel:112">{t('report.emergency.text')}</a>
      </Paragraph>
      <Paragraph>{t('report.emergency.anonymousLine')}</Paragraph>
    </Alert>
  );
}

export function ReportIntro() {
  const { t } = useReportLanguage();
  return (
    <>
      <section aria-labelledby="meldpunt-what" className="schakel-section">
        <Heading2 id="meldpunt-what">{t('report.what.heading')}</Heading2>
        <Paragraph>{t('report.what.text')}</Paragraph>
        <Paragraph>{t('report.what.formsIntro')}</Paragraph>
        <dl className="schakel-meldpunt-forms">
          {reportForms.map((form) => (
            <div key={form} className="schakel-meldpunt-forms__item">
              <dt>{t(`forms.${form}.label`)}</dt>
              <dd>{t(`forms.${form}.example`)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="meldpunt-signs" className="schakel-section">
        <Heading2 id="meldpunt-signs">{t('report.signs.heading')}</Heading2>
        <Paragraph>{t('report.signs.intro')}</Paragraph>
        <UnorderedList>
          {signs.map((sign) => (
            <UnorderedListItem key={sign}>{t(`report.signs.${sign}`)}</UnorderedListItem>
          ))}
        </UnorderedList>
      </section>

      <section aria-labelledby="meldpunt-after" className="schakel-section">
        <Heading2 id="meldpunt-after">{t('report.after.heading')}</Heading2>
        <OrderedList>
          {steps.map((step) => (
            <OrderedListItem key={step}>{t(`report.after.${step}`)}</OrderedListItem>
          ))}
        </OrderedList>
      </section>

      <section aria-labelledby="meldpunt-anonymous" className="schakel-section">
        <Heading2 id="meldpunt-anonymous">{t('report.anonymous.heading')}</Heading2>
        <Paragraph>{t('report.anonymous.text')}</Paragraph>
        <Paragraph>{t('report.anonymous.meaning')}</Paragraph>
      </section>
    </>
  );
}
