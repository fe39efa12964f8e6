import { DomainError } from '../common/errors/domain-error';
import { assertFulfilmentTransition, assertLatePaymentRevival, assertOrderTransition, FULFILMENT_TRANSITIONS, ORDER_TRANSITIONS } from './order-state';
import { FULFILMENT_STATUSES, FulfilmentStatus, ORDER_STATUSES, OrderStatus } from './order.types';

/** The expected answer for every pair, written out so a change to the table shows up here. */
const ORDER_ALLOWED = new Set([
  'PENDING_PAYMENT>PAID',
  'PENDING_PAYMENT>CANCELLED',
  'PAID>COMPLETED',
  'PAID>REFUNDED',
  'PAID>PARTIALLY_REFUNDED',
  'COMPLETED>REFUNDED',
  'COMPLETED>PARTIALLY_REFUNDED',
  'PARTIALLY_REFUNDED>PARTIALLY_REFUNDED',
  'PARTIALLY_REFUNDED>REFUNDED',
  'PARTIALLY_REFUNDED>COMPLETED',
]);

const FULFILMENT_ALLOWED = new Set([
  'PENDING>PROCESSING',
  'PENDING>CANCELLED',
  'PROCESSING>SHIPPED',
  'PROCESSING>DELIVERED',
  'PROCESSING>CANCELLED',
  'SHIPPED>DELIVERED',
]);

const pairs = <S extends string>(states: readonly S[]): [S, S][] => states.flatMap((from) => states.map((to) => [from, to] as [S, S]));

describe('order transitions', () => {
  it.each(pairs<OrderStatus>(ORDER_STATUSES))('%s -> %s', (from, to) => {
    if (ORDER_ALLOWED.has(`${from}>${to}`)) expect(() => assertOrderTransition(from, to)).not.toThrow();
    else expect(() => assertOrderTransition(from, to)).toThrow(DomainError);
  });

  it('has no transitions out of final states', () => {
    expect(ORDER_TRANSITIONS.CANCELLED).toEqual([]);
    expect(ORDER_TRANSITIONS.REFUNDED).toEqual([]);
  });
});

describe('late payment revival (CANCELLED -> PAID, outside the table)', () => {
  it.each(ORDER_STATUSES.map((s) => [s]))('from %s', (from) => {
    if (from === 'CANCELLED') expect(() => assertLatePaymentRevival(from)).not.toThrow();
    else expect(() => assertLatePaymentRevival(from)).toThrow(DomainError);
  });

  it('is not an ordinary transition', () => {
    expect(() => assertOrderTransition('CANCELLED', 'PAID')).toThrow(DomainError);
  });
});

describe('fulfilment transitions', () => {
  it.each(pairs<FulfilmentStatus>(FULFILMENT_STATUSES))('%s -> %s', (from, to) => {
    if (FULFILMENT_ALLOWED.has(`${from}>${to}`)) expect(() => assertFulfilmentTransition(from, to)).not.toThrow();
    else expect(() => assertFulfilmentTransition(from, to)).toThrow(/cannot go from/);
  });

  it('has no transitions out of final states', () => {
    expect(FULFILMENT_TRANSITIONS.DELIVERED).toEqual([]);
    expect(FULFILMENT_TRANSITIONS.CANCELLED).toEqual([]);
  });
});
