import { applyDecorators } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

/**
 * Documents a public route that partners may also call with their X-Api-Key (their own quota;
 * orders attributed to them): `security: [{}, {apiKey: []}]`, anonymous or with a key. A route
 * that takes an admin token too adds ApiBearerAuth, which joins the alternatives.
 */
export function ApiKeyOptional(): ClassDecorator & MethodDecorator {
  return applyDecorators(ApiSecurity({}), ApiSecurity('apiKey'));
}
