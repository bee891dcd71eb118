import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '@server/core/auth/sessions';
import type { AppContext } from '@server/core/module';
import { API_PREFIX } from '@server/core/http/openapi';
import { authorizationQuerySchema, callbackQuerySchema, oidcConfigurationSchema, redirectSchema } from './oidc.schema';
import * as service from './oidc.service';

const tags = ['Identity'];
/** Ties the provider's answer to the browser that asked: the state, readable by this module's paths only. */
const STATE_COOKIE = 'schakel_oidc_state';
const STATE_COOKIE_PATH = `${API_PREFIX}/oidc`;

function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string) {
  // As identity.routes.ts. The callback is a cross-site navigation from the provider, so this
  // Strict cookie is not sent on the redirect that follows; the web app's next API call has it.
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: '/' });
}

export const oidcRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const settings = service.oidcSettings(context.config);
    const provider = settings ? new service.OidcProvider(settings, app.log) : undefined;
    // Discover at start without holding the start up; a failure is retried on use.
    void provider?.configuration().catch(() => undefined);
    const deps = { db: context.database.db, config: context.config, provider };
    const rateLimit = { max: context.config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' };

    app.get(
      '/oidc/configuration',
      {
        config: { access: { public: true } },
        schema: { operationId: 'getOidcConfiguration', summary: 'Whether log-in through an OpenID provider is offered', tags, response: { 200: oidcConfigurationSchema } },
      },
      async () => service.configuration(deps),
    );

    app.get(
      '/oidc/authorization',
      {
        config: { access: { public: true }, rateLimit },
        schema: {
          operationId: 'startOidcLogIn',
          summary: 'Log in through the OpenID provider: redirects there (authorization code flow with PKCE)',
          tags,
          querystring: authorizationQuerySchema,
          response: { 302: redirectSchema },
        },
      },
      async (request, reply) => {
        const { location, state } = await service.startLogIn(deps, request.query.returnTo);
        // Lax: it must come along on the provider's top-level redirect back to the callback.
        reply.setCookie(STATE_COOKIE, state, { httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', path: STATE_COOKIE_PATH, maxAge: 600 });
        reply.header('Cache-Control', 'no-store');
        return reply.redirect(location, 302);
      },
    );

    app.get(
      '/oidc/callback',
      {
        config: { access: { public: true }, rateLimit },
        schema: {
          operationId: 'finishOidcLogIn',
          summary: 'Where the OpenID provider sends the browser back; starts the session and redirects into the application',
          tags,
          querystring: callbackQuerySchema,
          response: { 302: redirectSchema },
        },
      },
      async (request, reply) => {
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
        const outcome = await service.finishLogIn(deps, request, query, request.cookies[STATE_COOKIE]);
        reply.clearCookie(STATE_COOKIE, { path: STATE_COOKIE_PATH });
        if (outcome.ok) setSessionCookie(reply, request, outcome.token);
        reply.header('Cache-Control', 'no-store');
        return reply.redirect(outcome.location, 302);
      },
    );
  };
