import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { AppLink } from '@web/core/components/AppLink';
import { PageHeading } from '@web/core/components/PageHeading';
import type { NavigationItem } from '@web/core/module';

export function NotFoundPage({ sections }: { sections: NavigationItem[] }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <>
      <PageHeading title={t('notFound.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('notFound.lead')} <code className="schakel-path">{pathname}</code>
      </Paragraph>
      <Paragraph>{t('notFound.help')}</Paragraph>
      <ul className="schakel-link-list">
        {sections.map((section) => (
          <li key={section.to}>
            <AppLink to={section.to}>{t(section.labelKey)}</AppLink>
          </li>
        ))}
      </ul>
    </>
  );
}
