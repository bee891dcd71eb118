import type { Municipality, Organisation } from '@server/modules/regions/regions.schema';
import type { User } from '@server/modules/users/users.schema';
import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type ApiError, toApiError } from '@web/core/api/client';
import { useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { ConfirmAction } from '@web/core/components/ConfirmAction';
import { FormFailure, FormNotice, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorSummary } from '@web/core/components/FormParts';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { hasFieldErrors, summaryItems } from '@web/core/forms';
import { useSession } from '@web/core/session';
import { loadUser, resetSecondFactor, updateUser } from './users.api';
import { fieldIds, UserFormFields } from './UserFormFields';
import {
  isOwnAccount,
  type UserErrors,
  userErrorsFrom,
  userFormErrors,
  userFormOf,
  usersPath,
  updateInputOf,
} from './users.rules';
import { useRegionChoices } from './useRegionChoices';

type Outcome = { kind: 'none' } | { kind: 'invalid'; errors: UserErrors } | { kind: 'failed'; error: ApiError } | { kind: 'saved' } | { kind: 'unchanged' };

interface EditUserFormProps {
  user: User;
  organisations: readonly Organisation[];
  municipalities: readonly Municipality[];
  onSaved(user: User): void;
}

function EditUserForm({ user, organisations, municipalities, onSaved }: EditUserFormProps) {
  const { t } = useTranslation();
  const { me } = useSession();
  const own = isOwnAccount(me, user);
  const [form, setForm] = useState(() => userFormOf(user));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const { ref: feedback, submitted } = useSubmitFeedback();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const errors = userFormErrors(form, 'edit');
    const update = updateInputOf(user, form);
    if (hasFieldErrors(errors) || Object.keys(update).length === 0) {
      setOutcome(hasFieldErrors(errors) ? { kind: 'invalid', errors } : { kind: 'unchanged' });
      submitted();
      return;
    }
    setBusy(true);
    try {
      const saved = await updateUser(user.id, update);
      setForm(userFormOf(saved));
      setOutcome({ kind: 'saved' });
      onSaved(saved);
    } catch (caught) {
      const error = toApiError(caught);
      const fieldErrors = userErrorsFrom(error);
      setOutcome(hasFieldErrors(fieldErrors) ? { kind: 'invalid', errors: fieldErrors } : { kind: 'failed', error });
    } finally {
      setBusy(false);
      submitted();
    }
  };

  const errors = outcome.kind === 'invalid' ? outcome.errors : {};
  return (
    <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="user-details-heading">
      <Heading2 id="user-details-heading">{t('users.edit.details')}</Heading2>
      {outcome.kind === 'saved' || outcome.kind === 'unchanged' ? (
        <FormNotice ref={feedback} type={outcome.kind === 'saved' ? 'ok' : 'info'}>
          {t(outcome.kind === 'saved' ? 'users.edit.saved' : 'users.edit.unchanged')}
        </FormNotice>
      ) : null}
      {outcome.kind === 'failed' ? <FormFailure ref={feedback} error={outcome.error} heading={t('users.edit.failed')} /> : null}
      <ErrorSummary
        ref={feedback}
        id="user-errors"
        level={3}
        items={summaryItems(errors, fieldIds, (field, kind) => t(`users.form.errors.${field}.${kind}`))}
      />
      <UserFormFields
        mode="edit"
        form={form}
        onChange={setForm}
        errors={errors}
        organisations={organisations}
        municipalities={municipalities}
        ownAccount={own}
      />
      <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined}>
        {busy ? t('users.edit.busy') : t('users.edit.submit')}
      </Button>
    </form>
  );
}

function SecondFactorReset({ user, onReset }: { user: User; onReset(): void }) {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  // The button goes away after a reset; focus moves to the confirmation instead of the page top.
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) confirmation.current?.focus();
  }, [done]);
  const reset = async () => {
    setFailure(undefined);
    try {
      await resetSecondFactor(user.id);
      setDone(true);
      onReset();
    } catch (caught) {
      setFailure(toApiError(caught));
    }
  };
  return (
    <section className="schakel-section" aria-labelledby="user-second-factor-heading">
      <Heading2 id="user-second-factor-heading">{t('users.secondFactor.heading')}</Heading2>
      <Paragraph data-testid="user-second-factor">
        {t(user.secondFactorEnabled ? 'users.secondFactor.enabled' : 'users.secondFactor.disabled')}
      </Paragraph>
      <p className="schakel-visually-hidden" role="status">
        {done ? t('users.secondFactor.done') : ''}
      </p>
      {done ? (
        <div ref={confirmation} tabIndex={-1}>
          <Alert type="ok" className="schakel-notice">
            <Paragraph>{t('users.secondFactor.done')}</Paragraph>
          </Alert>
        </div>
      ) : null}
      {failure ? <ErrorState error={failure} heading={t('users.secondFactor.failed')} /> : null}
      {user.secondFactorEnabled ? (
        <ConfirmAction
          label={t('users.secondFactor.reset')}
          question={t('users.secondFactor.question', { name: user.displayName })}
          confirmLabel={t('users.secondFactor.confirm')}
          onConfirm={reset}
          testId="reset-second-factor"
        />
      ) : null}
    </section>
  );
}

export function EditUserPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { me } = useSession();
  const loaded = useResource(`user:${id}`, (signal) => loadUser(id, signal));
  const { organisations, municipalities } = useRegionChoices(me?.region ?? '');
  const [latest, setLatest] = useState<User>();
  const user = latest?.id === id ? latest : loaded.status === 'ready' ? loaded.data : undefined;

  const failed = [loaded, organisations, municipalities].find((resource) => resource.status === 'error');
  return (
    <>
      <p className="schakel-back">
        <AppLink to={usersPath}>{t('users.backToList')}</AppLink>
      </p>
      <PageHeading title={user ? t('users.edit.title', { name: user.displayName }) : t('users.edit.titleLoading')} />
      {failed?.status === 'error' ? <ErrorState error={failed.error} onRetry={failed.retry} /> : null}
      {!failed && (!user || organisations.status !== 'ready' || municipalities.status !== 'ready') ? <LoadingState /> : null}
      {user && organisations.status === 'ready' && municipalities.status === 'ready' ? (
        <>
          <Paragraph appearance="lead" className="schakel-lead">
            {user.email}
          </Paragraph>
          <section className="schakel-section">
            <EditUserForm user={user} organisations={organisations.data} municipalities={municipalities.data} onSaved={setLatest} />
          </section>
          <SecondFactorReset user={user} onReset={() => setLatest({ ...user, secondFactorEnabled: false })} />
        </>
      ) : null}
    </>
  );
}
