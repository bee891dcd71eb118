import { describe, expect, it } from 'vitest';
import { canImport, headerProblem, importsSearch, lineRange, parseImportsSearch, percentDone, shortHash } from './imports.rules';

describe('imports rules', () => {
  it('is for the ketenregisseur', () => {
    expect(canImport(undefined)).toBe(false);
    expect(canImport({ roles: ['aandachtsfunctionaris'] } as never)).toBe(false);
    expect(canImport({ roles: ['ketenregisseur'] } as never)).toBe(true);
  });

  it('computes progress without dividing by zero or passing 100', () => {
    expect(percentDone({ processed: 0, total: 0 })).toBe(0);
    expect(percentDone({ processed: 333, total: 1000 })).toBe(33);
    expect(percentDone({ processed: 12, total: 10 })).toBe(100);
  });

  it('keeps only a valid page in the address', () => {
    expect(parseImportsSearch(new URLSearchParams('pagina=3'))).toEqual({ page: 3 });
    expect(parseImportsSearch(new URLSearchParams('pagina=-1'))).toEqual({ page: 1 });
    expect(importsSearch(1)).toBe('');
    expect(importsSearch(2)).toBe('?pagina=2');
  });

  it('reads the parts of a refused header and the range of a multi-line record', () => {
    expect(
      headerProblem([
        { name: 'body.header', code: 'missing-columns', reason: 'Missing: Meldingnummer' },
        { name: 'body.header', code: 'expected', reason: 'Meldingnummer | Datum melding' },
        { name: 'body.header', code: 'found', reason: 'Nummer | Datum melding' },
      ]),
    ).toEqual({ missing: 'Meldingnummer', expected: 'Meldingnummer | Datum melding', found: 'Nummer | Datum melding' });
    expect(headerProblem([{ name: 'body.line.3', code: 'malformed', reason: 'x' }])).toBeUndefined();
    expect(lineRange({ line: 4, lastLine: 6 })).toEqual({ from: 4, to: 6 });
    expect(lineRange({ line: 4, lastLine: 4 })).toEqual({ from: 4 });
    expect(shortHash('a'.repeat(60) + 'bcde')).toBe('aaaaaaaa…bcde');
  });
});
