import { Alert, Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
import { PageHeading } from '@web/core/components/PageHeading';
import type { NavigationItem } from '@web/core/module';

const comingSoon = ['signals', 'table', 'care', 'network', 'insight'] as const;

export function HomePage({ sections }: { sections: NavigationItem[] }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('home.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('home.lead')}
      </Paragraph>
      <Paragraph>{t('home.privacy')}</Paragraph>

      <Alert type="info" className="schakel-notice">
        <Paragraph>
          <strong>{t('home.status.heading')}</strong> {t('home.status.text')}
        </Paragraph>
      </Alert>

      <section aria-labelledby="home-sections" className="schakel-section">
        <Heading2 id="home-sections">{t('home.sections.heading')}</Heading2>
        <ul className="schakel-cards">
          {sections.map((section) => (
            <li key={section.to} className="schakel-card">
              <Heading3 className="schakel-card__heading">
                <AppLink to={section.to} className="schakel-card__link">
                  {t(section.labelKey)}
                </AppLink>
              </Heading3>
              {section.descriptionKey ? <Paragraph>{t(section.descriptionKey)}</Paragraph> : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="home-coming" className="schakel-section">
        <Heading2 id="home-coming">{t('home.coming.heading')}</Heading2>
        <Paragraph>{t('home.coming.intro')}</Paragraph>
        <UnorderedList>
          {comingSoon.map((item) => (
            <UnorderedListItem key={item}>{t(`home.coming.items.${item}`)}</UnorderedListItem>
          ))}
        </UnorderedList>
      </section>

      <Alert type="warning" className="schakel-notice">
        <Paragraph>
          <strong>{t('home.emergency.heading')}</strong> {t('home.emergency.text')}
        </Paragraph>
      </Alert>
    </>
  );
}
