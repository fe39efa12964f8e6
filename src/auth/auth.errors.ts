import { DomainError, ForbiddenError } from '../common/errors/domain-error.js';
import { PERMISSIONS, type Permission } from './access-policy.js';
import type { Role } from './role.js';

export class InvalidCredentials extends DomainError {
  constructor() {
    super('UNAUTHENTICATED', 'Email or password is incorrect');
  }
}

export class InvalidToken extends DomainError {
  constructor(detail = 'The access token is missing, invalid or expired') {
    super('UNAUTHENTICATED', detail);
  }
}

export class InvalidRefreshToken extends DomainError {
  constructor(detail = 'The refresh token is invalid, expired or revoked; sign in again') {
    super('UNAUTHENTICATED', detail);
  }
}

export class TooManyLoginAttempts extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many failed sign-in attempts for this account or address; wait ${retryAfterSeconds} s (see Retry-After), then check the email and password`, { retryAfterSeconds });
  }
}

export class SignInUnavailable extends DomainError {
  constructor() {
    super('SERVICE_UNAVAILABLE', 'Sign-in is briefly unavailable; try again in a few seconds', { retryAfterSeconds: 5 });
  }
}

/** The route's permission is not among the caller's role's: refused before anything is read. */
export class PermissionDenied extends ForbiddenError {
  constructor(role: Role, permission: Permission) {
    super(`This needs the permission ${permission}, which your role (${role}) lacks; it belongs to ${PERMISSIONS[permission].join(', ')}: ask one of them to do it`);
  }
}
