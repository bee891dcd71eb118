import type { Role } from './roles';

/** Who is asking: a logged-in user (session) or a system integration (API token). */
export interface Actor {
  userId: string;
  regionCode: string;
  organisationId: string;
  displayName: string;
  roles: Role[];
  allMunicipalities: boolean;
  municipalities: string[];
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  /** API tokens only: what the token may do. */
  scopes?: string[];
}

/** How a route may be reached. Every /api route declares one (deny by default). */
export type RouteAccess = { public: true } | { roles: Role[] | 'any'; scope?: string; secondFactor?: 'pending' };

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    /** A session that passed the password step but not yet the second factor. */
    pendingSession?: { id: string; userId: string; csrfToken: string };
    personalDataLogged?: boolean;
    /** Set by a route whose response this time holds no personal data (e.g. anonymous state). */
    noPersonalData?: boolean;
    /** A failure of this request is already in the access log. */
    failureLogged?: boolean;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Media types this route answers besides JSON (a PDF, a CSV download), for the Accept check. */
    produces?: string[];
  }
}
