import { useState } from 'react';
import { type ApiError, toApiError } from '@web/core/api/client';
import { useSubmitFeedback } from '@web/core/components/FormFeedback';
import { invalidFieldCodes } from '@web/core/forms';
import type { Case } from './cases.api';
import { type FormErrorKind, type FormErrors, formErrorKind, isVersionConflict } from './cases.rules';

/** What every section of the case page gets from the page: the case, and how to report a change or a conflict. */
export interface CaseSectionProps {
  item: Case;
  onChanged(next: Case): void;
  onConflict(): void;
  /** The change ended the reader's own access (their organisation's track closed). */
  onAccessEnded?(): void;
}

/**
 * One form of the case page: checks first, then the call; server field errors land on their
 * fields, another refusal shows as a failure, a stale version goes to the page's conflict
 * notice (the form keeps what was typed). Focus moves to the outcome after every attempt.
 */
export function useCaseForm<F extends string>(fields: readonly F[]) {
  const [errors, setErrors] = useState<FormErrors<F>>({});
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { ref, submitted } = useSubmitFeedback();

  /** Resolves with `{ value }` when the call succeeded, undefined otherwise (the form shows why). */
  const submit = async <T,>(local: FormErrors<F>, call: () => Promise<T>, onConflict?: () => void): Promise<{ value: T } | undefined> => {
    if (busy) return undefined;
    setFailure(undefined);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      submitted();
      return undefined;
    }
    setBusy(true);
    try {
      return { value: await call() };
    } catch (caught) {
      const error = toApiError(caught);
      if (isVersionConflict(error) && onConflict) {
        onConflict();
        return undefined;
      }
      const codes = invalidFieldCodes(error, fields);
      const found: FormErrors<F> = {};
      for (const field of fields) if (codes[field] !== undefined) found[field] = formErrorKind(codes[field], field);
      setErrors(found);
      if (Object.keys(found).length === 0) setFailure(error);
      submitted();
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setErrors({});
    setFailure(undefined);
  };

  return { errors, failure, busy, ref, submit, reset, setFailure: (error: ApiError) => (setFailure(error), submitted()) };
}

export type { FormErrorKind };
