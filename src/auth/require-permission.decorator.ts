import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PERMISSIONS, type Permission } from './access-policy.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

export const REQUIRED_PERMISSION = 'etalase:requiredPermission';

/**
 * The permission a route needs (access-policy.ts says which roles have it). The global AuthGuard
 * refuses every other role with 403 before the handler runs; whether the object lies in the admin's
 * scope stays the service's check. Documented in OpenAPI as `x-permission` and in the 403 answer.
 */
export function RequirePermission(permission: Permission): MethodDecorator {
  const roles = PERMISSIONS[permission].join(', ');
  return applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission),
    ApiExtension('x-permission', permission),
    ApiProblem(403, { description: `Needs the permission \`${permission}\`, held by ${roles} (FORBIDDEN)` }),
  );
}
