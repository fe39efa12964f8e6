import { DomainError, NotFoundError } from '../common/errors/domain-error.js';

export class ConsoleNotBuilt extends DomainError {
  constructor() {
    super('SERVICE_UNAVAILABLE', 'The admin console has not been built on this server: run npm run build');
  }
}

export class ConsoleAssetNotFound extends NotFoundError {
  constructor() {
    super('Console file');
  }
}
