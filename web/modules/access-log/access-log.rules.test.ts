import { describe, expect, it } from 'vitest';
import {
  accessActions,
  accessLogFiltersSearch,
  accessLogQuery,
  filterFormErrors,
  hasActiveFilters,
  isDate,
  parseAccessLogFilters,
} from './access-log.rules';

const USER = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const blank = { from: '', to: '', userId: '', recordType: '', recordId: '', subject: '' };

describe('access log filters in the URL', () => {
  it('reads every filter and writes a search string that reads back the same', () => {
    const search = `?van=2026-01-01&tot=2026-01-31&gebruiker=${USER}&actie=login&soort=user&record=abc&betrokkene=${USER}&uitkomst=denied&pagina=2`;
    const filters = parseAccessLogFilters(new URLSearchParams(search));
    expect(filters).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      userId: USER,
      action: 'login',
      recordType: 'user',
      recordId: 'abc',
      subject: USER,
      outcome: 'denied',
      page: 2,
    });
    expect(accessLogFiltersSearch(filters)).toBe(search);
    expect(hasActiveFilters(filters)).toBe(true);
  });

  it('drops malformed values instead of sending them to the API', () => {
    const filters = parseAccessLogFilters(new URLSearchParams('van=2026-02-30&tot=gisteren&gebruiker=Jan&actie=hack&uitkomst=maybe&pagina=0'));
    expect(filters).toEqual({ page: 1 });
    expect(hasActiveFilters(filters)).toBe(false);
    expect(accessLogFiltersSearch({ page: 1 })).toBe('');
  });

  it('knows every action once', () => {
    expect(new Set(accessActions).size).toBe(accessActions.length);
    expect(accessActions).toContain('login-failed');
  });
});

describe('accessLogQuery', () => {
  it('turns a period of whole days into from (inclusive) and to (exclusive: the next midnight)', () => {
    const query = accessLogQuery({ from: '2026-01-01', to: '2026-01-31', page: 1 });
    expect(query.from).toBe(new Date(2026, 0, 1).toISOString());
    expect(query.to).toBe(new Date(2026, 1, 1).toISOString());
    expect(accessLogQuery({ page: 1 })).toEqual({
      from: undefined,
      to: undefined,
      userId: undefined,
      action: undefined,
      recordType: undefined,
      recordId: undefined,
      subject: undefined,
      outcome: undefined,
    });
  });
});

describe('filterFormErrors', () => {
  it('accepts an empty form and a good one', () => {
    expect(filterFormErrors(blank)).toEqual({});
    expect(filterFormErrors({ ...blank, from: '2026-01-01', to: '2026-01-01', userId: USER.toUpperCase() })).toEqual({});
  });

  it('flags days that do not exist, a period that runs backwards, a partial id and long texts', () => {
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
    expect(filterFormErrors({ ...blank, from: '2026-02-30' })).toEqual({ from: 'date' });
    expect(filterFormErrors({ ...blank, from: '2026-02-02', to: '2026-02-01' })).toEqual({ to: 'order' });
    expect(filterFormErrors({ ...blank, userId: '3f2504e0' })).toEqual({ userId: 'uuid' });
    expect(filterFormErrors({ ...blank, subject: 'x'.repeat(101) })).toEqual({ subject: 'tooLong' });
  });
});
