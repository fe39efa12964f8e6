import { DomainError } from '../common/errors/domain-error.js';

/**
 * Cancelling found the payment already taken (the shopper paid as the order expired): the order
 * must be treated as paid, or refunded, never silently cancelled.
 */
export class PaymentAlreadySucceeded extends DomainError {
  constructor(readonly reference: string) {
    super('INVALID_STATE', 'The payment has already succeeded and cannot be cancelled; refund it instead');
  }
}
