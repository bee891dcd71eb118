import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { writeAccessLog } from '@server/core/access/access-log';
import type { AppContext } from '@server/core/module';
import { AppError } from '@server/core/errors';
import { API_PREFIX } from '@server/core/http/openapi';
import { z } from 'zod';
import { findSessionWithActor, loadActor, SESSION_COOKIE } from './sessions';
import { safeEqual, sha256 } from './secrets';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PERSONAL_MARK = '"x-personal-data":true';
/** Sent by the web app on requests it makes by itself (polls); see findSessionWithActor. */
export const BACKGROUND_HEADER = 'x-background';

/**
 * Authentication and the first line of authorization, in one place:
 * - every /api route must declare `config.access` (the server refuses to start otherwise);
 * - the actor comes from the session cookie or an API token;
 * - state-changing requests with a session need the CSRF token;
 * - role checks, with every denial in the access log;
 * - a route whose response schema is marked personal data must have logged a read.
 */
export async function registerAuth(app: FastifyInstance, { config, database }: AppContext): Promise<void> {
  const { db } = database;
  await app.register(fastifyCookie);

  const personalRoutes = new Set<string>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(`${API_PREFIX}/`) || route.url.startsWith(`${API_PREFIX}/docs`)) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no config.access (deny by default)`);
    if (route.schema) {
      const schema = route.schema as Record<string, unknown>;
      schema.security = 'public' in access ? [] : [{ sessionCookie: [] }, { bearerToken: [] }];
      const responses = Object.entries((route.schema.response ?? {}) as Record<string, unknown>).filter(([status]) => status.startsWith('2'));
      if (responses.some(([, r]) => JSON.stringify(toJsonSchema(r)).includes(PERSONAL_MARK))) {
        personalRoutes.add(`${route.method}:${route.url}`);
      }
    }
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith(`${API_PREFIX}/`)) return;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      await actorFromToken(request, authorization.slice(7).trim());
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    // A background request (the page polling, e.g. for acute alerts) does not count as activity for the idle limit.
    const found = await findSessionWithActor(db, config, token, request.headers[BACKGROUND_HEADER] !== '1');
    if (!found) return;
    const { session } = found;
    if (STATE_CHANGING.has(request.method)) {
      const csrf = request.headers['x-csrf-token'];
      if (typeof csrf !== 'string' || !safeEqual(csrf, session.csrfToken)) throw new AppError('auth.csrf');
    }
    if (!session.secondFactorDone) {
      request.pendingSession = { id: session.id, userId: session.userId, csrfToken: session.csrfToken };
      return;
    }
    request.actor = found.actor;
  });

  async function actorFromToken(request: FastifyRequest, token: string) {
    const row = await db
      .selectFrom('api_token')
      .select(['id', 'user_id', 'scopes'])
      .where('token_hash', '=', sha256(token))
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date())
      .executeTakeFirst();
    if (!row) throw new AppError('auth.required');
    request.actor = await loadActor(db, row.user_id, { via: 'token', tokenId: row.id, scopes: row.scopes });
    if (!request.actor) throw new AppError('auth.required');
    await db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
    await writeAccessLog(db, request, { action: 'token-used', outcome: 'success', recordType: 'api-token', recordId: row.id });
  }

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    if (access.secondFactor === 'pending' && request.pendingSession) return;
    const actor = request.actor;
    if (!actor) throw new AppError('auth.required');
    const roleOk = access.roles === 'any' || actor.roles.some((role) => (access.roles as string[]).includes(role));
    const scopeOk = actor.via === 'session' || (access.scope !== undefined && (actor.scopes ?? []).includes(access.scope));
    if (!roleOk || !scopeOk) {
      await writeAccessLog(db, request, {
        action: 'denied',
        outcome: 'denied',
        recordType: 'route',
        recordId: `${request.method} ${request.routeOptions.url}`,
        reason: roleOk ? 'token-scope' : 'role',
      });
      throw new AppError('access.denied');
    }
  });

  // Rejected attempts to change something (bad input, refused, unknown record) are in the access log too.
  // Written before the response leaves (onSend), so the entry exists when the client sees the answer.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!STATE_CHANGING.has(request.method) || reply.statusCode < 400 || reply.statusCode >= 500 || request.failureLogged) return payload;
    if (!request.url.startsWith(`${API_PREFIX}/`)) return payload;
    try {
      await writeAccessLog(db, request, {
        action: 'rejected',
        outcome: 'failure',
        recordType: 'route',
        recordId: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
        reason: `HTTP ${reply.statusCode}`,
        userId: request.pendingSession?.userId,
      });
    } catch (error) {
      request.log.error({ err: error }, 'could not log a rejected request');
    }
    return payload;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 300 || !personalRoutes.has(`${request.method}:${request.routeOptions.url}`)) return payload;
    if (request.personalDataLogged || request.noPersonalData) return payload;
    request.log.error({ route: request.routeOptions.url }, 'personal data returned without an access-log entry; response withheld');
    reply.status(500).type('application/problem+json');
    return JSON.stringify({ type: 'urn:schakel:problem:server.error', title: 'Internal error', status: 500, detail: 'Personal data without access log', instance: `urn:uuid:${request.id}`, code: 'server.error' });
  });
}

function toJsonSchema(schema: unknown): unknown {
  if (!(schema instanceof z.ZodType)) return schema;
  return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' });
}
