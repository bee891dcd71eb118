import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { toApiError } from '@web/core/api/client';
import type { SummaryItem } from '@web/core/components/FormParts';
import { AttachmentsField, FILE_INPUT_ID } from './AttachmentsField';
import { createChallenge, type PublicReceipt, submitPublicSignal } from './meldpunt.api';
import { useReportLanguage } from './meldpunt.i18n';
import {
  attachmentIdsOf,
  emptyReport,
  generalErrorKey,
  newSubmissionId,
  publicSignalInput,
  reportErrorMessages,
  type ReportErrors,
  type ReportForm as ReportFormValues,
  type ReportProblem as Problem,
  reportProblemFrom,
  type Upload,
  uploadsPending,
} from './meldpunt.rules';
import { ChallengeSolver } from './proof-of-work';
import { AcuteField, ContactField, DescriptionField, FormsField, reportFieldIds, WhereWhenFields } from './ReportFields';
import { ReportProblem } from './ReportProblem';

/**
 * The report. Its submissionId is made once, when the form opens, and sent with every attempt
 * and every upload: a double click, a retry after a lost answer or a second try after an error
 * never makes a second report. The proof of work starts when the reporter starts writing.
 */
export function ReportForm({ onReceived }: { onReceived(receipt: PublicReceipt): void }) {
  const { t, language } = useReportLanguage();
  const [submissionId] = useState(newSubmissionId);
  const [solver] = useState(() => new ChallengeSolver(createChallenge));
  const [form, setForm] = useState<ReportFormValues>(emptyReport);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [problem, setProblem] = useState<Problem>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const [attempts, setAttempts] = useState(0);
  const sending = useRef(false);
  const problemRef = useRef<HTMLDivElement>(null);

  // After each failed attempt, focus goes to the summary of what went wrong.
  useEffect(() => {
    if (attempts > 0) problemRef.current?.focus();
  }, [attempts]);

  const set = <K extends keyof ReportFormValues>(key: K, value: ReportFormValues[K]) => setForm((previous) => ({ ...previous, [key]: value }));

  /** Sends once; a spent or expired challenge is solved again and sent once more. */
  const send = async (): Promise<PublicReceipt> => {
    for (let attempt = 0; ; attempt += 1) {
      const challenge = await solver.take();
      try {
        const receipt = await submitPublicSignal(
          publicSignalInput(form, { submissionId, challenge, language, attachmentIds: attachmentIdsOf(uploads) }),
        );
        solver.used();
        return receipt;
      } catch (caught) {
        const error = toApiError(caught);
        if (error.problem?.code !== 'public.challenge-invalid') throw error;
        solver.used();
        if (attempt > 0) throw error;
      }
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // A ref, not state: a double click arrives before React has re-rendered.
    if (sending.current) return;
    if (uploadsPending(uploads)) {
      setProblem({ fields: { files: 'pending' } });
      setAttempts((n) => n + 1);
      return;
    }
    sending.current = true;
    setBusy(true);
    try {
      onReceived(await send());
    } catch (caught) {
      setProblem(reportProblemFrom(toApiError(caught), form));
      setAttempts((n) => n + 1);
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const errors: ReportErrors = problem.fields;
  const items: SummaryItem[] = reportErrorMessages(errors).map(({ field, key }) => ({
    target: field === 'files' ? FILE_INPUT_ID : reportFieldIds[field],
    message: t(key),
  }));

  return (
    <section aria-labelledby="report-form-heading" className="schakel-section schakel-section--panel schakel-meldpunt-panel" id="report-form">
      <Heading2 id="report-form-heading" tabIndex={-1}>
        {t('form.heading')}
      </Heading2>
      <Paragraph>{t('form.intro')}</Paragraph>
      <form className="schakel-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="report-form-heading" data-testid="report-form">
        <ReportProblem
          ref={problemRef}
          id="report"
          items={items}
          general={problem.general ? generalErrorKey(problem.general) : undefined}
          instance={problem.instance}
        />
        <DescriptionField form={form} set={set} errors={errors} onFirstInput={() => solver.prepare()} />
        <WhereWhenFields form={form} set={set} errors={errors} />
        <FormsField form={form} set={set} errors={errors} />
        <AcuteField form={form} set={set} errors={errors} />
        <ContactField form={form} set={set} errors={errors} />
        <AttachmentsField submissionId={submissionId} uploads={uploads} onUploads={setUploads} error={errors.files} />

        {/* For robots only: people neither see nor reach it; a filled-in value refuses the report. */}
        <div className="schakel-meldpunt-honeypot" aria-hidden="true">
          <label htmlFor="report-website">{t('form.honeypot')}</label>
          <input id="report-website" name="website" type="text" tabIndex={-1} autoComplete="off" value={form.website} onChange={(event) => set('website', event.target.value)} />
        </div>

        <Paragraph className="schakel-form__privacy">{t('form.privacy')}</Paragraph>
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined} data-testid="report-submit">
          {busy ? t('form.sending') : t('form.submit')}
        </Button>
        <p className="schakel-visually-hidden" role="status">
          {busy ? t('form.sending') : ''}
        </p>
      </form>
    </section>
  );
}
