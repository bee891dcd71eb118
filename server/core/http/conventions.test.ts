import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '@server/core/testing';
import type { SchakelModule } from '@server/core/module';
import { z } from 'zod';

/** The API conventions every endpoint inherits: errors, headers, negotiation, limits. */
const failing: SchakelModule = {
  name: 'failing',
  routes: () => async (app) => {
    app.get('/test-failures', { schema: { hide: true }, config: { access: { public: true } } }, async () => {
      throw new Error('secret internal detail at /srv/app.ts:42');
    });
    const shape = z.object({ name: z.string(), count: z.number() });
    app.get('/test-extra-fields', { schema: { hide: true, response: { 200: shape } }, config: { access: { public: true } } }, async () => {
      return { name: 'Zorgpunt', count: 3, bsn: '999999999' } as z.infer<typeof shape>;
    });
    app.get('/test-missing-field', { schema: { hide: true, response: { 200: shape } }, config: { access: { public: true } } }, async () => {
      return { name: 'Zorgpunt' } as z.infer<typeof shape>;
    });
  },
};

let t: TestApp;
let app: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: 1000 }, [failing]);
  app = t.app;
});
afterAll(() => t.close());

function expectProblem(response: Awaited<ReturnType<FastifyInstance['inject']>>, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json();
  expect(body).toMatchObject({ status, code, type: `urn:schakel:problem:${code}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.instance).toBe(`urn:uuid:${response.headers['x-request-id']}`);
  expect(response.body).not.toMatch(/at .*\.ts:\d+|stack/i);
  return body;
}

describe('security and version headers', () => {
  it('are on every response, success or error', async () => {
    for (const url of ['/api/v1/health', '/api/v1/nope', '/api/v1/openapi.json', '/api/v1/docs/']) {
      const response = await app.inject({ url });
      expect(response.headers['api-version']).toBe('1.0.0');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('sends HSTS when served over TLS (behind a trusted proxy)', async () => {
    const proxied = await createTestApp({ TRUST_PROXY: true });
    try {
      const response = await proxied.app.inject({ url: '/api/v1/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(response.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await proxied.close();
    }
  });

  it('keeps a well-formed incoming request id and replaces a malformed one', async () => {
    const kept = await app.inject({ url: '/api/v1/health', headers: { 'x-request-id': 'abcdef12-3456' } });
    expect(kept.headers['x-request-id']).toBe('abcdef12-3456');
    const replaced = await app.inject({ url: '/api/v1/health', headers: { 'x-request-id': '<script>' } });
    expect(replaced.headers['x-request-id']).not.toBe('<script>');
  });
});

describe('bad input gets the right 4xx as problem+json', () => {
  const post = (payload: string, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: '/api/v1/accessibility-reports', payload, headers: { 'content-type': contentType } });

  it('malformed JSON → 400 request.malformed-json', async () => {
    expectProblem(await post('{"description": '), 400, 'request.malformed-json');
  });

  it('a wrong content type → 415', async () => {
    expectProblem(await post('description=hello+there', 'application/x-www-form-urlencoded'), 415, 'request.unsupported-media-type');
    expectProblem(await post('hello there, a text', 'text/plain'), 415, 'request.unsupported-media-type');
  });

  it('a body over 1 MB → 413', async () => {
    const payload = JSON.stringify({ description: 'x'.repeat(1024 * 1024 + 10) });
    expectProblem(await post(payload), 413, 'request.body-too-large');
  });

  it('an invalid field → 400 with the failing field', async () => {
    const body = expectProblem(await post(JSON.stringify({ description: 'short' })), 400, 'request.invalid');
    expect(body.invalidParams).toEqual([expect.objectContaining({ name: 'body.description', code: 'too_small' })]);
  });

  it('an unknown body field → 400 naming it', async () => {
    const body = expectProblem(
      await post(JSON.stringify({ description: 'A long enough description', isAdmin: true })),
      400,
      'request.invalid',
    );
    expect(body.invalidParams).toEqual([expect.objectContaining({ name: 'body.isAdmin', code: 'unknown' })]);
  });

  it('an unknown query parameter → 400 naming it', async () => {
    const body = expectProblem(await app.inject({ url: '/api/v1/municipalities?colour=red' }), 400, 'request.invalid');
    expect(body.invalidParams).toEqual([expect.objectContaining({ name: 'query.colour', code: 'unknown' })]);
  });

  it('an out-of-range page size → 400', async () => {
    const body = expectProblem(await app.inject({ url: '/api/v1/organisations?pageSize=1000' }), 400, 'request.invalid');
    expect(body.invalidParams[0].name).toBe('query.pageSize');
  });

  it('an invalid id → 400 naming the path parameter', async () => {
    const body = expectProblem(await app.inject({ url: '/api/v1/organisations/not-a-uuid' }), 400, 'request.invalid');
    expect(body.invalidParams).toEqual([expect.objectContaining({ name: 'path.id' })]);
  });

  it('a path that does not exist → 404 route.not-found', async () => {
    expectProblem(await app.inject({ url: '/api/v1/no-such-thing' }), 404, 'route.not-found');
    expectProblem(await app.inject({ url: '/api/v2/municipalities' }), 404, 'route.not-found');
  });

  it('a known path with another method → 405 with Allow', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/api/v1/municipalities' });
    expectProblem(response, 405, 'route.method-not-allowed');
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('an Accept header we cannot satisfy → 406', async () => {
    expectProblem(await app.inject({ url: '/api/v1/regions', headers: { accept: 'application/xml' } }), 406, 'request.not-acceptable');
    const ok = await app.inject({ url: '/api/v1/regions', headers: { accept: 'application/json' } });
    expect(ok.statusCode).toBe(200);
    // A JSON route does not answer a PDF-only client: only routes that declare config.produces do.
    expectProblem(await app.inject({ url: '/api/v1/regions', headers: { accept: 'application/pdf' } }), 406, 'request.not-acceptable');
    expectProblem(await app.inject({ url: '/api/v1/regions', headers: { accept: 'application/pdf;q=1, text/csv;q=0.5' } }), 406, 'request.not-acceptable');
  });

  it('an unexpected failure → 500 without a stack trace or internals', async () => {
    const body = expectProblem(await app.inject({ url: '/api/v1/test-failures' }), 500, 'server.error');
    expect(JSON.stringify(body)).not.toContain('secret internal detail');
  });

  it('a response carries only the fields its schema declares, and a missing one is a 500', async () => {
    const extra = await app.inject({ url: '/api/v1/test-extra-fields' });
    expect(extra.json()).toEqual({ name: 'Zorgpunt', count: 3 });
    expectProblem(await app.inject({ url: '/api/v1/test-missing-field' }), 500, 'server.error');
  });

  it('nothing was stored by any rejected request', async () => {
    const rows = await t.prepared.database.db.selectFrom('accessibility_report').selectAll().execute();
    expect(rows).toHaveLength(0);
  });
});

describe('language of problem titles', () => {
  it('is Dutch by default and English on request', async () => {
    const nl = await app.inject({ url: '/api/v1/nope' });
    expect(nl.json().title).toBe('Niet gevonden');
    expect(nl.headers['content-language']).toBe('nl');
    const en = await app.inject({ url: '/api/v1/nope', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(en.json().title).toBe('Not found');
    expect(en.headers['content-language']).toBe('en');
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a client exceeds the limit', async () => {
    const limited = await createTestApp({ RATE_LIMIT_PER_MINUTE: 3 });
    try {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 5; i++) {
        last = await limited.app.inject({ url: '/api/v1/regions', remoteAddress: '10.0.0.7' });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expectProblem(last!, 429, 'request.rate-limited');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      // Another client is not affected.
      expect((await limited.app.inject({ url: '/api/v1/regions', remoteAddress: '10.0.0.8' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('logs', () => {
  it('are structured, carry the request id and never the request body', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).trim().split('\n'));
        done();
      },
    });
    const logged = await createTestApp({ LOG_LEVEL: 'info' }, [], { logStream: stream });
    try {
      const marker = 'Jansen-woont-op-Dorpsstraat-12';
      const response = await logged.app.inject({
        method: 'POST',
        url: '/api/v1/accessibility-reports',
        payload: { description: `Probleem gemeld door ${marker}` },
        headers: { cookie: 'tracking=secret-token' },
      });
      expect(response.statusCode).toBe(201);
      const entries = lines.map((line) => JSON.parse(line) as { reqId?: string; msg?: string });
      expect(entries.some((e) => e.reqId === response.headers['x-request-id'] && e.msg === 'request completed')).toBe(true);
      expect(lines.join('\n')).not.toContain(marker);
      expect(lines.join('\n')).not.toContain('secret-token');
    } finally {
      await logged.close();
    }
  });
});

describe('health', () => {
  it('is ok while the database answers and 503 when it does not', async () => {
    const own = await createTestApp();
    const ok = await own.app.inject({ url: '/api/v1/health' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ok' });
    await own.prepared.database.db.destroy();
    try {
      expectProblem(await own.app.inject({ url: '/api/v1/health' }), 503, 'service.unavailable');
    } finally {
      await own.close();
    }
  });
});
