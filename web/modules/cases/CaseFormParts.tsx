import { Button } from '@utrecht/component-library-react';
import { type ReactNode, type Ref, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '@web/core/api/client';
import { FormFailure, FormNotice } from '@web/core/components/FormFeedback';
import { ErrorSummary } from '@web/core/components/FormParts';
import { useInPlaceFocus } from '@web/core/components/useInPlaceFocus';
import type { FormErrorKind, FormErrors } from './cases.rules';

/** The message of a field's error: "Titel: dit is verplicht." */
export function useFieldMessages<F extends string>(errors: FormErrors<F>, labels: Record<F, string>): (field: F) => string | undefined {
  const { t } = useTranslation();
  return (field) => {
    const kind: FormErrorKind | undefined = errors[field];
    return kind ? t(`cases.errors.${kind}`, { field: labels[field] }) : undefined;
  };
}

/** The error summary (links to the fields, in the form's order) or the server's refusal, focused after a submit. */
export function CaseFormFeedback<F extends string>({
  formRef,
  id,
  errors,
  ids,
  message,
  failure,
  failedHeading,
}: {
  formRef: Ref<HTMLDivElement>;
  id: string;
  errors: FormErrors<F>;
  ids: Record<F, string>;
  message(field: F): string | undefined;
  failure: ApiError | undefined;
  failedHeading: string;
}) {
  const items = (Object.keys(ids) as F[]).filter((field) => errors[field]).map((field) => ({ target: ids[field], message: message(field) ?? '' }));
  return (
    <>
      <ErrorSummary ref={formRef} id={id} level={3} items={items} />
      {failure ? <FormFailure ref={formRef} error={failure} heading={failedHeading} /> : null}
    </>
  );
}

/**
 * A form behind a button ("Bron toevoegen"): opening moves focus to the form's first field,
 * closing (cancel or done) back to the button. The form stays in the reading order, no modal.
 */
export function Disclosure({ label, testId, children }: { label: string; testId: string; children: (close: () => void) => ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { trigger, panel } = useInPlaceFocus(open);
  if (!open) {
    return (
      <Button ref={trigger} appearance="secondary-action-button" aria-expanded={false} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
    );
  }
  return (
    <div ref={panel} className="schakel-case-form-panel" data-testid={`${testId}-form`}>
      {children(() => setOpen(false))}
      <Button appearance="subtle-button" className="schakel-case-form-panel__cancel" onClick={() => setOpen(false)}>
        {t('cases.form.cancel')}
      </Button>
    </div>
  );
}

/** A part of the case the region does not share with the reader's organisation. */
export function WithheldNotice({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <p className="schakel-case-withheld" data-testid={testId ?? 'withheld-notice'}>
      <LockIcon />
      <span>
        <strong>{t('cases.withheld.title')}</strong> {t('cases.withheld.text')}
      </span>
    </p>
  );
}

export function LockIcon() {
  return (
    <svg className="schakel-case-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <rect x="5" y="10" width="14" height="11" rx="1.5" className="schakel-case-icon__fill" />
      <path d="M8 10V7a4 4 0 0 1 8 0v3" className="schakel-case-icon__line" />
    </svg>
  );
}

/** A clock with an exclamation: "overdue"; the text beside it carries the meaning. */
export function OverdueIcon() {
  return (
    <svg className="schakel-case-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10" className="schakel-case-icon__fill" />
      <path d="M12 6v7M12 16.5v.5" className="schakel-case-icon__mark" />
    </svg>
  );
}

export function DoneIcon() {
  return (
    <svg className="schakel-case-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d="m4 12.5 5 5L20 6.5" className="schakel-case-icon__line" />
    </svg>
  );
}

/** "Saved": a status message that takes focus each time `n` grows (after the form that was used has closed). */
export function DoneNotice({ n, type = 'ok', children }: { n: number; type?: 'ok' | 'info'; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (n > 0) ref.current?.focus();
  }, [n]);
  if (n === 0) return null;
  return (
    <FormNotice ref={ref} type={type}>
      {children}
    </FormNotice>
  );
}
