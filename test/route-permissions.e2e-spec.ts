import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { ROLES, type Role } from '../src/auth/role';
import { makeFacility, signedInAs } from './support/factories';
import { listRoutes, RouteInfo } from './support/routes';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN_PREFIX = '/api/v1/admin/';

/** A route's path with made-up ids: the guard must answer before anything looks them up. */
function concretePath(route: RouteInfo): string {
  return route.path.replace(/:id|:imageId|:keyId|:webhookId|:deliveryId/g, '00000000-0000-4000-8000-000000000000').replace(/:slug/g, 'some-slug');
}

function send(t: TestApp, route: RouteInfo, bearer?: string): request.Test {
  const call = request(t.http)[route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete' | 'put'](concretePath(route));
  return (bearer ? call.set('Authorization', bearer) : call).send({});
}

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
    const table = routes.map((r) => `${r.method.padEnd(6)} ${r.path.padEnd(52)} ${r.access}${r.permission ? ` ${r.permission} (${r.roles.join(', ')})` : ''}`);
    expect(table).toMatchSnapshot();
  });

  it('declares a permission on every admin route, and none on a public one', () => {
    const admin = routes.filter((r) => r.path.startsWith(ADMIN_PREFIX));
    expect(admin.length).toBeGreaterThan(50);
    for (const route of routes) {
      const isAdmin = route.path.startsWith(ADMIN_PREFIX);
      // Outside /admin only /auth/me needs a token, and any signed-in admin may read itself.
      if (!isAdmin && route.access === 'authenticated') continue;
      expect({ route: `${route.method} ${route.path}`, access: route.access, declared: route.permission !== null }).toEqual({
        route: `${route.method} ${route.path}`,
        access: isAdmin ? 'authenticated' : 'public',
        declared: isAdmin,
      });
    }
  });

  it('refuses every role that lacks a route\'s permission with 403 before the handler runs, and lets the roles that hold it through', async () => {
    const facility = await makeFacility(t.dataSource);
    const bearers = {} as Record<Role, string>;
    for (const role of ROLES) bearers[role] = (await signedInAs(t.http, t.dataSource, role, { facility })).bearer;
    const guarded = routes.filter((r) => r.permission !== null);
    let refusals = 0;
    for (const route of guarded) {
      for (const role of ROLES) {
        const response = await send(t, route, bearers[role]);
        const body = response.body as { code?: string; detail?: string };
        // Made-up ids and an empty body: past the guard a handler would answer 400 or 404, never this.
        const refusedByGuard = response.status === 403 && body.detail?.startsWith(`This needs the permission ${route.permission},`) === true;
        expect({ route: `${route.method} ${route.path}`, role, refusedByGuard, code: refusedByGuard ? body.code : undefined }).toEqual({
          route: `${route.method} ${route.path}`,
          role,
          refusedByGuard: !route.roles.includes(role),
          code: route.roles.includes(role) ? undefined : 'FORBIDDEN',
        });
        if (refusedByGuard) refusals += 1;
      }
    }
    expect(refusals).toBeGreaterThan(20);
  });

  it('refuses every non-public route without a token (default closed)', async () => {
    const closed = routes.filter((r) => r.access === 'authenticated');
    expect(closed.length).toBeGreaterThan(5);
    for (const route of closed) {
      const response = await send(t, route);
      expect({ route: `${route.method} ${route.path}`, status: response.status, code: (response.body as { code?: string }).code }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('documents every route in the OpenAPI document, with its permission as x-permission', async () => {
    type Operation = { 'x-permission'?: string; responses?: Record<string, { description?: string }> };
    const spec = (await request(t.http).get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, Operation | undefined>> };
    // The website's pages answer HTML to people and search engines; they are not API operations.
    for (const route of routes.filter((r) => !r.site)) {
      const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = spec.paths[openApiPath]?.[route.method.toLowerCase()];
      expect({
        route: `${route.method} ${openApiPath}`,
        documented: Boolean(operation),
        permission: operation?.['x-permission'] ?? null,
        forbidden: route.permission ? operation?.responses?.['403']?.description?.includes(`\`${route.permission}\``) : undefined,
      }).toEqual({
        route: `${route.method} ${openApiPath}`,
        documented: true,
        permission: route.permission,
        forbidden: route.permission ? true : undefined,
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
