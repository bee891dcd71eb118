import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type ErrorCode, errorCatalogue, type InvalidParam } from '@server/core/errors';
import { preferredLanguage } from './language';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, with our stable `code` and NLGov `invalidParams`. */
export const problemSchema = z
  .object({
    type: z.string().describe('URI that identifies the problem type: urn:schakel:problem:<code>'),
    title: z.string().describe('Short summary, in Dutch or English by Accept-Language'),
    status: z.number().int().describe('HTTP status code'),
    detail: z.string().describe('Explanation for this occurrence'),
    instance: z.string().describe('urn:uuid of this request; quote it when reporting a problem'),
    code: z.string().describe('Stable machine-readable code, e.g. request.invalid'),
    invalidParams: z
      .array(z.object({ name: z.string(), code: z.string(), reason: z.string() }))
      .optional()
      .describe('For validation errors: each failing field or parameter'),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

const fastifyCodeMap: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed-json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.body-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
  FST_ERR_CTP_INVALID_TYPE: 'request.unsupported-media-type',
  FST_ERR_NOT_FOUND: 'route.not-found',
};

const contextNames: Record<string, string> = { querystring: 'query', params: 'path', body: 'body', headers: 'header' };

function validationParams(error: { validation: unknown[]; validationContext?: string }): InvalidParam[] {
  const where = contextNames[error.validationContext ?? 'body'] ?? 'body';
  return error.validation.map((entry) => {
    const v = entry as { instancePath?: string; message?: string; keyword?: string; params?: { keys?: string[] } };
    const path = (v.instancePath ?? '').split('/').filter(Boolean);
    if (v.keyword === 'unrecognized_keys' && v.params?.keys?.length) {
      return { name: [where, ...path, v.params.keys.join(',')].join('.'), code: 'unknown', reason: 'Unknown field or parameter' };
    }
    return { name: [where, ...path].join('.'), code: v.keyword ?? 'invalid', reason: v.message ?? 'Invalid' };
  });
}

/** Any thrown error to an AppError; unknown errors become server.error. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const err = error as { code?: string; statusCode?: number; validation?: unknown[]; validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(error) || Array.isArray(err.validation)) {
    return new AppError('request.invalid', {
      invalidParams: validationParams(err as { validation: unknown[]; validationContext?: string }),
    });
  }
  const mapped = err.code ? fastifyCodeMap[err.code] : undefined;
  if (mapped) return new AppError(mapped, { cause: error });
  if (error instanceof SyntaxError && err.statusCode === 400) return new AppError('request.malformed-json', { cause: error });
  if (err.statusCode === 429) return new AppError('request.rate-limited', { cause: error });
  if (err.statusCode === 413) return new AppError('request.body-too-large', { cause: error });
  if (err.statusCode === 415) return new AppError('request.unsupported-media-type', { cause: error });
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError('request.invalid', { cause: error });
  return new AppError('server.error', { cause: error });
}

export function problemBody(error: AppError, request: FastifyRequest): Problem {
  const lang = preferredLanguage(request.headers['accept-language']);
  const entry = errorCatalogue[error.code];
  return {
    type: `urn:schakel:problem:${error.code}`,
    title: entry.title[lang],
    status: entry.status,
    detail: entry.detail[lang],
    instance: `urn:uuid:${request.id}`,
    code: error.code,
    ...(error.extra.invalidParams ? { invalidParams: error.extra.invalidParams } : {}),
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  for (const [name, value] of Object.entries(error.extra.headers ?? {})) reply.header(name, value);
  return reply
    .status(error.status)
    .header('content-language', preferredLanguage(request.headers['accept-language']))
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemBody(error, request)));
}
