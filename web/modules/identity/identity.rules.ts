import type { OidcConfiguration } from '@server/modules/oidc/oidc.schema';
import type { ApiError } from '@web/core/api/client';
import { type FieldErrors, fieldErrorsFrom } from '@web/core/forms';

/** The authenticator secret for typing over: groups of four, as most apps show it. */
export function groupSecret(secret: string, size = 4): string {
  const clean = secret.replace(/[\s-]/g, '').toUpperCase();
  return clean.match(new RegExp(`.{1,${size}}`, 'g'))?.join(' ') ?? '';
}

/** The server's SVG as an `<img>` source: a data URL, so no markup enters the DOM (strict CSP allows img data:). */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** What people type for a six-digit code: spaces and dashes ("123 456") are fine. */
export function normaliseOneTimeCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function isOneTimeCode(input: string): boolean {
  return /^\d{6}$/.test(normaliseOneTimeCode(input));
}

/** A recovery code as printed (`abcde-fghij`); the server ignores dashes and case. */
export function isRecoveryCode(input: string): boolean {
  const trimmed = input.trim();
  return trimmed.length >= 8 && trimmed.length <= 40;
}

/** Recovery codes as plain text for the clipboard or a password manager: one a line. */
export function recoveryCodesText(codes: readonly string[]): string {
  return `${codes.join('\n')}\n`;
}

// --- Log-in form ------------------------------------------------------------------------------

export type LoginField = 'email' | 'password';

/**
 * Only "filled in?" is checked here; whether the account exists is never hinted at. The
 * server answers a wrong e-mail address and a wrong password the same way.
 */
export function loginFieldErrors(email: string, password: string): FieldErrors<LoginField, 'required'> {
  return {
    ...(email.trim() === '' ? { email: 'required' as const } : {}),
    ...(password === '' ? { password: 'required' as const } : {}),
  };
}

/** The name for "Log in with …" when the server offers an OpenID provider; undefined: no such option. */
export function ssoProviderName(configuration: OidcConfiguration | undefined): string | undefined {
  if (!configuration?.enabled) return undefined;
  return configuration.providerName?.trim() || undefined;
}

/**
 * The server sends a refused log-in through the provider back to `/inloggen?fout=oidc`. Why it
 * was refused is in the access log only: the screen says no more than that it did not work.
 */
export function ssoFailed(search: URLSearchParams): boolean {
  return search.get('fout') === 'oidc';
}

// --- Change password form ---------------------------------------------------------------------

export type PasswordField = 'currentPassword' | 'newPassword' | 'repeatPassword';
export type PasswordErrorKind = 'required' | 'wrong' | 'tooShort' | 'tooLong' | 'tooCommon' | 'invalid' | 'mismatch';
export type PasswordErrors = FieldErrors<PasswordField, PasswordErrorKind>;

export const PASSWORD_MIN_LENGTH = 12;

/** Before sending: all filled in, and the new password typed the same twice. */
export function passwordFormErrors(current: string, next: string, repeat: string): PasswordErrors {
  const errors: PasswordErrors = {};
  if (current === '') errors.currentPassword = 'required';
  if (next === '') errors.newPassword = 'required';
  if (repeat === '') errors.repeatPassword = 'required';
  else if (next !== '' && next !== repeat) errors.repeatPassword = 'mismatch';
  return errors;
}

function passwordKind(code: string): PasswordErrorKind {
  if (code === 'too-short' || code === 'too_small') return 'tooShort';
  if (code === 'too-long' || code === 'too_big') return 'tooLong';
  if (code === 'too-common') return 'tooCommon';
  return 'invalid';
}

/**
 * The server's answer as field errors: a wrong current password is `auth.failed`; a new one it
 * refuses is `password.rejected` with the reason in invalidParams.
 */
export function passwordErrorsFrom(error: ApiError): PasswordErrors {
  if (error.problem?.code === 'auth.failed') return { currentPassword: 'wrong' };
  const errors = fieldErrorsFrom<PasswordField, PasswordErrorKind>(error, ['currentPassword', 'newPassword'], passwordKind);
  if (error.problem?.code === 'password.rejected' && !errors.newPassword) errors.newPassword = 'invalid';
  return errors;
}

// --- Sessions ---------------------------------------------------------------------------------

const browsers: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\//, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrom(e|ium)\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const systems: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad|iOS/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Chrome on Linux" from a user agent, so people recognise their devices; undefined when unknown. */
export function deviceOf(userAgent: string | null): { browser?: string; system?: string } {
  if (!userAgent) return {};
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  return { ...(browser ? { browser } : {}), ...(system ? { system } : {}) };
}
