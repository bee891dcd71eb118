import type { ApiError } from './api/client';

/** The kinds of field error most forms tell apart; a module may add its own (e.g. `taken`). */
export type FieldErrorKind = 'required' | 'tooShort' | 'tooLong' | 'invalid';

/** Field name → the kind of message the form shows; only fields with an error have a key. */
export type FieldErrors<F extends string, K extends string = FieldErrorKind> = Partial<Record<F, K>>;

/**
 * The server's validation code of each field in a 400 problem (`invalidParams` named
 * `body.<field>` or `query.<field>`), first one per field. Parameters that are not fields of
 * the form are left out: the server is the one place the rules live, the form only translates.
 */
export function invalidFieldCodes<F extends string>(
  error: ApiError,
  fields: readonly F[],
  where: 'body' | 'query' = 'body',
): Partial<Record<F, string>> {
  const known = new Set<string>(fields);
  const codes: Partial<Record<F, string>> = {};
  for (const param of error.invalidParams) {
    const [place, name] = param.name.split('.');
    if (place !== where || !name || !known.has(name)) continue;
    const field = name as F;
    if (codes[field] === undefined) codes[field] = param.code;
  }
  return codes;
}

/** zod issue codes (and our own `too-short`-style codes) to the usual kinds of message. */
export function fieldErrorKind(code: string): FieldErrorKind {
  if (code === 'too_small' || code === 'too-short') return 'tooShort';
  if (code === 'too_big' || code === 'too-long') return 'tooLong';
  if (code === 'invalid_type' || code === 'required') return 'required';
  return 'invalid';
}

/** Maps the codes of `invalidFieldCodes` with `kindOf`. */
export function fieldErrorsFrom<F extends string, K extends string = FieldErrorKind>(
  error: ApiError,
  fields: readonly F[],
  kindOf: (code: string, field: F) => K = fieldErrorKind as (code: string) => K,
  where: 'body' | 'query' = 'body',
): FieldErrors<F, K> {
  const errors: FieldErrors<F, K> = {};
  const codes = invalidFieldCodes(error, fields, where);
  for (const field of fields) {
    const code = codes[field];
    if (code !== undefined) errors[field] = kindOf(code, field);
  }
  return errors;
}

export function hasFieldErrors(errors: object): boolean {
  return Object.keys(errors).length > 0;
}

/** The ids for `aria-describedby`: the description when there is one, then the error message. */
export function describedBy(id: string, options: { description?: boolean; error?: boolean }): string | undefined {
  return [options.description ? `${id}-description` : '', options.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/**
 * The items of a form's error summary: one per field with an error, in the form's order (the order
 * of `ids`), each pointing at the input to focus.
 */
export function summaryItems<F extends string, K extends string>(
  errors: FieldErrors<F, K>,
  ids: Record<F, string>,
  message: (field: F, kind: K) => string,
): { target: string; message: string }[] {
  return (Object.keys(ids) as F[]).flatMap((field) => {
    const kind = errors[field];
    return kind === undefined ? [] : [{ target: ids[field], message: message(field, kind) }];
  });
}
