import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { can, type Permission } from './access-policy.js';
import { PermissionDenied } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import type { AuthenticatedRequest } from './current-user.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';
import { REQUIRED_PERMISSION } from './require-permission.decorator.js';

/**
 * Default-closed: every route needs a valid bearer token unless marked @Public(); a route's
 * @RequirePermission(...) then decides, from the role alone, whether its handler runs at all.
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
    request.user = await this.auth.authenticateHeader(request.headers.authorization, 'Sign in and send the access token as `Authorization: Bearer <token>`');

    const permission = this.reflector.get<Permission | undefined>(REQUIRED_PERMISSION, context.getHandler());
    if (permission && !can(request.user, permission)) throw new PermissionDenied(request.user.role, permission);
    return true;
  }
}
