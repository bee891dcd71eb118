import { Secret, TOTP } from 'otpauth';

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) as authenticator apps expect it. */
const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string): TOTP {
  return new TOTP({ issuer: 'Schakel', label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD });
}

export function totpUri(secret: string, label: string): string {
  return totp(secret, label).toString();
}

/**
 * Checks a code within one step either side, and returns the time step it matched, so the
 * caller can refuse a step that was already used (a code is accepted once only).
 */
export function matchTotp(secret: string, code: string, lastUsedStep: number | null, now = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totp(secret, '').validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return undefined;
  return step;
}

/** The current code (demo and tests only). */
export function currentTotp(secret: string, now = Date.now()): string {
  return totp(secret, '').generate({ timestamp: now });
}
