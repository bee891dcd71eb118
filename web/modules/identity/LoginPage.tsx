import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { loginStepPath, returnPathOf } from '@web/core/access';
import { type ApiError, toApiError } from '@web/core/api/client';
import { useResource } from '@web/core/api/useResource';
import { ErrorSummary, TextField } from '@web/core/components/FormParts';
import { PageHeading } from '@web/core/components/PageHeading';
import { LoadingState } from '@web/core/components/States';
import { hasFieldErrors } from '@web/core/forms';
import { useSession } from '@web/core/session';
import { loadOidcConfiguration, logIn, oidcLogInUrl } from './identity.api';
import { type LoginField, loginFieldErrors, ssoFailed, ssoProviderName } from './identity.rules';
import { ProblemAlert } from './ProblemAlert';

const ids: Record<LoginField, string> = { email: 'login-email', password: 'login-password' };

type Outcome = { kind: 'none' } | { kind: 'invalid'; errors: Partial<Record<LoginField, 'required'>> } | { kind: 'failed'; error: ApiError };

/** Step 1: e-mail address and password. Then on to the second factor, or back where the person was. */
export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const from = returnPathOf(location.state);
  const loggedOut = (location.state as { loggedOut?: boolean } | null)?.loggedOut === true;
  const [search] = useSearchParams();
  const oidc = useResource('oidc-configuration', loadOidcConfiguration);
  const provider = ssoProviderName(oidc.status === 'ready' ? oidc.data : undefined);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [attempts, setAttempts] = useState(0);
  const feedback = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempts > 0) feedback.current?.focus();
  }, [attempts]);

  if (!session.current) return <LoadingState />;
  if (session.me && !busy) return <Navigate to={from} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const errors = loginFieldErrors(email, password);
    if (hasFieldErrors(errors)) {
      setOutcome({ kind: 'invalid', errors });
      setAttempts((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await logIn(email.trim(), password);
      const next = await session.refresh();
      void navigate(loginStepPath(next.state) ?? from, { replace: true, state: { from } });
    } catch (caught) {
      setPassword('');
      setOutcome({ kind: 'failed', error: toApiError(caught) });
      setAttempts((n) => n + 1);
      setBusy(false);
    }
  };

  const errors = outcome.kind === 'invalid' ? outcome.errors : {};
  const message = (field: LoginField) => (errors[field] ? t(`identity.login.errors.${field}`) : undefined);

  return (
    <>
      <PageHeading title={t('identity.login.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('identity.login.lead')}
      </Paragraph>
      {loggedOut && outcome.kind === 'none' ? (
        <Alert type="ok" role="status" className="schakel-notice">
          <Paragraph>{t('identity.login.loggedOut')}</Paragraph>
        </Alert>
      ) : null}
      {ssoFailed(search) && outcome.kind === 'none' ? (
        <Alert type="error" role="alert" className="schakel-notice" data-testid="sso-failed">
          <Paragraph>{t('identity.login.ssoFailed')}</Paragraph>
        </Alert>
      ) : null}
      <section className="schakel-section schakel-login" aria-labelledby="login-form-heading">
        <Heading2 id="login-form-heading" className="schakel-visually-hidden">
          {t('identity.login.formHeading')}
        </Heading2>
        {outcome.kind === 'failed' ? <ProblemAlert ref={feedback} error={outcome.error} /> : null}
        <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="login-form-heading">
          <ErrorSummary
            ref={feedback}
            id="login-errors"
            items={(Object.keys(errors) as LoginField[]).map((field) => ({ target: ids[field], message: message(field) ?? '' }))}
          />
          <TextField
            id={ids.email}
            name="email"
            type="email"
            label={t('identity.login.email')}
            autoComplete="username"
            spellCheck={false}
            required
            value={email}
            onValue={setEmail}
            error={message('email')}
          />
          <TextField
            id={ids.password}
            name="password"
            type="password"
            label={t('identity.login.password')}
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
            error={message('password')}
          />
          <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined}>
            {busy ? t('identity.login.busy') : t('identity.login.submit')}
          </Button>
        </form>
        {provider ? (
          <div className="schakel-login__sso">
            <Paragraph className="schakel-login__or">{t('identity.login.or')}</Paragraph>
            {/* A plain link: the browser leaves for the provider and comes back through the server. */}
            <a
              href={oidcLogInUrl(from)}
              className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
              data-testid="sso-login"
            >
              {t('identity.login.sso', { provider })}
            </a>
          </div>
        ) : null}
        <Paragraph className="schakel-form__privacy">{t('identity.login.help')}</Paragraph>
      </section>
    </>
  );
}
