import { z } from 'zod';

/** Where to go after log-in: a path on this site only (no scheme, no `//host`, no backslash tricks). */
export const localPathSchema = z
  .string()
  .max(2000)
  .regex(/^\/(?![/\\])[^\\\s]*$/, 'a local path: starts with one "/"')
  .describe('Path on this site to return to after log-in, e.g. /zaken');

export const authorizationQuerySchema = z.strictObject({ returnTo: localPathSchema.optional() });

/**
 * The provider's authorization response. Not strict: providers add parameters of their own
 * (RFC 9207 `iss`, `session_state`), and refusing them with a 400 would strand the user.
 * openid-client checks the whole response; the usual parameters are listed for the API document.
 */
export const callbackQuerySchema = z.looseObject({
  code: z.string().max(2048).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional().describe('Set by the provider when the log-in did not succeed (then also error_description)'),
});

export const redirectSchema = z.undefined().describe('Redirect; see the Location header');

export const oidcConfigurationSchema = z
  .object({
    enabled: z.boolean().describe('Whether log-in through the OpenID provider is offered'),
    providerName: z.string().nullable().describe('Name for the button "Log in with <provider>"; null when not enabled'),
  })
  .meta({ id: 'OidcConfiguration' });
export type OidcConfiguration = z.infer<typeof oidcConfigurationSchema>;

/** Why a log-in through the provider was refused; written to the access log, never shown. */
export type OidcRefusal =
  | 'state-missing'
  | 'state-not-bound'
  | 'state-unknown'
  | 'state-used'
  | 'state-expired'
  | 'provider-error'
  | 'token-exchange'
  | 'claim-missing'
  | 'claim-not-an-email'
  | 'email-not-verified'
  | 'subject-mismatch'
  | 'inactive'
  | 'unknown-account';
