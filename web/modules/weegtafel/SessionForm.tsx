import { Button } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { FormFailure, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorSummary, TextField } from '@web/core/components/FormParts';
import { summaryItems } from '@web/core/forms';
import { type SessionDraft, sessionDraftErrors, type SessionErrorKind, type SessionField, sessionInputOf } from './weegtafel.rules';

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

interface SessionFormProps {
  /** Ids are `${prefix}-date`, `-start`, `-end`, `-location`, `-errors`. */
  prefix: string;
  initial: SessionDraft;
  submitLabel: string;
  failedHeading: string;
  testId: string;
  submitTestId: string;
  onSave(input: ReturnType<typeof sessionInputOf>): Promise<void>;
  /** A refusal the page shows itself (a conflict): true, and the form shows nothing. */
  onRefused?(error: ApiError): boolean;
}

/** When and where a session is: the day, from and until (the region's time), and the place. For planning one and for moving it. */
export function SessionForm({ prefix, initial, submitLabel, failedHeading, testId, submitTestId, onSave, onRefused }: SessionFormProps) {
  const { t } = useTranslation();
  const ids: Record<SessionField, string> = { date: `${prefix}-date`, startTime: `${prefix}-start`, endTime: `${prefix}-end`, location: `${prefix}-location` };
  const [draft, setDraft] = useState<SessionDraft>(initial);
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
      await onSave(sessionInputOf(draft));
    } catch (caught) {
      const apiError = toApiError(caught);
      if (onRefused?.(apiError)) return;
      const fields = serverErrors(apiError);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(apiError);
      submitted();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} data-testid={testId}>
      <ErrorSummary ref={ref} id={`${prefix}-errors`} items={summaryItems(errors, ids, message)} />
      {failure ? <FormFailure ref={ref} error={failure} heading={failedHeading} /> : null}
      <TextField id={ids.date} label={t('weegtafel.new.date')} type="date" value={draft.date} onValue={set('date')} error={error('date')} required />
      <div className="schakel-wt-times">
        <TextField id={ids.startTime} label={t('weegtafel.new.startTime')} type="time" value={draft.startTime} onValue={set('startTime')} error={error('startTime')} required />
        <TextField id={ids.endTime} label={t('weegtafel.new.endTime')} type="time" value={draft.endTime} onValue={set('endTime')} error={error('endTime')} required />
      </div>
      <TextField id={ids.location} label={t('weegtafel.new.location')} description={t('weegtafel.new.locationHint')} value={draft.location} onValue={set('location')} error={error('location')} autoComplete="off" />
      <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined} data-testid={submitTestId}>
        {submitLabel}
      </Button>
    </form>
  );
}
