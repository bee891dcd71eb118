import { Button, Heading2, OrderedList, OrderedListItem, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { loginStepPath, myAccountPath, returnPathOf } from '@web/core/access';
import { type ApiError, toApiError } from '@web/core/api/client';
import { ErrorSummary, TextField } from '@web/core/components/FormParts';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { type SessionValue, useSession } from '@web/core/session';
import { confirmEnrolment, type Enrolment, startEnrolment } from './identity.api';
import { groupSecret, isOneTimeCode, normaliseOneTimeCode, svgDataUrl } from './identity.rules';
import { ProblemAlert } from './ProblemAlert';
import { RecoveryCodes } from './RecoveryCodes';

const CODE_ID = 'enrolment-code';
type Outcome = { kind: 'none' } | { kind: 'invalid' } | { kind: 'failed'; error: ApiError };

/** Setting up is for a log-in that waits for it, or for a logged-in account without a second factor. */
function mayEnrol(session: SessionValue): boolean {
  return session.current?.state === 'enrolment-required' || (session.me !== undefined && !session.me.secondFactor.enabled);
}

/**
 * Starts enrolment once per visit (a new secret each time; the server keeps the last one until it
 * is confirmed). The promise is kept in a ref so a remount in development does not ask twice.
 */
function useEnrolment(active: boolean) {
  const started = useRef<Promise<Enrolment> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ enrolment?: Enrolment; error?: ApiError }>({});
  useEffect(() => {
    if (!active) return undefined;
    started.current ??= startEnrolment();
    let live = true;
    started.current.then(
      (enrolment) => live && setState({ enrolment }),
      (error: unknown) => live && setState({ error: toApiError(error) }),
    );
    return () => {
      live = false;
    };
  }, [active, attempt]);
  const retry = () => {
    started.current = null;
    setState({});
    setAttempt((n) => n + 1);
  };
  return { ...state, retry };
}

export function EnrolmentPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const duringLogIn = session.current?.state === 'enrolment-required';
  const from = returnPathOf(location.state);
  const [codes, setCodes] = useState<string[]>();
  const { enrolment, error, retry } = useEnrolment(mayEnrol(session) && !codes);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [attempts, setAttempts] = useState(0);
  const feedback = useRef<HTMLDivElement>(null);
  const codesPanel = useRef<HTMLDivElement>(null);
  // Where "continue" leads: back to the page wanted before log-in, or to the account page.
  const [after] = useState(() => (duringLogIn ? from : myAccountPath));

  useEffect(() => {
    if (attempts > 0) feedback.current?.focus();
  }, [attempts]);
  useEffect(() => {
    if (codes) codesPanel.current?.focus();
  }, [codes]);

  if (!session.current) return <LoadingState />;
  if (!codes && !mayEnrol(session)) {
    const step = loginStepPath(session.current.state);
    return <Navigate to={step ?? (session.me ? myAccountPath : from)} replace state={{ from }} />;
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (!isOneTimeCode(code)) {
      setOutcome({ kind: 'invalid' });
      setAttempts((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const result = await confirmEnrolment(normaliseOneTimeCode(code));
      setCodes(result.recoveryCodes);
      // The log-in is complete now; the session has a new CSRF token.
      await session.refresh().catch(() => undefined);
    } catch (caught) {
      setCode('');
      setOutcome({ kind: 'failed', error: toApiError(caught) });
      setAttempts((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const invalidMessage = t('identity.enrolment.errors.code');
  return (
    <>
      <PageHeading title={t('identity.enrolment.title')} />
      {codes ? (
        <RecoveryCodes ref={codesPanel} codes={codes} onDone={() => void navigate(after, { replace: true })} />
      ) : (
        <>
          <Paragraph appearance="lead" className="schakel-lead">
            {t(duringLogIn ? 'identity.enrolment.leadLogIn' : 'identity.enrolment.lead')}
          </Paragraph>
          {error ? <ErrorState error={error} onRetry={retry} /> : null}
          {!enrolment && !error ? <LoadingState /> : null}
          {enrolment ? (
            <OrderedList className="schakel-steps">
              <OrderedListItem className="schakel-steps__step">
                <Heading2 className="schakel-steps__heading">{t('identity.enrolment.app.heading')}</Heading2>
                <Paragraph>{t('identity.enrolment.app.text')}</Paragraph>
              </OrderedListItem>
              <OrderedListItem className="schakel-steps__step">
                <Heading2 className="schakel-steps__heading">{t('identity.enrolment.scan.heading')}</Heading2>
                <Paragraph>{t('identity.enrolment.scan.text')}</Paragraph>
                <img className="schakel-qr" src={svgDataUrl(enrolment.qrCode)} alt={t('identity.enrolment.scan.alt')} width="200" height="200" />
                <Paragraph>{t('identity.enrolment.scan.manual')}</Paragraph>
                <p className="schakel-secret">
                  <code className="schakel-code" data-testid="enrolment-secret">
                    {groupSecret(enrolment.secret)}
                  </code>
                </p>
                <Paragraph>
                  <a className="utrecht-link utrecht-link--html-a" href={enrolment.otpauthUri}>
                    {t('identity.enrolment.scan.openApp')}
                  </a>
                </Paragraph>
              </OrderedListItem>
              <OrderedListItem className="schakel-steps__step">
                <Heading2 className="schakel-steps__heading" id="enrolment-confirm-heading">
                  {t('identity.enrolment.confirm.heading')}
                </Heading2>
                {outcome.kind === 'failed' ? <ProblemAlert ref={feedback} error={outcome.error} /> : null}
                <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="enrolment-confirm-heading">
                  <ErrorSummary
                    ref={feedback}
                    id="enrolment-errors"
                    level={3}
                    items={outcome.kind === 'invalid' ? [{ target: CODE_ID, message: invalidMessage }] : []}
                  />
                  <TextField
                    id={CODE_ID}
                    name="code"
                    label={t('identity.enrolment.confirm.label')}
                    description={t('identity.enrolment.confirm.hint')}
                    autoComplete="one-time-code"
                    inputMode="numeric"
                    maxLength={9}
                    className="schakel-form__field--code"
                    required
                    value={code}
                    onValue={setCode}
                    error={outcome.kind === 'invalid' ? invalidMessage : undefined}
                  />
                  <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined}>
                    {busy ? t('identity.enrolment.confirm.busy') : t('identity.enrolment.confirm.submit')}
                  </Button>
                </form>
              </OrderedListItem>
            </OrderedList>
          ) : null}
        </>
      )}
    </>
  );
}
