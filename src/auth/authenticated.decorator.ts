import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';

/**
 * Documents a route (or controller) that needs a signed-in admin. Authentication itself is
 * default-closed: the global guard demands a token on every route that is not @Public(). What the
 * admin may do is each route's @RequirePermission(...).
 */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBearerAuth('bearer'),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired access token, or its session has ended: signed out, password changed, account deactivated (UNAUTHENTICATED)' }),
  );
}
