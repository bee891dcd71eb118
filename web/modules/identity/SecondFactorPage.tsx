import { Button, Heading2, LinkButton, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { loginStepPath, returnPathOf } from '@web/core/access';
import { type ApiError, toApiError } from '@web/core/api/client';
import { ErrorSummary, TextField } from '@web/core/components/FormParts';
import { PageHeading } from '@web/core/components/PageHeading';
import { LoadingState } from '@web/core/components/States';
import { useLogOut, useSession } from '@web/core/session';
import { verifySecondFactor } from './identity.api';
import { isOneTimeCode, isRecoveryCode, normaliseOneTimeCode } from './identity.rules';
import { ProblemAlert } from './ProblemAlert';

const RECOVERY_PARAM = 'herstelcode';
const fieldIdFor = (recovery: boolean) => (recovery ? 'second-factor-recovery' : 'second-factor-code');
type Outcome = { kind: 'none' } | { kind: 'invalid' } | { kind: 'failed'; error: ApiError };

/** Step 2: the code of the authenticator app, or one of the recovery codes. */
export function SecondFactorPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const logOut = useLogOut();
  const [search] = useSearchParams();
  const useRecovery = search.has(RECOVERY_PARAM);
  const from = returnPathOf(location.state);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [attempts, setAttempts] = useState(0);
  const feedback = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempts > 0) feedback.current?.focus();
  }, [attempts]);

  // After switching between code and recovery code, continue in the new field.
  const shownMode = useRef(useRecovery);
  useEffect(() => {
    if (shownMode.current === useRecovery) return;
    shownMode.current = useRecovery;
    document.getElementById(fieldIdFor(useRecovery))?.focus();
  }, [useRecovery]);

  if (!session.current) return <LoadingState />;
  if (!busy && session.current.state !== 'second-factor-required') {
    return <Navigate to={loginStepPath(session.current.state) ?? from} replace state={{ from }} />;
  }

  const fieldId = fieldIdFor(useRecovery);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (useRecovery ? !isRecoveryCode(value) : !isOneTimeCode(value)) {
      setOutcome({ kind: 'invalid' });
      setAttempts((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await verifySecondFactor(useRecovery ? { recoveryCode: value.trim() } : { code: normaliseOneTimeCode(value) });
      await session.refresh();
      void navigate(from, { replace: true });
    } catch (caught) {
      setValue('');
      setOutcome({ kind: 'failed', error: toApiError(caught) });
      setAttempts((n) => n + 1);
      setBusy(false);
      // The session may have ended (too many attempts, expired): the guard then starts over.
      await session.refresh().catch(() => undefined);
    }
  };

  const cancel = async () => {
    await logOut({ state: { from } }).catch(() => undefined);
  };

  const invalidMessage = t(useRecovery ? 'identity.secondFactor.errors.recoveryCode' : 'identity.secondFactor.errors.code');
  const otherMethod = useRecovery ? '' : `?${RECOVERY_PARAM}`;

  return (
    <>
      <PageHeading title={t('identity.secondFactor.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t(useRecovery ? 'identity.secondFactor.leadRecovery' : 'identity.secondFactor.lead')}
      </Paragraph>
      <section className="schakel-section schakel-login" aria-labelledby="second-factor-heading">
        <Heading2 id="second-factor-heading" className="schakel-visually-hidden">
          {t(useRecovery ? 'identity.secondFactor.recoveryLabel' : 'identity.secondFactor.codeLabel')}
        </Heading2>
        {outcome.kind === 'failed' ? <ProblemAlert ref={feedback} error={outcome.error} /> : null}
        <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="second-factor-heading">
          <ErrorSummary ref={feedback} id="second-factor-errors" items={outcome.kind === 'invalid' ? [{ target: fieldId, message: invalidMessage }] : []} />
          {useRecovery ? (
            <TextField
              key="recovery"
              id={fieldId}
              name="recoveryCode"
              label={t('identity.secondFactor.recoveryLabel')}
              description={t('identity.secondFactor.recoveryHint')}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="none"
              required
              value={value}
              onValue={setValue}
              error={outcome.kind === 'invalid' ? invalidMessage : undefined}
            />
          ) : (
            <TextField
              key="code"
              id={fieldId}
              name="code"
              label={t('identity.secondFactor.codeLabel')}
              description={t('identity.secondFactor.codeHint')}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={9}
              className="schakel-form__field--code"
              required
              value={value}
              onValue={setValue}
              error={outcome.kind === 'invalid' ? invalidMessage : undefined}
            />
          )}
          <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined}>
            {busy ? t('identity.secondFactor.busy') : t('identity.secondFactor.submit')}
          </Button>
        </form>
        <ul className="schakel-link-list schakel-login__links">
          <li>
            <Link
              to={{ search: otherMethod }}
              replace
              state={location.state}
              onClick={() => {
                setValue('');
                setOutcome({ kind: 'none' });
              }}
              className="utrecht-link utrecht-link--html-a"
            >
              {t(useRecovery ? 'identity.secondFactor.useCode' : 'identity.secondFactor.useRecovery')}
            </Link>
          </li>
          <li>
            <LinkButton inline className="schakel-link-button" onClick={() => void cancel()}>
              {t('identity.secondFactor.cancel')}
            </LinkButton>
          </li>
        </ul>
      </section>
    </>
  );
}
