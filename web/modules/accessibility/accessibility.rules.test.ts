import { describe, expect, it } from 'vitest';
import type { ApiError } from '@web/core/api/client';
import { fieldErrorsFrom, hasFieldErrors, reportInput } from './accessibility.rules';

const problemWith = (invalidParams: { name: string; code: string; reason: string }[]) => ({ invalidParams }) as ApiError;

describe('fieldErrorsFrom', () => {
  it('maps the API validation codes of body fields to messages the form knows', () => {
    const errors = fieldErrorsFrom(
      problemWith([
        { name: 'body.description', code: 'too_small', reason: 'Describe the problem in at least 10 characters' },
        { name: 'body.pagePath', code: 'invalid_format', reason: 'A path' },
      ]),
    );
    expect(errors).toEqual({ description: 'tooShort', pagePath: 'invalid' });
    expect(fieldErrorsFrom(problemWith([{ name: 'body.description', code: 'too_big', reason: '' }]))).toEqual({
      description: 'tooLong',
    });
  });

  it('ignores parameters that are not fields of the form', () => {
    const errors = fieldErrorsFrom(
      problemWith([
        { name: 'query.page', code: 'too_small', reason: '' },
        { name: 'body.unknown', code: 'unknown', reason: '' },
      ]),
    );
    expect(hasFieldErrors(errors)).toBe(false);
  });
});

describe('reportInput', () => {
  it('sends the page only when one was chosen', () => {
    expect(reportInput('Het menu is niet te bedienen.', '')).toEqual({ description: 'Het menu is niet te bedienen.' });
    expect(reportInput('Het menu is niet te bedienen.', '/regio')).toEqual({
      description: 'Het menu is niet te bedienen.',
      pagePath: '/regio',
    });
  });
});
