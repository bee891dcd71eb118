import { describe, expect, it } from 'vitest';
import type { ApiError } from '@web/core/api/client';
import {
  deviceOf,
  groupSecret,
  isOneTimeCode,
  isRecoveryCode,
  loginFieldErrors,
  normaliseOneTimeCode,
  passwordErrorsFrom,
  passwordFormErrors,
  recoveryCodesText,
  ssoFailed,
  ssoProviderName,
  svgDataUrl,
} from './identity.rules';

describe('groupSecret', () => {
  it('groups the base32 secret in fours for typing over', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('abcdefghij')).toBe('ABCD EFGH IJ');
    expect(groupSecret(' AB-CD ')).toBe('ABCD');
    expect(groupSecret('')).toBe('');
  });
});

describe('svgDataUrl', () => {
  it('turns SVG markup into a base64 data URL that decodes to the same markup, also with non-ASCII text', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>Schakel – QR</title></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const decoded = new TextDecoder().decode(Uint8Array.from(atob(url.split(',')[1] ?? ''), (c) => c.charCodeAt(0)));
    expect(decoded).toBe(svg);
  });
});

describe('one-time and recovery codes', () => {
  it('accepts six digits, with spaces or a dash as people type them', () => {
    expect(isOneTimeCode('123456')).toBe(true);
    expect(isOneTimeCode('123 456')).toBe(true);
    expect(normaliseOneTimeCode(' 123-456 ')).toBe('123456');
    expect(isOneTimeCode('12345')).toBe(false);
    expect(isOneTimeCode('12345a')).toBe(false);
    expect(isOneTimeCode('1234567')).toBe(false);
  });

  it('accepts a recovery code of the printed length', () => {
    expect(isRecoveryCode('abcde-fghij')).toBe(true);
    expect(isRecoveryCode('short')).toBe(false);
    expect(recoveryCodesText(['a', 'b'])).toBe('a\nb\n');
  });
});

describe('loginFieldErrors', () => {
  it('only asks for both fields; it never judges the address', () => {
    expect(loginFieldErrors('', '')).toEqual({ email: 'required', password: 'required' });
    expect(loginFieldErrors('  ', 'x')).toEqual({ email: 'required' });
    expect(loginFieldErrors('not-an-address', 'x')).toEqual({});
  });
});

describe('log-in through the organisation’s provider', () => {
  it('is offered only when the server says so, under the configured name', () => {
    expect(ssoProviderName({ enabled: true, providerName: 'Gemeente-account' })).toBe('Gemeente-account');
    expect(ssoProviderName({ enabled: false, providerName: null })).toBeUndefined();
    expect(ssoProviderName({ enabled: true, providerName: '  ' })).toBeUndefined();
    // Still loading, or the configuration could not be read: the password form is enough.
    expect(ssoProviderName(undefined)).toBeUndefined();
  });

  it('recognises the server’s redirect after a refused provider log-in', () => {
    expect(ssoFailed(new URLSearchParams('fout=oidc'))).toBe(true);
    expect(ssoFailed(new URLSearchParams(''))).toBe(false);
    expect(ssoFailed(new URLSearchParams('fout=iets-anders'))).toBe(false);
  });
});

describe('password change', () => {
  it('checks before sending that all is filled in and typed the same twice', () => {
    expect(passwordFormErrors('', '', '')).toEqual({ currentPassword: 'required', newPassword: 'required', repeatPassword: 'required' });
    expect(passwordFormErrors('old', 'new password one', 'new password two')).toEqual({ repeatPassword: 'mismatch' });
    expect(passwordFormErrors('old', 'same new password', 'same new password')).toEqual({});
  });

  const problem = (code: string, invalidParams: { name: string; code: string }[] = []) =>
    ({ problem: { code }, invalidParams: invalidParams.map((p) => ({ ...p, reason: '' })) }) as unknown as ApiError;

  it('puts a wrong current password on that field and a refused new one on the new field', () => {
    expect(passwordErrorsFrom(problem('auth.failed'))).toEqual({ currentPassword: 'wrong' });
    expect(passwordErrorsFrom(problem('password.rejected', [{ name: 'body.newPassword', code: 'too-common' }]))).toEqual({ newPassword: 'tooCommon' });
    expect(passwordErrorsFrom(problem('password.rejected', [{ name: 'body.newPassword', code: 'too-short' }]))).toEqual({ newPassword: 'tooShort' });
    expect(passwordErrorsFrom(problem('password.rejected'))).toEqual({ newPassword: 'invalid' });
    expect(passwordErrorsFrom(problem('request.rate-limited'))).toEqual({});
  });
});

describe('deviceOf', () => {
  it('names browser and system from a user agent', () => {
    expect(deviceOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36')).toEqual({
      browser: 'Chrome',
      system: 'Linux',
    });
    expect(deviceOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0')).toEqual({
      browser: 'Edge',
      system: 'Windows',
    });
    expect(deviceOf('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1')).toEqual({
      browser: 'Safari',
      system: 'iOS',
    });
    expect(deviceOf('curl/8.0')).toEqual({});
    expect(deviceOf(null)).toEqual({});
  });
});
