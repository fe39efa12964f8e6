import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

/**
 * Documents a route (or controller) that needs a signed-in admin. Authentication itself is
 * default-closed: the global guard demands a token on every route that is not @Public(). What the
 * admin may do is each route's @RequirePermission(...).
 */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBearerAuth('bearer'),
    ApiProblem(401, { description: 'Missing, invalid or expired access token, or its session has ended: signed out, password changed, account deactivated (UNAUTHENTICATED)' }),
  );
}
