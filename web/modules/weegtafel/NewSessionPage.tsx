import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type ApiError, toApiError } from '@web/core/api/client';
import { AppLink } from '@web/core/components/AppLink';
import { FormFailure, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorSummary, TextField } from '@web/core/components/FormParts';
import { PageHeading } from '@web/core/components/PageHeading';
import { summaryItems } from '@web/core/forms';
import { createSession } from './weegtafel.api';
import {
  emptySessionDraft,
  type SessionDraft,
  sessionDraftErrors,
  type SessionErrorKind,
  type SessionField,
  sessionInputOf,
  sessionPath,
  sessionsPath,
} from './weegtafel.rules';

const ids: Record<SessionField, string> = { date: 'session-date', startTime: 'session-start', endTime: 'session-end', location: 'session-location' };

/** The server names startsAt/endsAt; the form asks a date and two times. */
function serverErrors(error: ApiError): Partial<Record<SessionField, SessionErrorKind>> {
  const errors: Partial<Record<SessionField, SessionErrorKind>> = {};
  for (const param of error.invalidParams) {
    if (param.name === 'body.endsAt') errors.endTime = param.code === 'too_small' ? 'endBeforeStart' : 'invalid';
    if (param.name === 'body.startsAt') errors.startTime = 'invalid';
    if (param.name === 'body.location') errors.location = 'tooLong';
  }
  return errors;
}

/** Plan a session: the day, from and until (the region's time), and where. The chair is whoever plans it. */
export function NewSessionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<SessionDraft>(emptySessionDraft);
  const [errors, setErrors] = useState<Partial<Record<SessionField, SessionErrorKind>>>({});
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { ref, submitted } = useSubmitFeedback();
  const message = (field: SessionField, kind: SessionErrorKind) => t(`weegtafel.new.errors.${field}.${kind}` as 'weegtafel.new.errors.date.required');
  const error = (field: SessionField) => (errors[field] ? message(field, errors[field]) : undefined);
  const set = (field: SessionField) => (value: string) => setDraft((previous) => ({ ...previous, [field]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const found = sessionDraftErrors(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      submitted();
      return;
    }
    setBusy(true);
    try {
      const created = await createSession(sessionInputOf(draft));
      void navigate(sessionPath(created.id), { state: { created: true } });
    } catch (caught) {
      const apiError = toApiError(caught);
      const fields = serverErrors(apiError);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(apiError);
      submitted();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="schakel-back">
        <AppLink to={sessionsPath}>{t('weegtafel.backToList')}</AppLink>
      </p>
      <PageHeading title={t('weegtafel.new.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('weegtafel.new.lead')}
      </Paragraph>
      <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} data-testid="new-session-form">
        <ErrorSummary ref={ref} id="session-errors" items={summaryItems(errors, ids, message)} />
        {failure ? <FormFailure ref={ref} error={failure} heading={t('weegtafel.new.failed')} /> : null}
        <TextField id={ids.date} label={t('weegtafel.new.date')} type="date" value={draft.date} onValue={set('date')} error={error('date')} required />
        <div className="schakel-wt-times">
          <TextField id={ids.startTime} label={t('weegtafel.new.startTime')} type="time" value={draft.startTime} onValue={set('startTime')} error={error('startTime')} required />
          <TextField id={ids.endTime} label={t('weegtafel.new.endTime')} type="time" value={draft.endTime} onValue={set('endTime')} error={error('endTime')} required />
        </div>
        <TextField id={ids.location} label={t('weegtafel.new.location')} description={t('weegtafel.new.locationHint')} value={draft.location} onValue={set('location')} error={error('location')} autoComplete="off" />
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined} data-testid="create-session">
          {t('weegtafel.new.submit')}
        </Button>
      </form>
    </>
  );
}
