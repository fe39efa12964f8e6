import { DomainError, NotFoundError, ValidationError } from '../common/errors/domain-error.js';

export class ProductImageNotFound extends NotFoundError {
  constructor() {
    super('Product image');
  }
}

export class UploadKeyReused extends DomainError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key already uploaded other photos to this product');
  }
}

export class InvalidUploadKey extends ValidationError {
  constructor() {
    super('Idempotency-Key', 'must be 1 to 255 printable ASCII characters');
  }
}
