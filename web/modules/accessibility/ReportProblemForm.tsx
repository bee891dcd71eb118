import type { AccessibilityReportReceipt } from '@server/modules/accessibility/accessibility.schema';
import {
  Button,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, toApiError } from '@web/core/api/client';
import { ErrorSummary, FieldError } from '@web/core/components/FormParts';
import { ErrorState } from '@web/core/components/States';
import { describedBy as describedByIds } from '@web/core/forms';
import { useMainNavigation } from '@web/core/navigation';
import { submitAccessibilityReport } from './accessibility.api';
import { ReportReceipt } from './ReportReceipt';
import { type FieldErrors, fieldErrorsFrom, hasFieldErrors, type ReportField, reportInput } from './accessibility.rules';

const ids: Record<ReportField, string> = { description: 'report-description', pagePath: 'report-page' };

type Outcome =
  | { kind: 'none' }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'received'; receipt: AccessibilityReportReceipt };

export function ReportProblemForm({ fromPath }: { fromPath?: string }) {
  const { t } = useTranslation();
  const pages = useMainNavigation();
  const [description, setDescription] = useState('');
  const [pagePath, setPagePath] = useState(() => (pages.some((page) => page.to === fromPath) ? (fromPath ?? '') : ''));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [submissions, setSubmissions] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const receipt = useRef<HTMLDivElement>(null);

  // After each answer, move focus to what changed: the error summary or the confirmation.
  useEffect(() => {
    if (submissions === 0) return;
    (summary.current ?? receipt.current)?.focus();
  }, [submissions]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      setOutcome({ kind: 'received', receipt: await submitAccessibilityReport(reportInput(description, pagePath)) });
      setDescription('');
    } catch (caught) {
      const error = toApiError(caught);
      const errors = fieldErrorsFrom(error);
      setOutcome(hasFieldErrors(errors) ? { kind: 'invalid', errors } : { kind: 'failed', error });
    } finally {
      setBusy(false);
      setSubmissions((n) => n + 1);
    }
  };

  if (outcome.kind === 'received') {
    return (
      <div className="schakel-report">
        <Heading2 id="report-heading">{t('accessibility.form.heading')}</Heading2>
        <ReportReceipt ref={receipt} receipt={outcome.receipt} onAnother={() => setOutcome({ kind: 'none' })} />
      </div>
    );
  }

  const errors = outcome.kind === 'invalid' ? outcome.errors : {};
  const message = (field: ReportField) => {
    const kind = errors[field];
    return kind ? t(`accessibility.form.errors.${field}.${kind}`) : undefined;
  };
  const describedBy = (field: ReportField, hasDescription: boolean) =>
    describedByIds(ids[field], { description: hasDescription, error: Boolean(errors[field]) });

  return (
    <div className="schakel-report">
      <Heading2 id="report-heading">{t('accessibility.form.heading')}</Heading2>
      <Paragraph>{t('accessibility.form.intro')}</Paragraph>
      <form className="schakel-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="report-heading">
        <ErrorSummary
          ref={summary}
          id="report-errors"
          level={3}
          items={(Object.keys(errors) as ReportField[]).map((field) => ({ target: ids[field], message: message(field) ?? '' }))}
        />
        {outcome.kind === 'failed' ? <ErrorState error={outcome.error} heading={t('accessibility.form.failed')} /> : null}

        <FormField invalid={Boolean(errors.description)} className="schakel-form__field">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor={ids.description}>{t('accessibility.form.description.label')}</FormLabel>
          </div>
          <FormFieldDescription id={`${ids.description}-description`} className="utrecht-form-field__description">
            {t('accessibility.form.description.hint')}
          </FormFieldDescription>
          {errors.description ? <FieldError id={ids.description}>{message('description')}</FieldError> : null}
          <div className="utrecht-form-field__input">
            <Textarea
              id={ids.description}
              name="description"
              rows={7}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              invalid={Boolean(errors.description)}
              required
              aria-describedby={describedBy('description', true)}
            />
          </div>
        </FormField>

        <FormField invalid={Boolean(errors.pagePath)} className="schakel-form__field">
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor={ids.pagePath}>{t('accessibility.form.page.label')}</FormLabel>
          </div>
          {errors.pagePath ? <FieldError id={ids.pagePath}>{message('pagePath')}</FieldError> : null}
          <div className="utrecht-form-field__input">
            <Select
              id={ids.pagePath}
              name="pagePath"
              value={pagePath}
              onChange={(event) => setPagePath(event.target.value)}
              invalid={Boolean(errors.pagePath)}
              aria-describedby={describedBy('pagePath', false)}
            >
              <SelectOption value="">{t('accessibility.form.page.none')}</SelectOption>
              {pages.map((page) => (
                <SelectOption key={page.to} value={page.to}>
                  {t(page.labelKey)}
                </SelectOption>
              ))}
            </Select>
          </div>
        </FormField>

        <Paragraph className="schakel-form__privacy">{t('accessibility.form.privacy')}</Paragraph>
        <Button type="submit" appearance="primary-action-button" busy={busy} aria-disabled={busy || undefined}>
          {busy ? t('accessibility.form.sending') : t('accessibility.form.submit')}
        </Button>
      </form>
    </div>
  );
}
