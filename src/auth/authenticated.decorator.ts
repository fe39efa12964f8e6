import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from './role.js';

export const REQUIRED_ROLES = 'etalase:requiredRoles';

/**
 * Documents (and, with roles, restricts) an admin route. Authentication itself is default-closed:
 * the global guard demands a token on every route that is not @Public().
 */
export function Authenticated(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiBearerAuth('bearer'),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired access token, or its session has ended: signed out, password changed, account deactivated (UNAUTHENTICATED)' }),
    ApiForbiddenResponse({ description: `Role not allowed${roles.length ? `; needs ${roles.join(' or ')}` : ''} (FORBIDDEN)` }),
  );
}
