import type { OpenAPIObject } from '@nestjs/swagger';
import { type Exchange, OpenApiValidator } from '../support/openapi-validator';

/** The response check every e2e test relies on must itself fail on what it is there to catch. */
describe('OpenApiValidator', () => {
  const document = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/things/{id}': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              headers: { ETag: { schema: { type: 'string' } }, 'X-Request-Id': { required: true, schema: { type: 'string' } } },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
            '304': { description: 'not modified', headers: { 'X-Request-Id': { required: true, schema: { type: 'string' } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: { type: 'object', required: ['id', 'note'], properties: { id: { type: 'string', format: 'uuid' }, note: { type: ['string', 'null'] } } },
        ProblemView: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
      },
    },
  } as unknown as OpenAPIObject;
  const validator = new OpenApiValidator(document);
  const id = '0d8a3a52-7c1e-4b5e-9a49-3f1d2c4b5a6e';
  const exchange = (over: Partial<Exchange> = {}, body: unknown = { id, note: null }): Exchange => ({
    method: 'GET',
    url: `/things/${id}?x=1`,
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r1', etag: 'W/"1"', date: 'now' },
    body: Buffer.from(JSON.stringify(body)),
    ...over,
  });

  it('passes a response the document describes', () => {
    expect(validator.check(exchange())).toEqual([]);
    expect(validator.check(exchange({ status: 304, headers: { 'x-request-id': 'r1' }, body: Buffer.alloc(0) }))).toEqual([]);
  });

  it('fails an undocumented status', () => {
    expect(validator.check(exchange({ status: 404 }))).toEqual([expect.stringContaining('status not documented')]);
  });

  it('fails a field the schema does not name, a missing one, and a wrong type or format', () => {
    expect(validator.check(exchange({}, { id, note: null, secret: 'x' })).join()).toContain('unevaluatedProperty');
    expect(validator.check(exchange({}, { id })).join()).toContain("must have required property 'note'");
    expect(validator.check(exchange({}, { id: 'nope', note: 1 })).join()).toMatch(/format.*uuid|uuid.*format/);
  });

  it('fails an undocumented content type or header, and a missing required header', () => {
    expect(validator.check(exchange({ headers: { 'content-type': 'text/csv', 'x-request-id': 'r1' } })).join()).toContain('content type text/csv not documented');
    expect(validator.check(exchange({ headers: { 'content-type': 'application/json', 'x-request-id': 'r1', 'x-internal': '1' } })).join()).toContain('header x-internal not documented');
    expect(validator.check(exchange({ headers: { 'content-type': 'application/json' } })).join()).toContain('required header x-request-id missing');
  });

  it('requires errors on paths it does not describe to be problem+json, but for the website\'s HTML pages outside /api/', () => {
    expect(validator.check(exchange({ url: '/api/v1/nowhere', status: 404, headers: { 'content-type': 'text/html' } }))).toEqual([expect.stringContaining('not application/problem+json')]);
    expect(validator.check(exchange({ url: '/api/v1/nowhere', status: 404, headers: { 'content-type': 'text/plain' } }))).toEqual([expect.stringContaining('not application/problem+json')]);
    expect(validator.check(exchange({ url: '/nowhere', status: 404, headers: { 'content-type': 'text/plain' } }))).toEqual([expect.stringContaining('not application/problem+json')]);
    expect(validator.check(exchange({ url: '/produk/gone', status: 410, headers: { 'content-type': 'text/html; charset=utf-8' } }))).toEqual([]);
    expect(validator.check(exchange({ url: '/nowhere', status: 404, headers: { 'content-type': 'application/problem+json' } }, { code: 'NOT_FOUND' }))).toEqual([]);
  });
});
