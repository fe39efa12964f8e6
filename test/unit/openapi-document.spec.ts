import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildOpenApiDocumentOffline } from '../../src/app.openapi';
import { WEBHOOK_EVENTS } from '../../src/webhooks/webhook.types';

/** The document as partners' generators read it (issue 14): the rules a generated client depends on. */
describe('the OpenAPI document', () => {
  let document: OpenAPIObject;
  let operations: { method: string; path: string; operation: OperationObject }[];

  beforeAll(async () => {
    document = await buildOpenApiDocumentOffline();
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'put', 'post', 'delete', 'patch'] as const).filter((method) => item[method]).map((method) => ({ method, path, operation: item[method] as OperationObject })),
    );
  }, 30_000);

  const responses = (operation: OperationObject) => operation.responses as Record<string, ResponseObject>;

  it('is OpenAPI 3.1 with a server', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers?.length).toBeGreaterThan(0);
  });

  it('gives every operation a summary and tags declared at the top', () => {
    const declared = new Set((document.tags ?? []).map((tag) => tag.name));
    const missing = operations.filter(({ operation }) => !operation.summary || !operation.tags?.length || !operation.tags.every((tag) => declared.has(tag)));
    expect(missing.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('describes every error as application/problem+json with the Problem schema', () => {
    const bare = operations.flatMap(({ method, path, operation }) =>
      Object.entries(responses(operation))
        .filter(([status]) => Number(status) >= 400)
        .filter(([, response]) => (response.content?.['application/problem+json']?.schema as ReferenceObject | undefined)?.$ref !== '#/components/schemas/ProblemView')
        .map(([status]) => `${method} ${path} ${status}`),
    );
    expect(bare).toEqual([]);
  });

  it('documents the answers of the global middleware on every operation', () => {
    for (const { method, path, operation } of operations) {
      expect([method, path, Object.keys(responses(operation))]).toEqual([method, path, expect.arrayContaining(['500', '503'])]);
      if (method === 'get') expect([path, Object.keys(responses(operation))]).toEqual([path, expect.arrayContaining(['304'])]);
      if (!path.startsWith('/health/') && !path.endsWith('/stripe/webhook')) expect([path, Object.keys(responses(operation))]).toEqual([path, expect.arrayContaining(['429'])]);
      if (operation.requestBody) expect([path, Object.keys(responses(operation))]).toEqual([path, expect.arrayContaining(['400', '413', '415'])]);
    }
  });

  it('lets the public catalog and checkout be called anonymously or with a key, and admin routes with a token', () => {
    const security = (method: string, path: string) => operations.find((o) => o.method === method && o.path === path)?.operation.security;
    for (const path of ['/api/v1/products/{slug}', '/api/v1/categories', '/api/v1/facilities', '/api/v1/regions', '/api/v1/stories', '/api/v1/impact', '/api/v1/orders/{number}']) {
      expect([path, security('get', path)]).toEqual([path, [{}, { apiKey: [] }]]);
    }
    expect(security('post', '/api/v1/orders')).toEqual([{}, { apiKey: [] }]);
    expect(security('get', '/api/v1/products')).toEqual([{}, { apiKey: [] }, { bearer: [] }]);
    const admin = operations.filter(({ path }) => path.startsWith('/api/v1/admin/'));
    expect(admin.filter(({ operation }) => JSON.stringify(operation.security) !== JSON.stringify([{ bearer: [] }])).map(({ path }) => path)).toEqual([]);
  });

  it('has no credentials as parameters and no required order token', () => {
    const parameters = operations.flatMap(({ operation }) => (operation.parameters ?? []) as ParameterObject[]);
    expect(parameters.filter((parameter) => parameter.in === 'header' && /^(authorization|x-api-key)$/i.test(parameter.name))).toEqual([]);
    expect(parameters.filter((parameter) => parameter.name === 'X-Order-Token').every((parameter) => parameter.required === false)).toBe(true);
  });

  it('types every nullable field (no bare object) and gives patch bodies no defaults', () => {
    const untyped: string[] = [];
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {}) as [string, SchemaObject][]) {
      for (const [property, value] of Object.entries(schema.properties ?? {}) as [string, SchemaObject][]) {
        const types = ([] as unknown[]).concat(value.type ?? []);
        if (types.includes('object') && !value.properties && !value.additionalProperties) untyped.push(`${name}.${property}`);
        if (name.startsWith('Update') && 'default' in value) untyped.push(`${name}.${property} has a default`);
      }
    }
    expect(untyped).toEqual([]);
  });

  it('documents the order shipping address the server requires', () => {
    const address = document.components?.schemas?.ShippingAddressDto as SchemaObject;
    expect(Object.keys(address.properties ?? {}).sort()).toEqual(['city', 'line1', 'line2', 'phone', 'postalCode', 'province', 'recipient']);
    expect([...(address.required ?? [])].sort()).toEqual(['city', 'line1', 'phone', 'postalCode', 'province', 'recipient']);
  });

  it('describes every public webhook event, and the payloads partners receive match their schemas', () => {
    // webhook.test is sent only on request (POST .../webhooks/{webhookId}/test), never subscribed to.
    expect(Object.keys(document.webhooks ?? {}).sort()).toEqual([...WEBHOOK_EVENTS, 'webhook.test'].sort());
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'components', $defs: document.components?.schemas ?? {} });
    // The payloads public-events.spec.ts pins, each stored as a JSON string in the snapshot file.
    const file = readFileSync(join(__dirname, '../../src/webhooks/__snapshots__/public-events.spec.ts.snap'), 'utf8');
    const snapshots = new Map([...file.matchAll(/^exports\[`public webhook payloads (\S+): the JSON partners receive 1`\] = `\n"([\s\S]*?)"\n`;$/gm)].map((match) => [match[1], match[2]]));
    for (const event of WEBHOOK_EVENTS) {
      const text = snapshots.get(event);
      expect(text).toBeDefined();
      const body = JSON.parse(text ?? '') as unknown;
      const operation = document.webhooks?.[event]?.post as OperationObject;
      const schema = (operation.requestBody as { content: Record<string, { schema: object }> }).content['application/json']?.schema;
      const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', 'components#/$defs/')) as object);
      expect([event, validate(body), validate.errors ?? null]).toEqual([event, true, null]);
    }
  });
});
