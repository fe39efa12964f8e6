import { DomainError, NotFoundError } from '../common/errors/domain-error.js';

export class UserNotFound extends NotFoundError {
  constructor() {
    super('User');
  }
}

export class EmailTaken extends DomainError {
  constructor(email: string) {
    super('CONFLICT', `An account with the email ${email} already exists`);
  }
}

export class ScopeMissing extends DomainError {
  constructor(field: 'kanwilId' | 'facilityId', role: string) {
    super('VALIDATION_FAILED', `${field} is required for ${role}`, { errors: [{ field, message: `is required for ${role}` }] });
  }
}

export class CannotDeactivateSelf extends DomainError {
  constructor() {
    super('FORBIDDEN', 'You cannot deactivate your own account');
  }
}
