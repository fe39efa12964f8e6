import request from 'supertest';
import { startTestApp, TestApp } from './support/test-app';

describe('health and cross-cutting HTTP behaviour', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness without auth', async () => {
    await request(t.http).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(t.http).get('/health/ready').expect(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('echoes a safe X-Request-Id and generates one otherwise', async () => {
    const echoed = await request(t.http).get('/health/live').set('X-Request-Id', 'lb-abc.123');
    expect(echoed.headers['x-request-id']).toBe('lb-abc.123');
    const replaced = await request(t.http).get('/health/live').set('X-Request-Id', 'bad id with spaces <script>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with problem+json 404 carrying the request id', async () => {
    const response = await request(t.http).get('/api/v1/no-such-thing').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, code: 'NOT_FOUND', instance: '/api/v1/no-such-thing' });
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
  });

  it('answers unknown paths outside the API prefix with problem+json too', async () => {
    const response = await request(t.http).get('/definitely/not/here').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', instance: '/definitely/not/here' });
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const spec = await request(t.http).get('/docs/openapi.json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toContain('/api/v1/facilities');
    await request(t.http).get('/docs').expect(200).expect('content-type', /html/);
  });

  it('serves the same OpenAPI 3.1 document at /api/v1/openapi.json, where client generators look', async () => {
    const docs = await request(t.http).get('/docs/openapi.json').expect(200);
    const api = await request(t.http).get('/api/v1/openapi.json').expect(200).expect('content-type', /application\/json/);
    expect(api.body.openapi).toBe('3.1.0');
    expect(api.body).toEqual(docs.body);
  });

  it('sets security headers and no-store on non-public responses', async () => {
    const response = await request(t.http).get('/api/v1/auth/me');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});
