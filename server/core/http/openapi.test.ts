import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@server/core/testing';

type Operation = {
  summary?: string;
  security?: unknown[];
  operationId?: string;
  requestBody?: { content: Record<string, { schema: Record<string, unknown>; example?: unknown; examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown>; $ref?: string }>;
};
type Document = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

let t: TestApp;
let doc: Document;
beforeAll(async () => {
  t = await createTestApp();
  const response = await t.app.inject({ url: '/api/v1/openapi.json' });
  expect(response.statusCode).toBe(200);
  doc = response.json();
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );

/** Examples of a request body: the media type's, or the schema's (after resolving a $ref). */
function bodyExamples(content: NonNullable<Operation['requestBody']>['content'][string]): { schema: Record<string, unknown>; examples: unknown[] } {
  let schema = content.schema;
  const ref = schema.$ref as string | undefined;
  if (ref) schema = doc.components.schemas[ref.split('/').pop()!] as Record<string, unknown>;
  const examples = [
    ...(content.example !== undefined ? [content.example] : []),
    ...Object.values(content.examples ?? {}).map((e) => e.value),
    ...((schema.examples as unknown[]) ?? []),
  ];
  return { schema, examples };
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 on a versioned server URL, with the public endpoints', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]!.url).toBe('/api/v1');
    for (const path of ['/health', '/regions', '/municipalities', '/organisations', '/organisations/{id}', '/accessibility-reports']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('gives every operation a summary, an operationId and its security requirement', () => {
    expect(operations().length).toBeGreaterThanOrEqual(8);
    for (const { path, method, operation } of operations()) {
      expect(operation.summary, `${method} ${path}`).toBeTruthy();
      expect(operation.operationId, `${method} ${path}`).toBeTruthy();
      expect(Array.isArray(operation.security), `${method} ${path} security`).toBe(true);
    }
  });

  it('documents the version header on successes and problem+json on errors', () => {
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (/^[23]/.test(status)) expect(response.headers?.['API-Version'], `${method} ${path} ${status}`).toBeDefined();
        if (/^[45]/.test(status)) {
          const content = response.content ?? (response.$ref ? { ref: response.$ref } : undefined);
          expect(content, `${method} ${path} ${status}`).toBeDefined();
        }
      }
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '406', '429', '500']));
    }
  });

  it('has for every request body an example that validates against its schema and passes the API validation', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema as object, `#/components/schemas/${name}`);
    const withBody = operations().filter((o) => o.operation.requestBody);
    expect(withBody.length).toBeGreaterThan(0);
    for (const { path, method, operation } of withBody) {
      const content = operation.requestBody!.content['application/json'];
      expect(content, `${method} ${path} must take application/json`).toBeDefined();
      const { schema, examples } = bodyExamples(content!);
      expect(examples.length, `${method} ${path} needs an example`).toBeGreaterThan(0);
      const validate = ajv.compile(schema);
      for (const example of examples) {
        expect(validate(example), `${method} ${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
        // Every path parameter but a municipality code is a uuid (`{id}`, `{trackId}`, …).
        const url = `/api/v1${path.replace('{code}', 'GM0402').replace(/\{[A-Za-z]+\}/g, '00000000-0000-4000-8000-000000000000')}`;
        const response = await t.app.inject({ method: method.toUpperCase() as 'POST', url, payload: example as object });
        // Validation runs before authentication is enforced, so any answer but a validation error means the example is valid
        // (a public form may still refuse it for another reason, e.g. an expired proof of work).
        const validationCodes = ['request.invalid', 'request.malformed-json', 'request.body-too-large', 'request.unsupported-media-type'];
        expect(validationCodes, `${method} ${path}: ${response.body}`).not.toContain(response.json().code);
        if (operation.security?.length === 0 && method === 'post' && path === '/accessibility-reports') expect(response.statusCode).toBe(201);
      }
    }
  });

  it('is served with readable documentation', async () => {
    const docs = await t.app.inject({ url: '/api/v1/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    expect(docs.body).toContain('swagger');
  });
});
