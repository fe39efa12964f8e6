import { DomainError } from '../common/errors/domain-error.js';

/** A `facility` filter naming no active facility: the public cannot see inactive ones either. */
export class UnknownFacilityFilter extends DomainError {
  constructor(slug: string) {
    super('VALIDATION_FAILED', `facility "${slug}" is not an active facility's slug`, {
      errors: [{ field: 'facility', message: 'is not a known facility' }],
    });
  }
}
