import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The Authorization header of the request. Nest's @Headers('authorization') would put it in the
 * OpenAPI document as a required header parameter; credentials belong in the route's security
 * (ApiBearerAuth), and a custom decorator is not documented.
 */
export const AuthorizationHeader = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => context.switchToHttp().getRequest<Request>().headers.authorization,
);
