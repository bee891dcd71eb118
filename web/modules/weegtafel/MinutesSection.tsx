import { Button, ButtonGroup, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { ConfirmAction } from '@web/core/components/ConfirmAction';
import { FormFailure, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorSummary } from '@web/core/components/FormParts';
import { useFormat } from '@web/core/format';
import { TextAreaField } from '@web/core/components/FormParts';
import type { SessionChanges } from './SessionPage';
import { addAmendment, confirmMinutes, type Session, updateSession } from './weegtafel.api';
import type { sessionActions } from './weegtafel.rules';

interface MinutesSectionProps {
  session: Session;
  changes: SessionChanges;
  actions: ReturnType<typeof sessionActions>;
}

/** Held, confirmed, and after that only visible amendments: the minutes are append-only. */
export function MinutesSection({ session, changes, actions }: MinutesSectionProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [failure, setFailure] = useState<ApiError>();
  const { ref, submitted } = useSubmitFeedback();
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>, notice: 'held' | 'confirmed') => {
    setFailure(undefined);
    try {
      await action();
      await changes.done(notice);
    } catch (caught) {
      const error = toApiError(caught);
      if (!changes.conflict(error)) {
        setFailure(error);
        submitted();
      }
    }
  };
  const notConfirmable = failure?.problem?.code === 'table.minutes-not-confirmable' ? failure.invalidParams.map((p) => p.name) : [];

  return (
    <section className="schakel-section" aria-labelledby="session-minutes" data-testid="minutes">
      <Heading2 id="session-minutes">{t('weegtafel.minutes.heading')}</Heading2>
      {actions.minutesReadOnly ? <Paragraph data-testid="minutes-read-only">{t('weegtafel.minutes.readOnly')}</Paragraph> : null}
      {session.status === 'cancelled' ? <Paragraph>{t('weegtafel.minutes.cancelled')}</Paragraph> : null}
      {!actions.minutesReadOnly && session.status !== 'cancelled' ? <Paragraph>{t(actions.confirmMinutes ? 'weegtafel.minutes.introChair' : 'weegtafel.minutes.intro')}</Paragraph> : null}
      {notConfirmable.length > 0 ? (
        <div ref={ref} tabIndex={-1} className="schakel-error-summary" role="alert" aria-labelledby="minutes-errors-heading">
          <Heading3 id="minutes-errors-heading" className="schakel-error-summary__heading">
            {t('weegtafel.minutes.notConfirmable')}
          </Heading3>
          <ul>
            {notConfirmable.map((name) => (
              <li key={name}>{t(name === 'attendance' ? 'weegtafel.minutes.needsAttendance' : 'weegtafel.minutes.needsStart')}</li>
            ))}
          </ul>
        </div>
      ) : failure ? (
        <FormFailure ref={ref} error={failure} heading={t('weegtafel.minutes.failed')} />
      ) : null}
      {actions.markHeld || actions.confirmMinutes ? (
        <ButtonGroup className="schakel-wt-minutes-actions">
          {actions.markHeld ? (
            <Button
              appearance="secondary-action-button"
              busy={busy}
              data-testid="mark-held"
              onClick={() => {
                setBusy(true);
                void run(() => updateSession(session.id, { version: session.version, status: 'held' }), 'held').finally(() => setBusy(false));
              }}
            >
              {t('weegtafel.minutes.markHeld')}
            </Button>
          ) : null}
          {actions.confirmMinutes ? (
            <ConfirmAction
              label={t('weegtafel.minutes.confirm')}
              question={t('weegtafel.minutes.confirmQuestion')}
              confirmLabel={t('weegtafel.minutes.confirmYes')}
              testId="confirm-minutes"
              onConfirm={() => run(() => confirmMinutes(session.id, session.version), 'confirmed')}
            />
          ) : null}
        </ButtonGroup>
      ) : null}
      {session.amendments.length > 0 || actions.amend ? (
        <div className="schakel-wt-amendments" data-testid="amendments">
          <Heading3>{t('weegtafel.minutes.amendments')}</Heading3>
          {session.amendments.length === 0 ? <Paragraph>{t('weegtafel.minutes.noAmendments')}</Paragraph> : null}
          <ol className="schakel-wt-list">
            {session.amendments.map((amendment) => (
              <li key={amendment.id} data-testid="amendment">
                <Paragraph className="schakel-wt-pre">{amendment.text}</Paragraph>
                <span className="schakel-table__sub">{t('weegtafel.minutes.amendedBy', { by: amendment.amendedBy?.name ?? '—', at: format.dateTime(amendment.amendedAt) })}</span>
              </li>
            ))}
          </ol>
          {actions.amend ? <AmendmentForm session={session} changes={changes} /> : null}
        </div>
      ) : null}
    </section>
  );
}

function AmendmentForm({ session, changes }: { session: Session; changes: SessionChanges }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<'required' | 'tooShort' | 'tooLong'>();
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { ref, submitted } = useSubmitFeedback();
  const id = 'amendment-text';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const length = text.trim().length;
    const found = length === 0 ? 'required' : length < 3 ? 'tooShort' : length > 10_000 ? 'tooLong' : undefined;
    setError(found);
    if (found) {
      submitted();
      return;
    }
    setBusy(true);
    try {
      await addAmendment(session.id, text);
      await changes.done('amended');
    } catch (caught) {
      const apiError = toApiError(caught);
      if (!changes.conflict(apiError)) {
        setFailure(apiError);
        submitted();
      }
    } finally {
      setBusy(false);
    }
  };
  const message = error ? t(`weegtafel.minutes.errors.${error}`) : undefined;
  return (
    <form className="schakel-form schakel-wt-subform" noValidate onSubmit={(event) => void submit(event)} aria-label={t('weegtafel.minutes.amend')} data-testid="amendment-form">
      <ErrorSummary ref={ref} id="amendment-errors" level={3} items={message ? [{ target: id, message }] : []} />
      {failure ? <FormFailure ref={ref} error={failure} heading={t('weegtafel.minutes.amendFailed')} /> : null}
      <TextAreaField id={id} label={t('weegtafel.minutes.amendmentText')} description={t('weegtafel.minutes.amendmentHint')} value={text} onValue={setText} error={message} rows={3} />
      <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined} data-testid="add-amendment">
        {t('weegtafel.minutes.amend')}
      </Button>
    </form>
  );
}
