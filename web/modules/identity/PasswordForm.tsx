import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { ErrorSummary, TextField } from '@web/core/components/FormParts';
import { ErrorState } from '@web/core/components/States';
import { hasFieldErrors } from '@web/core/forms';
import { changePassword } from './identity.api';
import { PASSWORD_MIN_LENGTH, type PasswordErrors, type PasswordField, passwordErrorsFrom, passwordFormErrors } from './identity.rules';

const ids: Record<PasswordField, string> = {
  currentPassword: 'password-current',
  newPassword: 'password-new',
  repeatPassword: 'password-repeat',
};
const fields = Object.keys(ids) as PasswordField[];

type Outcome = { kind: 'none' } | { kind: 'invalid'; errors: PasswordErrors } | { kind: 'failed'; error: ApiError } | { kind: 'changed' };

export function PasswordForm() {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<PasswordField, string>>({ currentPassword: '', newPassword: '', repeatPassword: '' });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [submissions, setSubmissions] = useState(0);
  const feedback = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (submissions > 0) feedback.current?.focus();
  }, [submissions]);

  const set = (field: PasswordField) => (value: string) => setValues((previous) => ({ ...previous, [field]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const errors = passwordFormErrors(values.currentPassword, values.newPassword, values.repeatPassword);
    if (hasFieldErrors(errors)) {
      setOutcome({ kind: 'invalid', errors });
      setSubmissions((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      setValues({ currentPassword: '', newPassword: '', repeatPassword: '' });
      setOutcome({ kind: 'changed' });
    } catch (caught) {
      const error = toApiError(caught);
      const fieldErrors = passwordErrorsFrom(error);
      setOutcome(hasFieldErrors(fieldErrors) ? { kind: 'invalid', errors: fieldErrors } : { kind: 'failed', error });
    } finally {
      setBusy(false);
      setSubmissions((n) => n + 1);
    }
  };

  const errors = outcome.kind === 'invalid' ? outcome.errors : {};
  const message = (field: PasswordField) => {
    const kind = errors[field];
    return kind ? t(`identity.password.errors.${kind}`, { min: PASSWORD_MIN_LENGTH }) : undefined;
  };

  return (
    <section className="schakel-section schakel-account-section" aria-labelledby="password-heading">
      <Heading2 id="password-heading">{t('identity.password.heading')}</Heading2>
      {outcome.kind === 'changed' ? (
        <div ref={feedback} tabIndex={-1}>
          <Alert type="ok" role="status" className="schakel-notice">
            <Paragraph>{t('identity.password.changed')}</Paragraph>
          </Alert>
        </div>
      ) : null}
      {outcome.kind === 'failed' ? (
        <div ref={feedback} tabIndex={-1}>
          <ErrorState error={outcome.error} heading={t('identity.password.failed')} />
        </div>
      ) : null}
      <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="password-heading">
        <ErrorSummary
          ref={feedback}
          id="password-errors"
          level={3}
          items={fields.filter((field) => errors[field]).map((field) => ({ target: ids[field], message: message(field) ?? '' }))}
        />
        <TextField
          id={ids.currentPassword}
          type="password"
          autoComplete="current-password"
          label={t('identity.password.current')}
          required
          value={values.currentPassword}
          onValue={set('currentPassword')}
          error={message('currentPassword')}
        />
        <TextField
          id={ids.newPassword}
          type="password"
          autoComplete="new-password"
          label={t('identity.password.new')}
          description={t('identity.password.newHint', { min: PASSWORD_MIN_LENGTH })}
          required
          value={values.newPassword}
          onValue={set('newPassword')}
          error={message('newPassword')}
        />
        <TextField
          id={ids.repeatPassword}
          type="password"
          autoComplete="new-password"
          label={t('identity.password.repeat')}
          required
          value={values.repeatPassword}
          onValue={set('repeatPassword')}
          error={message('repeatPassword')}
        />
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined}>
          {busy ? t('identity.password.busy') : t('identity.password.submit')}
        </Button>
      </form>
    </section>
  );
}
