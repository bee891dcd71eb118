import { Heading2, Paragraph, StatusBadge, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { PageHeading } from '@web/core/components/PageHeading';
import { ReportProblemForm } from './ReportProblemForm';

const measures = ['automated', 'keyboard', 'components', 'responsive', 'language', 'noTimeLimits'] as const;
const limitations = ['noAudit', 'newScreens'] as const;

function fromPathOf(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('from' in state)) return undefined;
  return typeof state.from === 'string' ? state.from : undefined;
}

/** In the spirit of the Dutch model statement (toegankelijkheidsverklaring), honest about its status. */
export function AccessibilityPage() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <>
      <PageHeading title={t('accessibility.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('accessibility.lead')}
      </Paragraph>

      <dl className="schakel-statement" aria-label={t('accessibility.facts.label')}>
        <div className="schakel-statement__row">
          <dt>{t('accessibility.facts.product')}</dt>
          <dd>{t('accessibility.facts.productValue')}</dd>
        </div>
        <div className="schakel-statement__row">
          <dt>{t('accessibility.facts.standard')}</dt>
          <dd>{t('accessibility.facts.standardValue')}</dd>
        </div>
        <div className="schakel-statement__row">
          <dt>{t('accessibility.facts.status')}</dt>
          <dd>
            <StatusBadge status="warning" className="schakel-badge">
              {t('accessibility.facts.statusBadge')}
            </StatusBadge>{' '}
            {t('accessibility.facts.statusValue')}
          </dd>
        </div>
        <div className="schakel-statement__row">
          <dt>{t('accessibility.facts.audit')}</dt>
          <dd>{t('accessibility.facts.auditValue')}</dd>
        </div>
      </dl>

      <section aria-labelledby="measures-heading" className="schakel-section">
        <Heading2 id="measures-heading">{t('accessibility.measures.heading')}</Heading2>
        <UnorderedList>
          {measures.map((measure) => (
            <UnorderedListItem key={measure}>{t(`accessibility.measures.items.${measure}`)}</UnorderedListItem>
          ))}
        </UnorderedList>
      </section>

      <section aria-labelledby="limitations-heading" className="schakel-section">
        <Heading2 id="limitations-heading">{t('accessibility.limitations.heading')}</Heading2>
        <UnorderedList>
          {limitations.map((limitation) => (
            <UnorderedListItem key={limitation}>{t(`accessibility.limitations.items.${limitation}`)}</UnorderedListItem>
          ))}
        </UnorderedList>
      </section>

      <section className="schakel-section schakel-section--panel">
        <ReportProblemForm fromPath={fromPathOf(location.state)} />
      </section>
    </>
  );
}
