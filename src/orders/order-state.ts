import { DomainError } from '../common/errors/domain-error.js';
import type { FulfilmentStatus, OrderStatus } from './order.types.js';

/**
 * The order lifecycle as data (API.md). PAID -> COMPLETED when every fulfilment is delivered;
 * refunds may follow payment or completion; a partial refund may be followed by more refunds.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING_PAYMENT: ['PAID', 'CANCELLED'],
  PAID: ['COMPLETED', 'REFUNDED', 'PARTIALLY_REFUNDED'],
  COMPLETED: ['REFUNDED', 'PARTIALLY_REFUNDED'],
  PARTIALLY_REFUNDED: ['PARTIALLY_REFUNDED', 'REFUNDED', 'COMPLETED'],
  CANCELLED: [],
  REFUNDED: [],
};

export const FULFILMENT_TRANSITIONS: Record<FulfilmentStatus, readonly FulfilmentStatus[]> = {
  PENDING: ['PROCESSING', 'CANCELLED'],
  PROCESSING: ['SHIPPED', 'DELIVERED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};

export class InvalidTransition extends DomainError {
  constructor(what: string, from: string, to: string) {
    super('INVALID_STATE', `${what} cannot go from ${from} to ${to}`);
  }
}

export function canTransition<S extends string>(table: Record<S, readonly S[]>, from: S, to: S): boolean {
  return table[from].includes(to);
}

/** Every order status change goes through here. */
export function assertOrderTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(ORDER_TRANSITIONS, from, to)) throw new InvalidTransition('An order', from, to);
}

/**
 * The one way out of CANCELLED, deliberately kept out of ORDER_TRANSITIONS: a payment that
 * succeeds after the order was cancelled (by the shopper or by expiry) revives it as PAID, but
 * only when the payment provider reports it and the stock could be taken again; otherwise the
 * money is refunded. No one may move a cancelled order to PAID by hand.
 */
export function assertLatePaymentRevival(from: OrderStatus): void {
  if (from !== 'CANCELLED') throw new InvalidTransition('A late payment', from, 'PAID');
}

/** Every fulfilment status change goes through here. */
export function assertFulfilmentTransition(from: FulfilmentStatus, to: FulfilmentStatus): void {
  if (!canTransition(FULFILMENT_TRANSITIONS, from, to)) throw new InvalidTransition('A fulfilment', from, to);
}
