import { Alert, Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, type Ref, useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '@web/core/api/client';
import { ErrorState } from './States';

/**
 * After every submit, focus moves to what the form has to say — the error summary, a failure or
 * a notice — so a screen reader announces the outcome and a keyboard user starts from there.
 * Call `submitted()` once per attempt (also when nothing was sent); put `ref` on whichever
 * feedback is shown (only one is at a time).
 */
export function useSubmitFeedback() {
  const ref = useRef<HTMLDivElement>(null);
  const [submissions, setSubmissions] = useState(0);
  useEffect(() => {
    if (submissions > 0) ref.current?.focus();
  }, [submissions]);
  const submitted = useCallback(() => setSubmissions((n) => n + 1), []);
  return { ref, submitted };
}

/** The server refused or could not be reached, not because of a field: the problem, focusable. */
export function FormFailure({ ref, error, heading }: { ref?: Ref<HTMLDivElement>; error: ApiError; heading: string }) {
  return (
    <div ref={ref} tabIndex={-1}>
      <ErrorState error={error} heading={heading} />
    </div>
  );
}

/** The form did what was asked (`ok`) or there was nothing to do (`info`): a focusable status message. */
export function FormNotice({ ref, type, children }: { ref?: Ref<HTMLDivElement>; type: 'ok' | 'info'; children: ReactNode }) {
  return (
    <div ref={ref} tabIndex={-1}>
      <Alert type={type} role="status" className="schakel-notice">
        <Paragraph>{children}</Paragraph>
      </Alert>
    </div>
  );
}
