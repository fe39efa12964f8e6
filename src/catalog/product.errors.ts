import { DomainError, NotFoundError } from '../common/errors/domain-error.js';

export class ProductNotFound extends NotFoundError {
  constructor() {
    super('Product');
  }
}

/** A deleted product: its page answers 410 so search engines drop it (the API keeps answering 404). */
export class ProductGone extends DomainError {
  constructor() {
    super('GONE', 'This product was removed from the catalog');
  }
}

export class CategoryNotFound extends DomainError {
  constructor(slugOrId: string) {
    super('VALIDATION_FAILED', `category "${slugOrId}" does not exist`, { errors: [{ field: 'category', message: 'is not a known category' }] });
  }
}

export class ProductSlugTaken extends DomainError {
  constructor(slug: string) {
    super('CONFLICT', `The slug "${slug}" is already used by another product`);
  }
}

/** FOOD may only be published with a valid SPP-IRT or BPOM permit (DOMAIN.md). */
export class FoodPermitRequired extends DomainError {
  constructor() {
    super('FOOD_PERMIT_REQUIRED', 'A FOOD product needs a valid SPP-IRT or BPOM permit before it can be published; add one under certificates');
  }
}

/** LPKA makers are children: individual credits are refused outright (UU SPPA art. 19). */
export class IndividualCreditRefusedAtLpka extends DomainError {
  constructor() {
    super('INDIVIDUAL_CREDIT_NOT_ALLOWED', 'Products of an LPKA (juvenile facility) may only credit the group, never an individual');
  }
}

export class ConsentNotUsable extends DomainError {
  constructor(reason: string) {
    super('CONSENT_REQUIRED', `The consent record cannot be used for a product credit: ${reason}`);
  }
}

export class StockWouldGoNegative extends DomainError {
  constructor(current: number, delta: number) {
    super('CONFLICT', `Stock is ${current}; a change of ${delta} would take it below zero`);
  }
}

export class ProductDeleted extends DomainError {
  constructor() {
    super('INVALID_STATE', 'The product was deleted');
  }
}
