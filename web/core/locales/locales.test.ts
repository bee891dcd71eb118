import { describe, expect, it } from 'vitest';
import { enTranslation as en, nlTranslation as nl } from './modules';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: unknown): string[] {
  return typeof text === 'string' ? [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort() : [];
}

function at(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree);
}

describe('locale files (core and modules)', () => {
  it('have the same keys in Dutch and English', () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
  });

  it('use the same placeholders in both languages and leave no text empty', () => {
    for (const key of keys(nl)) {
      expect(placeholders(at(en, key)), key).toEqual(placeholders(at(nl, key)));
      expect(String(at(nl, key)).trim(), key).not.toBe('');
      expect(String(at(en, key)).trim(), key).not.toBe('');
    }
  });
});
