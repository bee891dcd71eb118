import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { writeAccessLog } from '@server/core/access/access-log';
import { safeEqual, sha256 } from '@server/core/auth/secrets';
import { createSession } from '@server/core/auth/sessions';
import { type Config, ConfigError } from '@server/core/config';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import * as repository from './oidc.repository';
import type { OidcConfiguration, OidcRefusal } from './oidc.schema';

const FLOW_MINUTES = 10;
/** Expired flows stay a day, so a late callback is refused as "expired" rather than "unknown". */
const KEEP_EXPIRED_MS = 24 * 3_600_000;
const DISCOVERY_RETRY_MS = 30_000;
const DISCOVERY_TIMEOUT_S = 5;
const SCOPE = 'openid email profile';
/** Where the browser goes when a log-in through the provider is refused (the log-in screen shows why, vaguely). */
export const REFUSED_LOCATION = '/inloggen?fout=oidc';
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  providerName: string;
  userClaim: string;
  createUsers: boolean;
}

/** The OIDC settings when log-in through a provider is configured; a half-done configuration stops the start. */
export function oidcSettings(config: Config): OidcSettings | undefined {
  const required = { OIDC_ISSUER: config.OIDC_ISSUER, OIDC_CLIENT_ID: config.OIDC_CLIENT_ID, OIDC_REDIRECT_URI: config.OIDC_REDIRECT_URI };
  const missing = Object.entries(required).filter(([, value]) => !value).map(([name]) => name);
  if (missing.length === 3) return undefined;
  if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}="": required when any of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_REDIRECT_URI is set`));
  return {
    issuer: new URL(config.OIDC_ISSUER!),
    clientId: config.OIDC_CLIENT_ID!,
    ...(config.OIDC_CLIENT_SECRET ? { clientSecret: config.OIDC_CLIENT_SECRET } : {}),
    redirectUri: config.OIDC_REDIRECT_URI!,
    providerName: config.OIDC_PROVIDER_NAME,
    userClaim: config.OIDC_USER_CLAIM,
    createUsers: config.OIDC_CREATE_USERS,
  };
}

/**
 * The provider as discovered from its issuer URL. Discovery is tried at start and, when it
 * failed, again on use at most every 30 s; meanwhile OIDC routes answer 503 and nothing crashes.
 */
export class OidcProvider {
  private discovered?: client.Configuration;
  private attempt?: Promise<client.Configuration>;
  private failedAt = 0;

  constructor(
    readonly settings: OidcSettings,
    private readonly log: FastifyBaseLogger,
  ) {}

  async configuration(): Promise<client.Configuration> {
    if (this.discovered) return this.discovered;
    if (!this.attempt && Date.now() - this.failedAt < DISCOVERY_RETRY_MS) throw new AppError('service.unavailable');
    this.attempt ??= this.discover();
    try {
      this.discovered = await this.attempt;
      return this.discovered;
    } catch (error) {
      this.failedAt = Date.now();
      throw new AppError('service.unavailable', { cause: error });
    } finally {
      this.attempt = undefined;
    }
  }

  private async discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    // Plain http only for a provider on this machine (config allows it on loopback only).
    const insecure = issuer.protocol === 'http:';
    try {
      const configuration = await client.discovery(
        issuer,
        clientId,
        clientSecret,
        clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
        { timeout: DISCOVERY_TIMEOUT_S, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
      );
      this.log.info({ issuer: issuer.href }, 'OIDC provider discovered');
      return configuration;
    } catch (error) {
      this.log.warn({ issuer: issuer.href, err: error }, 'OIDC provider could not be discovered; OIDC log-in answers 503 for now');
      throw error;
    }
  }
}

interface Deps {
  db: Db;
  config: Config;
  provider?: OidcProvider;
}

export function configuration({ provider }: Deps): OidcConfiguration {
  return { enabled: provider !== undefined, providerName: provider?.settings.providerName ?? null };
}

function enabled(provider: OidcProvider | undefined): OidcProvider {
  if (!provider) throw new AppError('route.not-found');
  return provider;
}

/** Starts the authorization code flow: state, nonce and PKCE verifier go to the database, the browser to the provider. */
export async function startLogIn({ db, provider }: Deps, returnTo = '/'): Promise<{ location: string; state: string }> {
  const oidc = enabled(provider);
  const configuration = await oidc.configuration();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const now = Date.now();
  await repository.deleteFlowsExpiredBefore(db, new Date(now - KEEP_EXPIRED_MS));
  await repository.insertFlow(db, { id: sha256(state), code_verifier: codeVerifier, nonce, return_to: returnTo, expires_at: new Date(now + FLOW_MINUTES * 60_000) });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidc.settings.redirectUri,
    scope: SCOPE,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { location: url.href, state };
}

type Outcome = { ok: true; token: string; location: string } | { ok: false; location: string };

/**
 * Finishes the flow: the state must be the one this browser started with (cookie), unused and
 * not expired; the code is exchanged with the PKCE verifier and the ID token checked (signature,
 * issuer, audience, nonce) by openid-client. The account is found by subject, else by the
 * configured claim; it is created only when OIDC_CREATE_USERS is on.
 */
export async function finishLogIn(deps: Deps, request: FastifyRequest, query: string, boundState: string | undefined): Promise<Outcome> {
  const { db, config } = deps;
  const oidc = enabled(deps.provider);
  const configuration = await oidc.configuration();
  const refuse = async (reason: OidcRefusal, userId?: string, detail?: string): Promise<Outcome> => {
    // Without an account the refusal goes to the installation's region (with one, the FG finds it by the account).
    await writeAccessLog(db, request, {
      action: 'login-failed',
      outcome: 'failure',
      userId,
      ...(userId ? {} : { regionCode: config.SCHAKEL_REGION }),
      reason: `oidc: ${reason}${detail ? ` (${detail})` : ''}`,
    });
    return { ok: false, location: REFUSED_LOCATION };
  };

  const params = new URLSearchParams(query);
  const state = params.get('state');
  if (!state) return refuse('state-missing');
  // Binds the response to the browser that started the flow (no log-in CSRF with someone else's code).
  if (!boundState || !safeEqual(boundState, state)) return refuse('state-not-bound');
  const now = new Date();
  const flow = await repository.consumeFlow(db, sha256(state), now);
  if (!flow) {
    const known = await repository.findFlow(db, sha256(state));
    return refuse(!known ? 'state-unknown' : known.used_at ? 'state-used' : 'state-expired');
  }
  const providerError = params.get('error');
  if (providerError) return refuse('provider-error', undefined, providerError.replace(/[^\w.-]/g, '').slice(0, 40));

  const currentUrl = new URL(oidc.settings.redirectUri);
  currentUrl.search = params.toString();
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    claims = { ...idToken };
    // Providers may keep profile claims out of the ID token (OIDC Core 5.4); then ask userinfo.
    if (claims[oidc.settings.userClaim] === undefined || (oidc.settings.createUsers && claims.email === undefined)) {
      const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      claims = { ...userInfo, ...idToken };
    }
  } catch (error) {
    request.log.warn({ err: error }, 'OIDC code exchange or token validation failed');
    const code = (error as { code?: unknown }).code;
    return refuse('token-exchange', undefined, typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown');
  }

  const account = await findAccount(deps, oidc.settings, claims);
  if ('refused' in account) return refuse(account.refused, account.userId);
  if (account.created) {
    await writeAccessLog(db, request, { action: 'create', outcome: 'success', userId: account.userId, recordType: 'user', recordId: account.userId, reason: 'oidc: first log-in (OIDC_CREATE_USERS)' });
  }
  const { token } = await createSession(db, config, {
    userId: account.userId,
    // The provider did the authentication, second factor included.
    secondFactorDone: true,
    clientAddress: request.ip,
    userAgent: request.headers['user-agent'],
  });
  await repository.recordLogin(db, account.userId);
  await writeAccessLog(db, request, { action: 'login', outcome: 'success', userId: account.userId, reason: 'oidc' });
  return { ok: true, token, location: flow.return_to };
}

type AccountMatch = { userId: string; created: boolean } | { refused: OidcRefusal; userId?: string };

async function findAccount({ db, config }: Deps, settings: OidcSettings, claims: Record<string, unknown>): Promise<AccountMatch> {
  // iss + sub identify the person at the provider for good; an issuer URL has no fragment, so '#' separates.
  const subject = `${String(claims.iss)}#${String(claims.sub)}`;
  const bound = await repository.findUserBySubject(db, subject);
  if (bound) return bound.active ? { userId: bound.id, created: false } : { refused: 'inactive', userId: bound.id };

  // With OIDC_USER_CLAIM=sub only accounts bound beforehand match; any other claim holds the e-mail address.
  let email: string | undefined;
  if (settings.userClaim !== 'sub') {
    const value = claims[settings.userClaim];
    if (typeof value !== 'string' || value.trim() === '') return { refused: 'claim-missing' };
    if (settings.userClaim === 'email' && claims.email_verified === false) return { refused: 'email-not-verified' };
    email = value.trim().toLowerCase();
    if (!EMAIL.test(email)) return { refused: 'claim-not-an-email' };
    const user = await repository.findUserByEmail(db, email);
    if (user) {
      // Bound to another subject: a second provider account with the same address is not the same person.
      if (user.oidc_subject !== null) return { refused: 'subject-mismatch', userId: user.id };
      if (!user.active) return { refused: 'inactive', userId: user.id };
      if (!(await repository.bindSubject(db, user.id, subject))) return { refused: 'subject-mismatch', userId: user.id };
      return { userId: user.id, created: false };
    }
  }

  if (!settings.createUsers) return { refused: 'unknown-account' };
  if (email === undefined) {
    const value = claims.email;
    if (typeof value !== 'string' || claims.email_verified === false || !EMAIL.test(value.trim().toLowerCase())) return { refused: 'claim-missing' };
    email = value.trim().toLowerCase();
    if (await repository.findUserByEmail(db, email)) return { refused: 'subject-mismatch' };
  }
  const organisation = await repository.firstOrganisation(db, config.SCHAKEL_REGION);
  if (!organisation) return { refused: 'unknown-account' };
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
  const userId = await repository.createUser(db, { regionCode: config.SCHAKEL_REGION, organisationId: organisation.id, email, displayName: name, subject });
  return { userId, created: true };
}
