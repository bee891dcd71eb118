import { Alert, Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AppLink } from '@web/core/components/AppLink';
import { PageHeading } from '@web/core/components/PageHeading';
import { contentLanguages, languageNames } from '@web/core/i18n';
import type { NavigationItem } from '@web/core/module';
import { useSession } from '@web/core/session';

const comingSoon = ['table', 'care', 'network', 'insight'] as const;

/** The way in for citizens and professionals without an account: the public meldpunt, in its languages. */
function ReportCallout() {
  const { t, i18n } = useTranslation();
  const others = contentLanguages.filter((language) => language !== i18n.language);
  return (
    <section aria-labelledby="home-report" className="schakel-home-report">
      <Heading2 id="home-report" className="schakel-home-report__heading">
        {t('home.report.heading')}
      </Heading2>
      <Paragraph>{t('home.report.text')}</Paragraph>
      <Paragraph>
        <Link to="/melden" className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" data-testid="home-report">
          {t('home.report.link')}
        </Link>
      </Paragraph>
      <Paragraph id="home-report-languages">{t('home.report.languages')}</Paragraph>
      <ul className="schakel-home-report__languages" aria-labelledby="home-report-languages">
        {others.map((language) => (
          <li key={language}>
            <AppLink to={`/melden?taal=${language}`} lang={language} hrefLang={language}>
              {languageNames[language]}
            </AppLink>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function HomePage({ sections }: { sections: NavigationItem[] }) {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <>
      <PageHeading title={t('home.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('home.lead')}
      </Paragraph>
      {me ? null : <ReportCallout />}
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
