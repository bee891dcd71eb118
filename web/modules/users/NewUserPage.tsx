import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { AppLink } from '@web/core/components/AppLink';
import { FormFailure, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorSummary } from '@web/core/components/FormParts';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { hasFieldErrors, summaryItems } from '@web/core/forms';
import { useSession } from '@web/core/session';
import { createUser, type UserCreated } from './users.api';
import { InitialPassword } from './InitialPassword';
import { fieldIds, UserFormFields } from './UserFormFields';
import { createInputOf, emptyUserForm, type UserErrors, userErrorsFrom, userFormErrors, usersPath } from './users.rules';
import { useRegionChoices } from './useRegionChoices';

type Outcome = { kind: 'none' } | { kind: 'invalid'; errors: UserErrors } | { kind: 'failed'; error: ApiError } | { kind: 'created'; created: UserCreated };

export function NewUserPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { organisations, municipalities } = useRegionChoices(me?.region ?? '');
  const [form, setForm] = useState(emptyUserForm);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const { ref: feedback, submitted } = useSubmitFeedback();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const errors = userFormErrors(form, 'create');
    if (hasFieldErrors(errors)) {
      setOutcome({ kind: 'invalid', errors });
      submitted();
      return;
    }
    setBusy(true);
    try {
      setOutcome({ kind: 'created', created: await createUser(createInputOf(form)) });
      setForm(emptyUserForm);
    } catch (caught) {
      const error = toApiError(caught);
      const errors = userErrorsFrom(error);
      setOutcome(hasFieldErrors(errors) ? { kind: 'invalid', errors } : { kind: 'failed', error });
    } finally {
      setBusy(false);
      submitted();
    }
  };

  const errors = outcome.kind === 'invalid' ? outcome.errors : {};
  const failedChoices = organisations.status === 'error' ? organisations : municipalities.status === 'error' ? municipalities : undefined;
  return (
    <>
      <p className="schakel-back">
        <AppLink to={usersPath}>{t('users.backToList')}</AppLink>
      </p>
      <PageHeading title={t('users.new.title')} />
      {outcome.kind === 'created' ? (
        <InitialPassword
          ref={feedback}
          user={outcome.created.user}
          password={outcome.created.initialPassword}
          onAnother={() => setOutcome({ kind: 'none' })}
        />
      ) : (
        <>
          <Paragraph appearance="lead" className="schakel-lead">
            {t('users.new.lead')}
          </Paragraph>
          {failedChoices?.status === 'error' ? <ErrorState error={failedChoices.error} onRetry={failedChoices.retry} /> : null}
          {organisations.status === 'loading' || municipalities.status === 'loading' ? <LoadingState /> : null}
          {organisations.status === 'ready' && municipalities.status === 'ready' ? (
            <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-label={t('users.new.title')}>
              {outcome.kind === 'failed' ? <FormFailure ref={feedback} error={outcome.error} heading={t('users.new.failed')} /> : null}
              <ErrorSummary ref={feedback} id="user-errors" items={summaryItems(errors, fieldIds, (field, kind) => t(`users.form.errors.${field}.${kind}`))} />
              <UserFormFields
                mode="create"
                form={form}
                onChange={setForm}
                errors={errors}
                organisations={organisations.data}
                municipalities={municipalities.data}
                ownAccount={false}
              />
              <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined}>
                {busy ? t('users.new.busy') : t('users.new.submit')}
              </Button>
            </form>
          ) : null}
        </>
      )}
    </>
  );
}
