import { DomainError } from '../common/errors/domain-error.js';
import type { PaymentProviderName } from '../payments/payment.types.js';

/** Confirming by hand is for bank transfers; a card payment is confirmed by its provider. */
export class NotAManualPayment extends DomainError {
  constructor(provider: PaymentProviderName) {
    super('CONFLICT', `This order is paid through ${provider}, which confirms the payment itself; only manual bank transfers are confirmed by an admin`);
  }
}

/** A second confirmation (two admins, a double click): the first one stands. */
export class OrderAlreadyPaid extends DomainError {
  constructor(orderNumber: string) {
    super('INVALID_STATE', `Order ${orderNumber} is already paid`);
  }
}

/** An order without its payment row: checkout failed before recording it. */
export class OrderHasNoPayment extends DomainError {
  constructor(orderNumber: string) {
    super('INVALID_STATE', `Order ${orderNumber} has no payment to confirm`);
  }
}

/** Refunds follow payment: an unpaid, cancelled or fully refunded order has nothing to give back. */
export class OrderNotRefundable extends DomainError {
  constructor(orderNumber: string, status: string) {
    super('INVALID_STATE', `Order ${orderNumber} is ${status}; only PAID, COMPLETED or PARTIALLY_REFUNDED orders can be refunded`);
  }
}
