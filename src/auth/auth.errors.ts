import { DomainError } from '../common/errors/domain-error.js';

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
    super('RATE_LIMITED', 'Too many failed sign-in attempts; wait before trying again', { retryAfterSeconds });
  }
}
