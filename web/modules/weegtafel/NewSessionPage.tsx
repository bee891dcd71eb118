import { Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AppLink } from '@web/core/components/AppLink';
import { PageHeading } from '@web/core/components/PageHeading';
import { SessionForm } from './SessionForm';
import { createSession } from './weegtafel.api';
import { emptySessionDraft, sessionPath, sessionsPath } from './weegtafel.rules';

/** Plan a session: the day, from and until (the region's time), and where. The chair is whoever plans it. */
export function NewSessionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <p className="schakel-back">
        <AppLink to={sessionsPath}>{t('weegtafel.backToList')}</AppLink>
      </p>
      <PageHeading title={t('weegtafel.new.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('weegtafel.new.lead')}
      </Paragraph>
      <SessionForm
        prefix="session"
        initial={emptySessionDraft()}
        submitLabel={t('weegtafel.new.submit')}
        failedHeading={t('weegtafel.new.failed')}
        testId="new-session-form"
        submitTestId="create-session"
        onSave={async (input) => {
          const created = await createSession(input);
          void navigate(sessionPath(created.id), { state: { created: true } });
        }}
      />
    </>
  );
}
