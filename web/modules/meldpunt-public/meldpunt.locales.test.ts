import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- a test (never bundled) holds the page to the server's own rules
import { publicLanguages } from '@server/modules/signals/signals.catalogue';
import bg from './locales/bg.json';
import en from './locales/en.json';
import es from './locales/es.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';
import ro from './locales/ro.json';
import uk from './locales/uk.json';

const locales: Record<string, unknown> = { nl, en, pl, ro, bg, uk, es };

function leaves(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('meldpunt locale files', () => {
  it('exist for every language the server accepts', () => {
    expect(Object.keys(locales).sort()).toEqual([...publicLanguages].sort());
  });

  it.each(Object.keys(locales))('%s has every Dutch key, the same placeholders, no empty or untranslated text', (language) => {
    const dutch = new Map(leaves(nl));
    const own = new Map(leaves(locales[language]));
    expect([...own.keys()].sort()).toEqual([...dutch.keys()].sort());
    for (const [key, text] of own) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(dutch.get(key)!));
      // Only names, codes and numbers may stay the same as in Dutch.
      if (language !== 'nl' && text === dutch.get(key) && !/^(Status|\{\{\w+\}\}|[\d\s.,:%-]+|E-?mail.*)$/.test(text)) {
        expect.fail(`${language} ${key} is still Dutch: ${text}`);
      }
    }
  });
});
