import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '../common/errors/domain-error.js';
import { InvalidToken } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import { REQUIRED_ROLES } from './authenticated.decorator.js';
import type { AuthenticatedRequest } from './current-user.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';
import type { Role } from './role.js';

/**
 * Default-closed: every route needs a valid bearer token unless marked @Public(); a route's
 * @Authenticated(roles) then narrows who may call it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new InvalidToken('Sign in and send the access token as `Authorization: Bearer <token>`');
    request.user = await this.auth.authenticate(token);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets) ?? [];
    if (roles.length > 0 && !roles.includes(request.user.role)) {
      throw new ForbiddenError(`This needs the role ${roles.join(' or ')}`);
    }
    return true;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
