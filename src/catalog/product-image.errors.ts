import { NotFoundError } from '../common/errors/domain-error.js';

export class ProductImageNotFound extends NotFoundError {
  constructor() {
    super('Product image');
  }
}
