import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { API_PREFIX } from '../../src/app.factory';
import { PERMISSIONS, type Permission } from '../../src/auth/access-policy';
import { IS_PUBLIC } from '../../src/auth/public.decorator';
import { REQUIRED_PERMISSION } from '../../src/auth/require-permission.decorator';
import type { Role } from '../../src/auth/role';
import { CONSOLE_ROUTES } from '../../src/console/console.routes';
import { SHOWCASE_ROUTES } from '../../src/showcase/showcase.routes';

export interface RouteInfo {
  method: string;
  path: string;
  access: 'public' | 'authenticated';
  /** What the route's @RequirePermission names; null when any signed-in admin (or anyone, if public) may call it. */
  permission: Permission | null;
  /** The roles that hold `permission` (access-policy.ts), or none. */
  roles: Role[];
  /** A page or file of the showcase website or the admin console, not an API operation (not in the OpenAPI document). */
  site: boolean;
}

/** Routes served outside the /api/v1 prefix (see app.factory.ts). */
const UNPREFIXED = new Set(['/health/live', '/health/ready']);
const SITE = new Set([...SHOWCASE_ROUTES, ...CONSOLE_ROUTES].map((route) => (route.startsWith('/') ? route : `/${route}`)));

/** Every controller route with the auth rule the guard applies to it, read from Nest's metadata. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
  const scanner = new MetadataScanner();
  const reflector = app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const wrapper of controllers) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    const instance = wrapper.instance as object | undefined;
    if (!controller || !instance) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      // One handler may answer several paths (the console's screens).
      const declared = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      for (const sub of Array.isArray(declared) ? declared : [declared ?? '']) {
        const joined = `/${[base, sub].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/');
        const site = SITE.has(joined);
        const path = UNPREFIXED.has(joined) || site ? joined : `/${API_PREFIX}${joined}`;
        const targets = [handler, controller];
        const isPublic = reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true;
        // The guard reads the permission from the handler alone, so this does too.
        const permission = reflector.get<Permission | undefined>(REQUIRED_PERMISSION, handler) ?? null;
        const roles = permission ? [...PERMISSIONS[permission]] : [];
        routes.push({ method: RequestMethod[method], path, access: isPublic ? 'public' : 'authenticated', permission, roles, site });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
