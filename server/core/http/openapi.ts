import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from './problem';

export const API_VERSION = '1.0.0';
export const API_PREFIX = '/api/v1';

type JsonObject = Record<string, unknown>;
type OpenApiDocument = JsonObject & { paths?: Record<string, Record<string, JsonObject>>; components?: JsonObject };

const errorResponses: Record<string, { name: string; description: string }> = {
  '400': { name: 'BadRequest', description: 'Invalid request: validation errors in invalidParams, or malformed JSON' },
  '404': { name: 'NotFound', description: 'The resource does not exist, or you may not know that it does' },
  '406': { name: 'NotAcceptable', description: 'The Accept header asks for a representation we do not produce' },
  '413': { name: 'PayloadTooLarge', description: 'The request body exceeds 1 MB' },
  '415': { name: 'UnsupportedMediaType', description: 'The request body is not application/json' },
  '429': { name: 'TooManyRequests', description: 'Rate limit exceeded; see Retry-After' },
  '500': { name: 'InternalServerError', description: 'Unexpected error; quote the instance when reporting it' },
  '503': { name: 'ServiceUnavailable', description: 'A dependency (the database) does not answer' },
};

const standardHeaders = {
  'API-Version': {
    description: 'The full version of the API that produced this response',
    schema: { type: 'string', example: API_VERSION },
  },
  'X-Request-Id': {
    description: 'Identifier of this request, also in our logs',
    schema: { type: 'string', format: 'uuid' },
  },
};

const headerRefs = {
  'API-Version': { $ref: '#/components/headers/API-Version' },
  'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' },
};

/**
 * Applies our conventions to the generated document in one place: paths relative to the
 * versioned server URL, version and request-id headers on every response, and the
 * problem+json error responses every operation can return.
 */
export function finaliseOpenApi(doc: OpenApiDocument): OpenApiDocument {
  // problemSchema carries an id, so zod emits it under $defs with a $ref at the top.
  const generated = z.toJSONSchema(problemSchema, { target: 'draft-2020-12' }) as JsonObject & { $defs?: Record<string, JsonObject> };
  const { $schema: _schema, id: _id, ...problemJsonSchema } = generated.$defs?.Problem ?? generated;
  const paths: NonNullable<OpenApiDocument['paths']> = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    // @fastify/swagger already strips the server URL; strip it here too in case it did not.
    const relative = path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : path;
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const responses = (operation.responses ?? {}) as Record<string, JsonObject>;
      for (const [status, response] of Object.entries(responses)) {
        if (/^[23]\d\d$/.test(status)) response.headers = { ...headerRefs, ...((response.headers as JsonObject) ?? {}) };
      }
      const hasParams = Array.isArray(operation.parameters) && operation.parameters.length > 0;
      const hasPathParams = hasParams && (operation.parameters as JsonObject[]).some((p) => p.in === 'path');
      const codes = ['400', '406', '429', '500'];
      if (hasPathParams) codes.push('404');
      if (operation.requestBody) codes.push('413', '415');
      for (const code of codes) {
        responses[code] ??= { $ref: `#/components/responses/${errorResponses[code]!.name}` };
      }
      operation.responses = responses;
    }
    paths[relative] = item;
  }
  const components = (doc.components ?? {}) as JsonObject;
  components.headers = { ...standardHeaders, ...((components.headers as JsonObject) ?? {}) };
  components.schemas = { ...((components.schemas as JsonObject) ?? {}), Problem: problemJsonSchema };
  components.responses = Object.fromEntries(
    Object.values(errorResponses).map(({ name, description }) => [
      name,
      {
        description,
        headers: headerRefs,
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    ]),
  );
  return pruneUnusedSchemas({ ...doc, paths, components });
}

/** Drops component schemas nothing refers to (the zod transform emits an input and an output variant of each). */
function pruneUnusedSchemas(doc: OpenApiDocument): OpenApiDocument {
  const schemas = ((doc.components as JsonObject).schemas ?? {}) as Record<string, unknown>;
  const used = new Set<string>();
  const refsIn = (value: unknown): string[] => [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  const pending = refsIn({ paths: doc.paths, responses: (doc.components as JsonObject).responses });
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (used.has(name)) continue;
    used.add(name);
    pending.push(...refsIn(schemas[name] ?? {}));
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...doc, components: { ...(doc.components as JsonObject), schemas: kept } };
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Schakel API',
        version: API_VERSION,
        description:
          'API of Schakel, the regional chain platform for the approach to human trafficking and exploitation. ' +
          'Errors are application/problem+json with a stable `code`; lists are paged with `page` and `pageSize`.',
        contact: { name: 'Schakel maintainers', email: 'schakel@example.org', url: 'https://example.org/schakel' },
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      servers: [{ url: API_PREFIX, description: 'This installation' }],
      tags: [
        { name: 'Platform', description: 'Health and service information' },
        { name: 'Reference data', description: 'Regions, municipalities and partner organisations' },
        { name: 'Accessibility', description: 'Feedback about the accessibility of Schakel' },
        { name: 'Identity', description: 'Log-in, second factor, sessions and your own account' },
        { name: 'Accounts', description: 'Account administration and API tokens (functioneel beheerder)' },
        { name: 'Access log', description: 'Who read or changed what, for the privacy officer' },
        { name: 'Access', description: 'Need-to-know grants on records, with purpose, legal basis and period' },
      ],
      components: {
        securitySchemes: {
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'schakel_session', description: 'Session after log-in; state-changing requests also need X-CSRF-Token' },
          bearerToken: { type: 'http', scheme: 'bearer', description: 'API token for system integrations' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => finaliseOpenApi(jsonSchemaTransformObject(input) as OpenApiDocument) as never,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: `${API_PREFIX}/docs`,
    // Served under our strict CSP (no staticCSP: it would loosen frame-ancestors and allow https: styles).
    uiConfig: { docExpansion: 'list', deepLinking: false, validatorUrl: null },
  });
  app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true }, config: { access: { public: true } } }, async (_request, reply) => {
    return reply.type('application/json').send(app.swagger());
  });
}
