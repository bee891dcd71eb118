import type {
  enrolmentSchema,
  recoveryCodesSchema,
  SessionStatus,
  UserSession,
  userSessionListSchema,
} from '@server/modules/identity/identity.schema';
import type { OidcConfiguration } from '@server/modules/oidc/oidc.schema';
import type { z } from 'zod';
import { apiRequest, apiUrl } from '@web/core/api/client';

export type Enrolment = z.infer<typeof enrolmentSchema>;
type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;
type SessionList = z.infer<typeof userSessionListSchema>;

export async function logIn(email: string, password: string): Promise<SessionStatus> {
  return apiRequest<SessionStatus>(apiUrl('/sessions'), { method: 'POST', body: { email, password } });
}

export async function verifySecondFactor(input: { code: string } | { recoveryCode: string }): Promise<SessionStatus> {
  return apiRequest<SessionStatus>(apiUrl('/sessions/current/second-factor'), { method: 'POST', body: input });
}

export async function startEnrolment(): Promise<Enrolment> {
  return apiRequest<Enrolment>(apiUrl('/me/second-factor/enrolment'), { method: 'POST' });
}

export async function confirmEnrolment(code: string): Promise<RecoveryCodes> {
  return apiRequest<RecoveryCodes>(apiUrl('/me/second-factor'), { method: 'POST', body: { code } });
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await apiRequest<undefined>(apiUrl('/me/password'), { method: 'POST', body: { currentPassword, newPassword } });
}

export async function loadMySessions(signal: AbortSignal): Promise<UserSession[]> {
  return (await apiRequest<SessionList>(apiUrl('/sessions'), { signal }))._embedded.sessions;
}

export async function endSession(id: string): Promise<void> {
  await apiRequest<undefined>(apiUrl(`/sessions/${encodeURIComponent(id)}`), { method: 'DELETE' });
}

export async function endAllSessions(): Promise<void> {
  await apiRequest<undefined>(apiUrl('/sessions'), { method: 'DELETE' });
}

/** Whether log-in through the organisation's OpenID provider is offered, and under which name. */
export async function loadOidcConfiguration(signal: AbortSignal): Promise<OidcConfiguration> {
  return apiRequest<OidcConfiguration>(apiUrl('/oidc/configuration'), { signal });
}

/**
 * Where the "Log in with …" link goes: the server redirects on to the provider, and after log-in
 * back to `returnTo` (a path on this site, as the password form uses). A full page navigation,
 * not a fetch: the provider's pages are its own.
 */
export function oidcLogInUrl(returnTo: string): string {
  return apiUrl('/oidc/authorization', { returnTo });
}
