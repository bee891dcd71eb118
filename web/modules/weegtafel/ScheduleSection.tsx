import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { ConfirmAction } from '@web/core/components/ConfirmAction';
import { FormFailure, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { useInPlaceFocus } from '@web/core/components/useInPlaceFocus';
import { SessionForm } from './SessionForm';
import type { SessionChanges } from './SessionPage';
import { type Session, updateSession } from './weegtafel.api';
import { sessionDraftOf } from './weegtafel.rules';

/**
 * Moving or cancelling a planned session (the chair). Moving moves the invited partners' grants
 * with it; cancelling ends them at once; either way the invited partners are told (the server
 * does both, in one transaction with the change).
 */
export function ScheduleSection({ session, changes }: { session: Session; changes: SessionChanges }) {
  const { t } = useTranslation();
  const [moving, setMoving] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const { ref, submitted } = useSubmitFeedback();
  const { trigger, panel, keepFocus } = useInPlaceFocus(moving);

  return (
    <section className="schakel-section" aria-labelledby="session-schedule" data-testid="session-schedule">
      <Heading2 id="session-schedule">{t('weegtafel.schedule.heading')}</Heading2>
      <Paragraph>{t('weegtafel.schedule.intro')}</Paragraph>
      {failure ? <FormFailure ref={ref} error={failure} heading={t('weegtafel.schedule.cancelFailed')} /> : null}
      <div className="schakel-wt-schedule">
        {moving ? (
          <div ref={panel} className="schakel-wt-schedule__panel">
            <SessionForm
              prefix="move"
              initial={sessionDraftOf(session)}
              submitLabel={t('weegtafel.schedule.moveSubmit')}
              failedHeading={t('weegtafel.schedule.moveFailed')}
              testId="move-session-form"
              submitTestId="move-session-submit"
              onSave={async (input) => {
                await updateSession(session.id, { version: session.version, ...input });
                keepFocus(); // the page's notice takes focus
                setMoving(false);
                await changes.done('moved');
              }}
              onRefused={(error) => changes.conflict(error)}
            />
            <Button appearance="subtle-button" onClick={() => setMoving(false)}>
              {t('weegtafel.schedule.cancelMove')}
            </Button>
          </div>
        ) : (
          <Button ref={trigger} appearance="secondary-action-button" aria-expanded={false} onClick={() => setMoving(true)} data-testid="move-session">
            {t('weegtafel.schedule.move')}
          </Button>
        )}
        <ConfirmAction
          label={t('weegtafel.schedule.cancel')}
          question={t('weegtafel.schedule.cancelQuestion')}
          confirmLabel={t('weegtafel.schedule.cancelConfirm')}
          testId="cancel-session"
          onConfirm={async () => {
            setFailure(undefined);
            try {
              await updateSession(session.id, { version: session.version, status: 'cancelled' });
              await changes.done('cancelled');
            } catch (caught) {
              const error = toApiError(caught);
              if (!changes.conflict(error)) {
                setFailure(error);
                submitted();
              }
            }
          }}
        />
      </div>
    </section>
  );
}
