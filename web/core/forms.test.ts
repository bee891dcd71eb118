import { describe, expect, it } from 'vitest';
import type { ApiError } from './api/client';
import { describedBy, fieldErrorKind, fieldErrorsFrom, hasFieldErrors, invalidFieldCodes, summaryItems } from './forms';

const problemWith = (invalidParams: { name: string; code: string }[]) =>
  ({ invalidParams: invalidParams.map((param) => ({ ...param, reason: '' })) }) as ApiError;

describe('invalidFieldCodes', () => {
  it('keeps the first code of each known field in the body', () => {
    const error = problemWith([
      { name: 'body.email', code: 'taken' },
      { name: 'body.email', code: 'invalid_format' },
      { name: 'body.other', code: 'x' },
      { name: 'query.email', code: 'y' },
    ]);
    expect(invalidFieldCodes(error, ['email', 'displayName'])).toEqual({ email: 'taken' });
    expect(invalidFieldCodes(error, ['email'], 'query')).toEqual({ email: 'y' });
  });
});

describe('fieldErrorsFrom', () => {
  it('maps zod codes and our own dashed codes to the usual kinds', () => {
    expect(fieldErrorKind('too_small')).toBe('tooShort');
    expect(fieldErrorKind('too-short')).toBe('tooShort');
    expect(fieldErrorKind('too_big')).toBe('tooLong');
    expect(fieldErrorKind('invalid_type')).toBe('required');
    expect(fieldErrorKind('invalid_format')).toBe('invalid');
    const errors = fieldErrorsFrom(problemWith([{ name: 'body.name', code: 'too_small' }]), ['name']);
    expect(errors).toEqual({ name: 'tooShort' });
    expect(hasFieldErrors(errors)).toBe(true);
    expect(hasFieldErrors({})).toBe(false);
  });

  it('takes a module’s own mapping', () => {
    const errors = fieldErrorsFrom(problemWith([{ name: 'body.email', code: 'taken' }]), ['email'], (code) => (code === 'taken' ? 'taken' : 'invalid'));
    expect(errors).toEqual({ email: 'taken' });
  });
});

describe('describedBy', () => {
  it('lists the description, then the error, or nothing', () => {
    expect(describedBy('x', { description: true, error: true })).toBe('x-description x-error');
    expect(describedBy('x', { error: true })).toBe('x-error');
    expect(describedBy('x', {})).toBeUndefined();
  });
});

describe('summaryItems', () => {
  it('lists the fields with an error in the form’s order, each pointing at its input', () => {
    const ids = { email: 'user-email', name: 'user-name', roles: 'user-role-first' };
    const items = summaryItems<keyof typeof ids, string>({ roles: 'required', email: 'taken' }, ids, (field, kind) => `${field}: ${kind}`);
    expect(items).toEqual([
      { target: 'user-email', message: 'email: taken' },
      { target: 'user-role-first', message: 'roles: required' },
    ]);
    expect(summaryItems({}, ids, () => 'x')).toEqual([]);
  });
});
