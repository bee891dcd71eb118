import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
import { PageHeading } from '@web/core/components/PageHeading';

/** A page this account's roles do not cover. The server refuses the data anyway. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('forbidden.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('forbidden.lead')}
      </Paragraph>
      <Paragraph>{t('forbidden.help')}</Paragraph>
      <AppLink to="/">{t('forbidden.home')}</AppLink>
    </>
  );
}
