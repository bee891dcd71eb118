import type { AccessibilityReportInput } from '@server/modules/accessibility/accessibility.schema';
import type { ApiError } from '@web/core/api/client';

export type ReportField = keyof AccessibilityReportInput;
export type FieldErrorKind = 'required' | 'tooShort' | 'tooLong' | 'invalid';
export type FieldErrors = Partial<Record<ReportField, FieldErrorKind>>;

const fields: Record<ReportField, true> = { description: true, pagePath: true };

function isReportField(name: string): name is ReportField {
  return Object.hasOwn(fields, name);
}

/** Validation codes of the API (zod issue codes) to the kind of message the form shows. */
function kindOf(code: string): FieldErrorKind {
  if (code === 'too_small') return 'tooShort';
  if (code === 'too_big') return 'tooLong';
  if (code === 'invalid_type') return 'required';
  return 'invalid';
}

/**
 * The field errors in a 400 problem (`invalidParams` named `body.<field>`). The server is the
 * one place the rules live; the form only translates its answer.
 */
export function fieldErrorsFrom(error: ApiError): FieldErrors {
  const errors: FieldErrors = {};
  for (const param of error.invalidParams) {
    const [where, name] = param.name.split('.');
    if (where !== 'body' || !name || !isReportField(name) || errors[name]) continue;
    errors[name] = kindOf(param.code);
  }
  return errors;
}

export function hasFieldErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** The request body: the text as typed; no page when the reader chose none. */
export function reportInput(description: string, pagePath: string): AccessibilityReportInput {
  return pagePath ? { description, pagePath } : { description };
}
