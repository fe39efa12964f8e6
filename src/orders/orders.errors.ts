import { DomainError, NotFoundError } from '../common/errors/domain-error.js';

/** Also what a wrong or missing order token gets: an order's existence is never revealed. */
export class OrderNotFound extends NotFoundError {
  constructor() {
    super('Order');
  }
}

export class OrderProductNotFound extends DomainError {
  constructor(productId: string) {
    super('NOT_FOUND', `Product ${productId} was not found`);
  }
}

export class ProductNotAvailable extends DomainError {
  constructor(name: string) {
    super('INVALID_STATE', `"${name}" is not for sale right now`);
  }
}

export class OutOfStock extends DomainError {
  constructor(name: string, available: number) {
    super('OUT_OF_STOCK', available > 0 ? `"${name}" has only ${available} left in stock` : `"${name}" is out of stock`);
  }
}

export class FoodPermitLapsed extends DomainError {
  constructor(name: string) {
    super('FOOD_PERMIT_REQUIRED', `"${name}" cannot be sold: its food permit is not valid`);
  }
}

export class FacilityNotSelling extends DomainError {
  constructor(facilityName: string) {
    super('INVALID_STATE', `${facilityName} is not taking orders right now`);
  }
}

export class PickupNotOffered extends DomainError {
  constructor(facilityName: string) {
    super('INVALID_STATE', `${facilityName} does not offer pickup; choose SHIPPING`);
  }
}

export class PickupOnlyItem extends DomainError {
  constructor(productName: string, facilityName: string) {
    super('INVALID_STATE', `"${productName}" is pickup-only (services and food are not shipped) and ${facilityName} has no local delivery; choose PICKUP`);
  }
}

export class IdempotencyKeyInProgress extends DomainError {
  constructor() {
    super('CONFLICT', 'A request with this Idempotency-Key is still being processed; retry shortly');
  }
}

export class IdempotencyKeyReused extends DomainError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request');
  }
}

export class InvalidIdempotencyKey extends DomainError {
  constructor() {
    super('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 255 printable ASCII characters', {
      errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }],
    });
  }
}

/** The order exists (PENDING_PAYMENT, it will expire) but the payment could not be set up. */
export class PaymentSetupFailed extends DomainError {
  constructor(orderNumber: string) {
    super('PAYMENT_PROVIDER_ERROR', `Order ${orderNumber} was created but the payment provider failed; the order will expire unpaid, please order again`);
  }
}

export class IdempotencyKeyRequired extends DomainError {
  constructor() {
    super('VALIDATION_FAILED', 'Orders placed with an API key need an Idempotency-Key header, so a retry never orders twice', {
      errors: [{ field: 'Idempotency-Key', message: 'is required with an API key' }],
    });
  }
}
