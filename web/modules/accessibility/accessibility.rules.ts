import type { AccessibilityReportInput } from '@server/modules/accessibility/accessibility.schema';
import type { ApiError } from '@web/core/api/client';
import { type FieldErrors as CoreFieldErrors, fieldErrorsFrom as coreFieldErrorsFrom } from '@web/core/forms';

export { type FieldErrorKind, hasFieldErrors } from '@web/core/forms';

export type ReportField = keyof AccessibilityReportInput;
export type FieldErrors = CoreFieldErrors<ReportField>;

const fields: Record<ReportField, true> = { description: true, pagePath: true };

/**
 * The field errors in a 400 problem (`invalidParams` named `body.<field>`). The server is the
 * one place the rules live; the form only translates its answer.
 */
export function fieldErrorsFrom(error: ApiError): FieldErrors {
  return coreFieldErrorsFrom(error, Object.keys(fields) as ReportField[]);
}

/** The request body: the text as typed; no page when the reader chose none. */
export function reportInput(description: string, pagePath: string): AccessibilityReportInput {
  return pagePath ? { description, pagePath } : { description };
}
