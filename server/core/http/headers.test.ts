import Negotiator from 'negotiator';
import { describe, expect, it } from 'vitest';
import { acceptsApiMediaType, securityHeaders } from './headers';

const negotiate = (accept: string) => () => ({
  type: (types: string[]) => new Negotiator({ headers: { accept } }).mediaType(types) ?? false,
});

describe('acceptsApiMediaType', () => {
  it.each([
    ['application/json', true],
    ['*/*', true],
    ['text/html, application/json', true],
    ['application/problem+json', true],
    ['application/*', true],
    ['application/xml', false],
    ['text/html', false],
    ['application/jsonx', false],
    ['application/json;q=0', false],
    ['application/xml;q=0.9, application/json;q=0.5', true],
    ['text/html;q=0.9', false],
  ])('%s -> %s', (accept, expected) => {
    expect(acceptsApiMediaType(accept, negotiate(accept))).toBe(expected);
  });
});

describe('securityHeaders', () => {
  it('holds the strict policy and no HSTS', () => {
    const headers = securityHeaders();
    expect(headers['Content-Security-Policy']).toBe(
      "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
    );
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Strict-Transport-Security']).toBeUndefined();
  });
});
