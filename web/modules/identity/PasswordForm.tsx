import { Button, Heading2 } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { FormFailure, FormNotice, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorSummary, TextField } from '@web/core/components/FormParts';
import { hasFieldErrors, summaryItems } from '@web/core/forms';
import { changePassword } from './identity.api';
import { PASSWORD_MIN_LENGTH, type PasswordErrors, type PasswordField, passwordErrorsFrom, passwordFormErrors } from './identity.rules';

const ids: Record<PasswordField, string> = {
  currentPassword: 'password-current',
  newPassword: 'password-new',
  repeatPassword: 'password-repeat',
};

type Outcome = { kind: 'none' } | { kind: 'invalid'; errors: PasswordErrors } | { kind: 'failed'; error: ApiError } | { kind: 'changed' };

export function PasswordForm() {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<PasswordField, string>>({ currentPassword: '', newPassword: '', repeatPassword: '' });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const { ref: feedback, submitted } = useSubmitFeedback();

  const set = (field: PasswordField) => (value: string) => setValues((previous) => ({ ...previous, [field]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const errors = passwordFormErrors(values.currentPassword, values.newPassword, values.repeatPassword);
    if (hasFieldErrors(errors)) {
      setOutcome({ kind: 'invalid', errors });
      submitted();
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
      submitted();
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
        <FormNotice ref={feedback} type="ok">
          {t('identity.password.changed')}
        </FormNotice>
      ) : null}
      {outcome.kind === 'failed' ? <FormFailure ref={feedback} error={outcome.error} heading={t('identity.password.failed')} /> : null}
      <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="password-heading">
        <ErrorSummary
          ref={feedback}
          id="password-errors"
          level={3}
          items={summaryItems(errors, ids, (field) => message(field) ?? '')}
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
