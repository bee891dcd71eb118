import { Alert, Button, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { type ApiError, toApiError } from '@web/core/api/client';
import { useResource } from '@web/core/api/useResource';
import { AppLink } from '@web/core/components/AppLink';
import { FormFailure, FormNotice, useSubmitFeedback } from '@web/core/components/FormFeedback';
import { ErrorSummary } from '@web/core/components/FormParts';
import { PageHeading } from '@web/core/components/PageHeading';
import { ErrorState, LoadingState } from '@web/core/components/States';
import { useFormat } from '@web/core/format';
import { useSession } from '@web/core/session';
import { casePath, useLegalBasisLabel, useRegionLegalBases } from '@web/modules/weegtafel';
import { TextAreaField } from '@web/core/components/FormParts';
import { ConsultationStatus } from './ConsultationMarks';
import { type Consultation, contribute, loadConsultation, recordAdvice } from './urgent-consultations.api';
import { caseConsultationsPath, isAdviceConflict, isUuid, myConsultationsPath, textError } from './urgent-consultations.rules';

type Notice = 'opened' | 'contributed' | 'advised';

export function ConsultationPage() {
  const { id = '' } = useParams();
  return <ConsultationScreen key={id} id={id} />;
}

/** One spoed-MDO: the question, who is asked, the thread, and the advice (recorded once; then read-only). */
function ConsultationScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const valid = isUuid(id);
  const resource = useResource(valid ? `urgent-consultation:${id}` : null, (signal) => loadConsultation(id, signal));
  const [changed, setChanged] = useState<Consultation>();
  const [conflict, setConflict] = useState(false);
  const opened = (location.state as { opened?: boolean } | null)?.opened === true;
  const [notice, setNotice] = useState<{ kind: Notice; n: number } | undefined>(opened ? { kind: 'opened', n: 0 } : undefined);
  const noticeRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice && notice.n > 0) noticeRef.current?.focus();
  }, [notice]);
  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);
  const consultation = changed ?? (resource.status === 'ready' ? resource.data : undefined);
  const back = (
    <p className="schakel-back">
      <AppLink to={myConsultationsPath}>{t('urgentConsultations.backToList')}</AppLink>
    </p>
  );

  if (!valid || (!consultation && resource.status === 'error' && resource.error.status === 404)) {
    return (
      <>
        {back}
        <PageHeading title={t('urgentConsultations.thread.notFound')} />
        <Paragraph>{t('urgentConsultations.thread.notFoundText')}</Paragraph>
      </>
    );
  }
  if (!consultation) {
    return (
      <>
        {back}
        <PageHeading title={t('urgentConsultations.thread.loadingTitle')} />
        {resource.status === 'error' ? <ErrorState error={resource.error} onRetry={resource.retry} /> : <LoadingState />}
      </>
    );
  }
  const done = (next: Consultation, kind: Notice) => {
    setConflict(false);
    setChanged(next);
    setNotice((previous) => ({ kind, n: (previous?.n ?? 0) + 1 }));
  };
  const reload = async () => {
    setConflict(false);
    setNotice(undefined);
    setChanged(await loadConsultation(id));
  };

  return (
    <>
      {back}
      <PageHeading title={t('urgentConsultations.thread.title', { reference: consultation.caseReference })} />
      {conflict ? (
        <div ref={conflictRef} tabIndex={-1} data-testid="consultation-conflict">
          <Alert type="error" role="alert" className="schakel-state">
            <Heading2 className="schakel-state__heading">{t('urgentConsultations.thread.conflictHeading')}</Heading2>
            <Paragraph>{t('urgentConsultations.thread.conflictText')}</Paragraph>
            <Button appearance="secondary-action-button" onClick={() => void reload()}>
              {t('urgentConsultations.thread.reload')}
            </Button>
          </Alert>
        </div>
      ) : null}
      {notice ? (
        <FormNotice ref={noticeRef} type="ok">
          {t(`urgentConsultations.notices.${notice.kind}`)}
        </FormNotice>
      ) : null}
      <div data-testid="consultation" data-status={consultation.status} data-version={consultation.version}>
        <Details consultation={consultation} />
        <Thread consultation={consultation} />
        {consultation.permissions.contribute ? <ContributionForm key={`c${consultation.contributions.length}`} consultation={consultation} onDone={(next) => done(next, 'contributed')} onConflict={() => setConflict(true)} /> : null}
        <Advice consultation={consultation} onDone={(next) => done(next, 'advised')} onConflict={() => setConflict(true)} />
      </div>
    </>
  );
}

function Details({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { me } = useSession();
  const legalBases = useRegionLegalBases(me?.region ?? '');
  const label = useLegalBasisLabel(legalBases.status === 'ready' ? legalBases.data : undefined);
  return (
    <section className="schakel-section" aria-labelledby="consultation-details">
      <Heading2 id="consultation-details">{t('urgentConsultations.thread.question')}</Heading2>
      <Paragraph className="schakel-mdo-pre" data-testid="consultation-question">
        {consultation.question}
      </Paragraph>
      <dl className="schakel-details">
        <div className="schakel-details__row">
          <dt>{t('urgentConsultations.thread.status')}</dt>
          <dd>
            <ConsultationStatus status={consultation.status} />
          </dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('urgentConsultations.thread.case')}</dt>
          <dd>
            <AppLink to={casePath(consultation.caseId)}>{consultation.caseReference}</AppLink> · <AppLink to={caseConsultationsPath(consultation.caseId)}>{t('urgentConsultations.thread.allOfCase')}</AppLink>
          </dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('urgentConsultations.thread.opened')}</dt>
          <dd>{t('urgentConsultations.thread.openedValue', { at: format.dateTime(consultation.openedAt), by: consultation.openedBy?.name ?? '—' })}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('urgentConsultations.thread.grantUntil')}</dt>
          <dd data-testid="grant-until">{format.dateTime(consultation.grantUntil)}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('urgentConsultations.thread.invitees')}</dt>
          <dd>
            <ul className="schakel-mdo-list" data-testid="invitees">
              {consultation.invitees.map((invitee) => (
                <li key={invitee.organisation.id}>
                  {invitee.organisation.name} <span className="schakel-table__sub">({label(invitee.legalBasis)})</span>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Thread({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="schakel-section" aria-labelledby="consultation-thread">
      <Heading2 id="consultation-thread">{t('urgentConsultations.thread.contributions')}</Heading2>
      {consultation.contributions.length === 0 ? <Paragraph>{t('urgentConsultations.thread.noContributions')}</Paragraph> : null}
      <ol className="schakel-mdo-thread" data-testid="contributions">
        {consultation.contributions.map((contribution) => (
          <li key={contribution.id} className="schakel-mdo-contribution" data-testid="contribution">
            <p className="schakel-mdo-contribution__meta">
              <strong>{contribution.author?.name ?? t('urgentConsultations.thread.unknownAuthor')}</strong>
              {contribution.organisation ? `, ${contribution.organisation.name}` : ''} · <time dateTime={contribution.at}>{format.dateTime(contribution.at)}</time>
            </p>
            <Paragraph className="schakel-mdo-pre">{contribution.text}</Paragraph>
          </li>
        ))}
      </ol>
    </section>
  );
}

interface ChangeProps {
  consultation: Consultation;
  onDone(next: Consultation): void;
  onConflict(): void;
}

function ContributionForm({ consultation, onDone, onConflict }: ChangeProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<'required' | 'tooShort' | 'tooLong'>();
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { ref, submitted } = useSubmitFeedback();
  const id = 'contribution-text';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const found = textError(text, 1);
    setError(found);
    if (found) {
      submitted();
      return;
    }
    setBusy(true);
    try {
      onDone(await contribute(consultation.id, text));
    } catch (caught) {
      const apiError = toApiError(caught);
      if (apiError.problem?.code === 'consultation.closed') onConflict();
      else {
        setFailure(apiError);
        submitted();
      }
    } finally {
      setBusy(false);
    }
  };
  const message = error ? t(`urgentConsultations.thread.errors.contribution.${error}`) : undefined;
  return (
    <section className="schakel-section" aria-labelledby="contribute-heading">
      <Heading3 id="contribute-heading">{t('urgentConsultations.thread.contribute')}</Heading3>
      <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="contribute-heading" data-testid="contribution-form">
        <ErrorSummary ref={ref} id="contribution-errors" level={3} items={message ? [{ target: id, message }] : []} />
        {failure ? <FormFailure ref={ref} error={failure} heading={t('urgentConsultations.thread.contributeFailed')} /> : null}
        <TextAreaField id={id} label={t('urgentConsultations.thread.contributionText')} description={t('urgentConsultations.thread.contributionHint')} value={text} onValue={setText} error={message} rows={3} />
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined} data-testid="add-contribution">
          {t('urgentConsultations.thread.submitContribution')}
        </Button>
      </form>
    </section>
  );
}

function Advice({ consultation, onDone, onConflict }: ChangeProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [text, setText] = useState('');
  const [error, setError] = useState<'required' | 'tooShort' | 'tooLong'>();
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { ref, submitted } = useSubmitFeedback();
  const id = 'advice-text';

  if (consultation.advice) {
    return (
      <section className="schakel-section" aria-labelledby="advice-heading" data-testid="advice">
        <Heading2 id="advice-heading">{t('urgentConsultations.thread.advice')}</Heading2>
        <Paragraph className="schakel-mdo-pre">{consultation.advice.text}</Paragraph>
        <Paragraph className="schakel-table__sub">{t('urgentConsultations.thread.advisedBy', { by: consultation.advice.by?.name ?? '—', at: format.dateTime(consultation.advice.at) })}</Paragraph>
        <Paragraph>{t('urgentConsultations.thread.readOnly')}</Paragraph>
      </section>
    );
  }
  if (!consultation.permissions.advise) return null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const found = textError(text, 3);
    setError(found);
    if (found) {
      submitted();
      return;
    }
    setBusy(true);
    try {
      onDone(await recordAdvice(consultation.id, consultation.version, text));
    } catch (caught) {
      const apiError = toApiError(caught);
      if (isAdviceConflict(apiError)) onConflict();
      else {
        setFailure(apiError);
        submitted();
      }
    } finally {
      setBusy(false);
    }
  };
  const message = error ? t(`urgentConsultations.thread.errors.advice.${error}`) : undefined;
  return (
    <section className="schakel-section" aria-labelledby="advice-heading">
      <Heading2 id="advice-heading">{t('urgentConsultations.thread.recordAdvice')}</Heading2>
      <Paragraph>{t('urgentConsultations.thread.adviceIntro')}</Paragraph>
      <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="advice-heading" data-testid="advice-form">
        <ErrorSummary ref={ref} id="advice-errors" level={3} items={message ? [{ target: id, message }] : []} />
        {failure ? <FormFailure ref={ref} error={failure} heading={t('urgentConsultations.thread.adviceFailed')} /> : null}
        <TextAreaField id={id} label={t('urgentConsultations.thread.adviceText')} value={text} onValue={setText} error={message} rows={4} />
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined} data-testid="record-advice">
          {t('urgentConsultations.thread.submitAdvice')}
        </Button>
      </form>
    </section>
  );
}
