import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * Test support (module and browser tests only): a real OpenID provider — oidc-provider with its
 * development log-in and consent forms — on a loopback port, and loopback listeners whose URL is
 * known before the handler exists (a redirect URI must be registered before the app starts).
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Listener {
  server: Server;
  origin: string;
  use(handler: Handler): void;
  close(): Promise<void>;
}

/** Listens on a random loopback port first, so the URL is known before the handler is built. */
export async function listen(): Promise<Listener> {
  let current: Handler = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => current(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    use: (handler) => void (current = handler),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const TEST_CLIENT_ID = 'schakel';
export const TEST_CLIENT_SECRET = 'schakel-test-client-secret-not-for-production';

/** A person at the provider: the log-in name typed in its form is the key of the map. */
export interface ProviderAccount {
  email: string;
  email_verified: boolean;
  name: string;
}

/**
 * Starts the provider on `listener` (issuer = its origin). It knows one confidential client,
 * PKCE required; `accounts` may be filled in later, each test adds the people it needs.
 */
export function startTestProvider(listener: Listener, redirectUris: string[], accounts: Map<string, ProviderAccount>): Provider {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(listener.origin, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx, id) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: async () => ({ sub: id, ...account }) } : undefined;
    },
    cookies: { keys: ['oidc-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }] },
  });
  listener.use(provider.callback());
  return provider;
}
