import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * The security headers, computed once by helmet with our policy. None depends on the request
 * (no nonces), so setting the same map on every response gives helmet's output without
 * running its middleware chain per request. HSTS is added per request, only over TLS.
 */
export function securityHeaders(): Record<string, string> {
  const collected = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string) => void collected.set(name, String(value)),
    removeHeader: (name: string) => void collected.delete(name),
  } as unknown as ServerResponse;
  const middleware = helmet({
    contentSecurityPolicy,
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  middleware({} as IncomingMessage, response, (error?: unknown) => {
    if (error) throw error;
  });
  const headers = Object.fromEntries(collected);
  if (!headers['Content-Security-Policy']?.includes("frame-ancestors 'none'")) throw new Error('security headers incomplete');
  return headers;
}

const API_MEDIA_TYPES = ['application/json', 'application/problem+json'];
const PLAIN_ACCEPTABLE = /(^|,)\s*(\*\/\*|application\/\*|application\/json|application\/problem\+json)\s*(,|$)/;

/**
 * Whether an Accept header allows JSON (errors are problem+json on every route) or one of the
 * route's own media types (`config.produces`: a PDF, a CSV); full negotiation only with q-values.
 */
export function acceptsApiMediaType(accept: string, negotiator: () => { type(types: string[]): string | string[] | false }, produces: readonly string[] = []): boolean {
  if (!accept.includes(';') && PLAIN_ACCEPTABLE.test(accept)) return true;
  if (!accept.includes(';') && produces.length === 0) return false;
  return negotiator().type([...API_MEDIA_TYPES, ...produces]) !== false;
}
