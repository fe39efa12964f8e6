import { DomainError, NotFoundError } from '../common/errors/domain-error.js';

export class ApiKeyInvalid extends DomainError {
  constructor() {
    super('API_KEY_INVALID', 'The X-Api-Key is not a key Etalase issued; check it was copied whole');
  }
}

export class ApiKeyRevoked extends DomainError {
  constructor() {
    super('API_KEY_REVOKED', 'This API key was revoked (or its partner deactivated); use a current key');
  }
}

export class ApiKeyExpired extends DomainError {
  constructor(at: Date) {
    super('API_KEY_EXPIRED', `This API key expired at ${at.toISOString()}; use its replacement`);
  }
}

export class PartnerNotFound extends NotFoundError {
  constructor() {
    super('Partner');
  }
}

export class ApiKeyNotFound extends NotFoundError {
  constructor() {
    super('API key');
  }
}

export class TooManyApiKeyFailures extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(
      'RATE_LIMITED',
      `Too many requests with an unknown, revoked or expired X-Api-Key from this address; wait ${retryAfterSeconds} s (see Retry-After) and send a current key, or none for public reads`,
      { retryAfterSeconds },
    );
  }
}
