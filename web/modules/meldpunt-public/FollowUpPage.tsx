import { Alert, Button, FormField, FormFieldDescription, FormLabel, Heading2, Paragraph, Textarea } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { toApiError } from '@web/core/api/client';
import { AppLink } from '@web/core/components/AppLink';
import { FieldError, type SummaryItem, TextField } from '@web/core/components/FormParts';
import { PageHeading } from '@web/core/components/PageHeading';
import { describedBy } from '@web/core/forms';
import { addToReport, type FollowUpStatus, lookUpFollowUp } from './meldpunt.api';
import { useReportLanguage } from './meldpunt.i18n';
import { followUpErrorKey, followUpGeneralKey, type FollowUpProblem, followUpProblemFrom } from './meldpunt.rules';
import { MeldpuntLayout } from './MeldpuntLayout';
import { ReportProblem } from './ReportProblem';

const ids = { reference: 'follow-reference', code: 'follow-code', text: 'follow-text' } as const;

/** What was found, with the reference and code that found it (in memory only, for additions). */
interface Found {
  reference: string;
  code: string;
  status: FollowUpStatus;
}

function useFocusAfter(count: number) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count]);
  return ref;
}

function LookupForm({ onFound }: { onFound(found: Found | undefined): void }) {
  const { t } = useReportLanguage();
  const [reference, setReference] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FollowUpProblem>({ fields: {} });
  const [failures, setFailures] = useState(0);
  const problemRef = useFocusAfter(failures);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const status = await lookUpFollowUp(reference, code);
      setProblem({ fields: {} });
      onFound({ reference: status.reference, code, status });
    } catch (caught) {
      setProblem(followUpProblemFrom(toApiError(caught), { reference, code }));
      // A status from an earlier lookup must not look like the answer to this one.
      onFound(undefined);
      setFailures((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const { fields } = problem;
  const items: SummaryItem[] = [
    ...(fields.reference ? [{ target: ids.reference, message: t(followUpErrorKey('reference', fields.reference)) }] : []),
    ...(fields.code ? [{ target: ids.code, message: t(followUpErrorKey('code', fields.code)) }] : []),
    // "Not found" belongs to the pair; it links to the first of the two.
    ...(problem.general === 'notFound' ? [{ target: ids.reference, message: t('follow.errors.notFound') }] : []),
  ];
  const general = problem.general && problem.general !== 'notFound' ? followUpGeneralKey(problem.general) : undefined;
  const prefix = t('errors.prefix');

  return (
    <section aria-labelledby="follow-lookup-heading" className="schakel-section schakel-section--panel schakel-meldpunt-panel">
      <Heading2 id="follow-lookup-heading">{t('follow.lookup.heading')}</Heading2>
      <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="follow-lookup-heading" data-testid="follow-lookup">
        <ReportProblem ref={problemRef} id="follow-lookup" items={items} general={general} instance={problem.instance} />
        <TextField
          id={ids.reference}
          label={t('follow.lookup.reference')}
          description={t('follow.lookup.referenceHint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          value={reference}
          onValue={setReference}
          error={fields.reference ? t(followUpErrorKey('reference', fields.reference)) : undefined}
          errorPrefix={prefix}
        />
        <TextField
          id={ids.code}
          label={t('follow.lookup.code')}
          description={t('follow.lookup.codeHint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          value={code}
          onValue={setCode}
          error={fields.code ? t(followUpErrorKey('code', fields.code)) : undefined}
          errorPrefix={prefix}
        />
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined}>
          {busy ? t('follow.lookup.busy') : t('follow.lookup.submit')}
        </Button>
      </form>
    </section>
  );
}

function StatusView({ found }: { found: Found }) {
  const { t, dateTime } = useReportLanguage();
  const { status } = found;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [status.reference]);
  return (
    <section aria-labelledby="follow-status-heading" className="schakel-section" data-testid="follow-status">
      <Heading2 id="follow-status-heading" ref={heading} tabIndex={-1}>
        {t('follow.status.heading', { reference: status.reference })}
      </Heading2>
      <dl className="schakel-details schakel-meldpunt-status">
        <div className="schakel-details__row">
          <dt>{t('follow.status.label')}</dt>
          <dd>
            <strong data-testid="follow-status-value" data-status={status.status}>
              {t(`follow.status.${status.status}`)}
            </strong>
            <br />
            {t(`follow.status.explain.${status.status}`)}
          </dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('follow.status.receivedAt')}</dt>
          <dd>{dateTime(status.receivedAt)}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('follow.status.lastChangedAt')}</dt>
          <dd>{dateTime(status.lastChangedAt)}</dd>
        </div>
        <div className="schakel-details__row">
          <dt>{t('follow.status.additions')}</dt>
          <dd data-testid="follow-additions">{status.additions}</dd>
        </div>
      </dl>
      <Paragraph className="schakel-hint">{t('follow.status.private')}</Paragraph>
    </section>
  );
}

function AdditionForm({ found, onAdded }: { found: Found; onAdded(status: FollowUpStatus): void }) {
  const { t } = useReportLanguage();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FollowUpProblem>({ fields: {} });
  const [done, setDone] = useState(false);
  const [answers, setAnswers] = useState(0);
  const problemRef = useFocusAfter(answers);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setDone(false);
    try {
      const status = await addToReport(found.reference, found.code, text);
      setProblem({ fields: {} });
      setText('');
      setDone(true);
      onAdded(status);
    } catch (caught) {
      setProblem(followUpProblemFrom(toApiError(caught), { reference: found.reference, code: found.code, text }));
      setAnswers((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const error = problem.fields.text ? t(followUpErrorKey('text', problem.fields.text)) : undefined;
  const general = problem.general ? followUpGeneralKey(problem.general) : undefined;
  return (
    <section aria-labelledby="follow-add-heading" className="schakel-section schakel-section--panel schakel-meldpunt-panel">
      <Heading2 id="follow-add-heading">{t('follow.add.heading')}</Heading2>
      {done ? (
        <div ref={doneRef} tabIndex={-1}>
          <Alert type="ok" role="status">
            <Paragraph data-testid="follow-added">{t('follow.add.done')}</Paragraph>
          </Alert>
        </div>
      ) : null}
      <form className="schakel-form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="follow-add-heading" data-testid="follow-add">
        <ReportProblem
          ref={problemRef}
          id="follow-add"
          items={error ? [{ target: ids.text, message: error }] : []}
          general={general}
          instance={problem.instance}
        />
        <FormField invalid={Boolean(error)} className="schakel-form__field">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor={ids.text}>{t('follow.add.label')}</FormLabel>
          </div>
          <FormFieldDescription id={`${ids.text}-description`} className="utrecht-form-field__description">
            {t('follow.add.hint')}
          </FormFieldDescription>
          {error ? (
            <FieldError id={ids.text} prefix={t('errors.prefix')}>
              {error}
            </FieldError>
          ) : null}
          <div className="utrecht-form-field__input">
            <Textarea
              id={ids.text}
              rows={6}
              value={text}
              onChange={(event) => setText(event.target.value)}
              invalid={Boolean(error)}
              required
              aria-describedby={describedBy(ids.text, { description: true, error: Boolean(error) })}
            />
          </div>
        </FormField>
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined}>
          {busy ? t('follow.add.busy') : t('follow.add.submit')}
        </Button>
      </form>
    </section>
  );
}

function FollowUpScreen() {
  const { t } = useReportLanguage();
  const [found, setFound] = useState<Found>();
  return (
    <>
      <PageHeading title={t('follow.title')} />
      <Paragraph appearance="lead" className="schakel-lead">
        {t('follow.lead')}
      </Paragraph>
      <LookupForm onFound={setFound} />
      {found ? (
        <>
          <StatusView found={found} />
          <AdditionForm found={found} onAdded={(status) => setFound({ ...found, status })} />
        </>
      ) : null}
      <Paragraph className="schakel-meldpunt-back">
        <AppLink to="/melden">{t('follow.reportLink')}</AppLink>
      </Paragraph>
    </>
  );
}

/** /melden/volgen: the status of a report by its reference and follow-up code, and additions. */
export function FollowUpPage() {
  return (
    <MeldpuntLayout>
      <FollowUpScreen />
    </MeldpuntLayout>
  );
}
