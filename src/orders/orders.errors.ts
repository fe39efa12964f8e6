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

/**
 * The order exists (PENDING_PAYMENT) but its payment could not be set up. A retry with the same
 * Idempotency-Key resumes it; otherwise the expiry sweep cancels it within minutes and its stock
 * comes back.
 */
/** The website's card payment is for orders paid through Stripe, when Stripe is configured. */
export class CardPaymentUnavailable extends DomainError {
  constructor(orderNumber: string) {
    super('INVALID_STATE', `Order ${orderNumber} cannot be paid by card on the website`);
  }
}

export class PaymentSetupFailed extends DomainError {
  constructor(orderNumber: string) {
    super(
      'PAYMENT_PROVIDER_ERROR',
      `Order ${orderNumber} was created but the payment provider failed. Retry with the same Idempotency-Key within a few minutes to finish setting up its payment; ` +
        'without one, the order is cancelled unpaid within a few minutes and its stock released, so order again',
    );
  }
}

/** A retried checkout whose order was cancelled before its payment was ever set up. */
export class CheckoutAbandoned extends DomainError {
  constructor(orderNumber: string, reason: string | null) {
    super(
      'INVALID_STATE',
      `Order ${orderNumber}, created by an earlier request with this Idempotency-Key, was cancelled before its payment could be set up` +
        `${reason ? ` (${reason})` : ''}; place the order again with a new Idempotency-Key`,
    );
  }
}

export class IdempotencyKeyRequired extends DomainError {
  constructor() {
    super('VALIDATION_FAILED', 'Orders placed with an API key need an Idempotency-Key header, so a retry never orders twice', {
      errors: [{ field: 'Idempotency-Key', message: 'is required with an API key' }],
    });
  }
}

/** Where a buyer who needs more than one order may hold is sent: the facility itself. */
export interface WholesaleContact {
  facilityName: string;
  facilitySlug: string;
  phone: string | null;
  email: string | null;
}

export class QuantityLimitExceeded extends DomainError {
  constructor(lineIndex: number, productName: string, limit: number, contact: WholesaleContact) {
    const reach = [contact.phone, contact.email].filter((way): way is string => way !== null && way !== '').join(' or ');
    super(
      'QUANTITY_LIMIT_EXCEEDED',
      `"${productName}" can be ordered at most ${limit} at a time; lower the quantity. For a larger (wholesale) order, contact ` +
        `${contact.facilityName} ${reach ? `at ${reach}` : `(see GET /facilities/${contact.facilitySlug})`}`,
      { errors: [{ field: `items.${lineIndex}.quantity`, message: `must not be greater than ${limit} for this product (its per-order limit)` }] },
    );
  }
}

/** Whose unpaid orders reached the limit, in words the client can act on. */
export type UnpaidOrderHolder = 'address' | 'email' | 'partner';

const HOLDER_WORDS: Record<UnpaidOrderHolder, string> = {
  address: 'this network address',
  email: 'this e-mail address',
  partner: 'this partner',
};

export class TooManyUnpaidOrders extends DomainError {
  constructor(holder: UnpaidOrderHolder, limit: number, retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      'TOO_MANY_UNPAID_ORDERS',
      `There are already ${limit} unpaid orders for ${HOLDER_WORDS[holder]}, the most that may hold stock at once. Pay one of them, ` +
        `or cancel one you no longer want (POST /orders/{number}/cancel), or wait until one of them ends (expires or is cancelled) in about ${minutes} min (Retry-After)`,
      { retryAfterSeconds },
    );
  }
}

export class TooManyCheckoutAttempts extends DomainError {
  constructor(retryAfterSeconds: number, who: 'address' | 'partner') {
    super(
      'RATE_LIMITED',
      `Too many checkout attempts from ${who === 'address' ? 'this network address' : 'this partner'}; wait ${retryAfterSeconds} s (Retry-After) before ordering again`,
      { retryAfterSeconds },
    );
  }
}

export interface LineOutsideZone {
  index: number;
  productId: string;
  name: string;
  facilityName: string;
}

/**
 * Perishables and services travel only as far as their facility delivers (its LOCAL_DELIVERY
 * zone; goods as far as its COURIER zone). Names every line that cannot go to the address, so
 * the shopper can drop them or choose pickup.
 */
export class OutsideDeliveryZone extends DomainError {
  constructor(province: string, lines: readonly LineOutsideZone[]) {
    const names = lines.map((line) => `"${line.name}" (${line.facilityName})`).join(', ');
    super('OUTSIDE_DELIVERY_ZONE', `Not delivered to ${province || 'this address'}: ${names}. Remove ${lines.length === 1 ? 'it' : 'them'}, or choose PICKUP`, {
      errors: lines.map((line) => ({ field: `items.${line.index}.productId`, message: `${line.productId} is not delivered to ${province || 'this address'}` })),
    });
  }
}
