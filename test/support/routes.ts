import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { API_PREFIX } from '../../src/app.factory';
import { REQUIRED_ROLES } from '../../src/auth/authenticated.decorator';
import { IS_PUBLIC } from '../../src/auth/public.decorator';
import type { Role } from '../../src/auth/role';

export interface RouteInfo {
  method: string;
  path: string;
  access: 'public' | 'authenticated';
  roles: Role[];
}

/** Routes served outside the /api/v1 prefix (see app.factory.ts). */
const UNPREFIXED = new Set(['/health/live', '/health/ready']);

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
      const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
      const joined = `/${[base, sub].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/');
      const path = UNPREFIXED.has(joined) ? joined : `/${API_PREFIX}${joined}`;
      const targets = [handler, controller];
      const isPublic = reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true;
      const roles = reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [];
      routes.push({ method: RequestMethod[method], path, access: isPublic ? 'public' : 'authenticated', roles });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
