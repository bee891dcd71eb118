import fastifyAccepts from '@fastify/accepts';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '@server/core/errors';
import type { AppContext, SchakelModule } from '@server/core/module';
import { API_PREFIX, API_VERSION, registerOpenApi } from './openapi';
import { acceptsApiMediaType, securityHeaders } from './headers';
import { sendProblem, toAppError } from './problem';
import { serializerCompiler } from './serializer';
import { registerAuth } from '@server/core/auth/guard';

const BODY_LIMIT = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/** Builds the HTTP application with all conventions; modules plug in their routes. */
export async function buildApp(
  context: AppContext,
  modules: SchakelModule[],
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<FastifyInstance> {
  const { config } = context;
  const app = Fastify({
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: config.LOG_LEVEL,
            // Default serializers log method, url, host, remote address and status — never bodies.
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            serializers: {
              // The public meldpunt stores no IP address, also not in the log of a request.
              req: (request: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
                method: request.method,
                url: request.url,
                host: request.host,
                ...(request.url.startsWith('/api/v1/public/') ? {} : { remoteAddress: request.ip, remotePort: request.socket?.remotePort }),
              }),
            },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: without a text/plain parser such bodies get 415.
  app.removeContentTypeParser('text/plain');

  // Our own route table, to tell 405 (known path, other method) from 404.
  const routeTable = FindMyWay();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      try {
        routeTable.on(method as HTTPMethod, route.url, () => undefined);
      } catch {
        // Already known (HEAD routes Fastify adds for GET).
      }
    }
  });

  const headers = securityHeaders();
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(headers);
    reply.header('API-Version', API_VERSION);
    reply.header('X-Request-Id', request.id);
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  });

  await app.register(fastifyAccepts);
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      new AppError('request.rate-limited', { headers: { 'Retry-After': String(Math.ceil(context.ttl / 1000)) } }),
  });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith(`${API_PREFIX}/`) || request.url.startsWith(`${API_PREFIX}/docs`)) return;
    const accept = request.headers.accept;
    if (accept && !acceptsApiMediaType(accept, () => request.accepts(), request.routeOptions.config?.produces)) throw new AppError('request.not-acceptable');
  });

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, request, appError);
  });

  await registerOpenApi(app);
  await registerAuth(app, context);

  for (const module of modules) {
    if (module.routes) await app.register(module.routes(context), { prefix: API_PREFIX });
  }

  const webDir = resolve(config.SCHAKEL_WEB_DIR);
  const indexHtml = existsSync(join(webDir, 'index.html')) ? readFileSync(join(webDir, 'index.html')) : undefined;
  if (indexHtml) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      setHeaders: (reply, path) => {
        reply.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/api/')) {
      const allowed = (['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).filter((m) => routeTable.find(m, path));
      if (allowed.length > 0) {
        return sendProblem(reply, request, new AppError('route.method-not-allowed', { headers: { Allow: allowed.join(', ') } }));
      }
      return sendProblem(reply, request, new AppError('route.not-found'));
    }
    if (indexHtml && (request.method === 'GET' || request.method === 'HEAD')) {
      // The web application routes every other path itself (and shows its own 404 page).
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(indexHtml);
    }
    return sendProblem(reply, request, new AppError('route.not-found'));
  });

  return app;
}
