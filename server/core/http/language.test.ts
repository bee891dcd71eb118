import { describe, expect, it } from 'vitest';
import { preferredLanguage } from './language';

describe('preferredLanguage', () => {
  it.each([
    [undefined, 'nl'],
    ['', 'nl'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['nl-NL', 'nl'],
    ['de-DE,en;q=0.8,nl;q=0.9', 'nl'],
    ['fr, en;q=0.5', 'en'],
    ['pl', 'nl'],
    ['en;q=0, nl;q=0.1', 'nl'],
  ])('%s -> %s', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });
});
