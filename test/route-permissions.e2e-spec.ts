import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { listRoutes, RouteInfo } from './support/routes';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Every route and who may call it. A change to the snapshot is a permission change: review it
 * like one.
 */
describe('route permissions', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  beforeAll(async () => {
    t = await startTestApp();
    routes = listRoutes(t.app);
  });
  afterAll(() => t.close());

  it('matches the reviewed list of routes and their auth requirements', () => {
    const table = routes.map((r) => `${r.method.padEnd(6)} ${r.path.padEnd(52)} ${r.access}${r.roles.length ? ` (${r.roles.join(', ')})` : ''}`);
    expect(table).toMatchSnapshot();
  });

  it('refuses every non-public route without a token (default closed)', async () => {
    const closed = routes.filter((r) => r.access === 'authenticated');
    expect(closed.length).toBeGreaterThan(5);
    for (const route of closed) {
      const path = route.path.replace(/:id|:imageId|:keyId|:webhookId|:deliveryId/g, '00000000-0000-4000-8000-000000000000').replace(/:slug/g, 'some-slug');
      const response = await request(t.http)[route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete' | 'put'](path).send({});
      expect({ route: `${route.method} ${route.path}`, status: response.status, code: (response.body as { code?: string }).code }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('documents every route in the OpenAPI document', async () => {
    const spec = (await request(t.http).get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    for (const route of routes) {
      const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
      expect({ route: `${route.method} ${openApiPath}`, documented: Boolean(spec.paths[openApiPath]?.[route.method.toLowerCase()]) }).toEqual({
        route: `${route.method} ${openApiPath}`,
        documented: true,
      });
    }
  });

  it('publishes a valid OpenAPI 3 document (swagger-parser), with both auth schemes and a documented success response for every operation', async () => {
    const spec = (await request(t.http).get('/docs/openapi.json').expect(200)).body as Parameters<typeof SwaggerParser.validate>[0];
    const validated = (await SwaggerParser.validate(structuredClone(spec))) as unknown as {
      openapi: string;
      components: { securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(validated.openapi).toMatch(/^3\./);
    expect(validated.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    });
    for (const [path, operations] of Object.entries(validated.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!path.startsWith('/api/v1/')) continue;
        const codes = Object.keys(operation.responses);
        expect({ operation: `${method} ${path}`, success: codes.some((code) => /^2\d\d$/.test(code)) }).toEqual({ operation: `${method} ${path}`, success: true });
      }
    }
  });
});
