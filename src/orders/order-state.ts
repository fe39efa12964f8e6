import { DomainError } from '../common/errors/domain-error.js';
import type { PaymentStatus } from '../payments/payment.types.js';
import type { OrderEventPayloads, OrderEventType } from './order-events.js';
import type { FulfilmentAction, FulfilmentStatus, OrderAction, OrderStatus, PaymentAction } from './order.types.js';

/** A state machine as data: state x action -> next state; a missing entry is a refused action. */
export type TransitionTable<S extends string, A extends string> = Readonly<Record<S, Readonly<Partial<Record<A, S>>>>>;

/**
 * The order lifecycle (API.md). A repeat is refused by the table itself (CANCELLED has no
 * `cancel`), and the one way out of CANCELLED is `revive`: a payment the provider reports after
 * the order was cancelled, applied only when the stock could be taken again. An admin's `pay`
 * never revives a cancelled order.
 */
export const ORDER_TRANSITIONS: TransitionTable<OrderStatus, OrderAction> = {
  PENDING_PAYMENT: { pay: 'PAID', cancel: 'CANCELLED' },
  PAID: { complete: 'COMPLETED', refund_part: 'PARTIALLY_REFUNDED', refund_full: 'REFUNDED' },
  COMPLETED: { refund_part: 'PARTIALLY_REFUNDED', refund_full: 'REFUNDED' },
  // Each partial refund is a refund of its own (another amount), so it may follow another.
  PARTIALLY_REFUNDED: { refund_part: 'PARTIALLY_REFUNDED', refund_full: 'REFUNDED', complete: 'COMPLETED' },
  CANCELLED: { revive: 'PAID' },
  REFUNDED: {},
};

/** A pickup is handed over from PROCESSING; a parcel is shipped first (the service checks which). */
export const FULFILMENT_TRANSITIONS: TransitionTable<FulfilmentStatus, FulfilmentAction> = {
  PENDING: { start: 'PROCESSING', cancel: 'CANCELLED' },
  PROCESSING: { ship: 'SHIPPED', deliver: 'DELIVERED', cancel: 'CANCELLED' },
  SHIPPED: { deliver: 'DELIVERED' },
  DELIVERED: {},
  // The fulfilments of a cancelled order come back with it when a late payment revives it.
  CANCELLED: { revive: 'PROCESSING' },
};

/**
 * The money side. `succeed_late` and `return_late` are the two ends of a payment that arrives
 * after the order was cancelled (its payment then CANCELED); `return_mismatch` gives back an amount
 * that differs from the order total. Once REFUNDED nothing applies, so a late payment reported
 * again (a second event id) neither refunds nor revives anything a second time.
 */
export const PAYMENT_TRANSITIONS: TransitionTable<PaymentStatus, PaymentAction> = {
  PENDING: { fail: 'FAILED', succeed: 'SUCCEEDED', cancel: 'CANCELED', return_mismatch: 'REFUNDED' },
  // A failed attempt may be followed by another one (another card), failing or not.
  FAILED: { fail: 'FAILED', succeed: 'SUCCEEDED', cancel: 'CANCELED', return_mismatch: 'REFUNDED' },
  SUCCEEDED: { refund_part: 'PARTIALLY_REFUNDED', refund_full: 'REFUNDED' },
  PARTIALLY_REFUNDED: { refund_part: 'PARTIALLY_REFUNDED', refund_full: 'REFUNDED' },
  CANCELED: { succeed_late: 'SUCCEEDED', return_late: 'REFUNDED', return_mismatch: 'REFUNDED' },
  REFUNDED: {},
};

/** The outbox event each action announces (written by the transition, in its transaction). */
export const ORDER_ANNOUNCES = {
  pay: 'order.paid',
  revive: 'order.paid',
  cancel: 'order.cancelled',
  complete: 'order.completed',
  refund_part: 'order.partially_refunded',
  refund_full: 'order.refunded',
} as const satisfies Record<OrderAction, OrderEventType>;

export const FULFILMENT_ANNOUNCES = {
  start: null,
  ship: 'fulfilment.shipped',
  deliver: 'fulfilment.delivered',
  cancel: null,
  revive: null,
} as const satisfies Record<FulfilmentAction, OrderEventType | null>;

/** A refund of a paid order is announced by the order's transition; only money given back on its own is the payment's news. */
export const PAYMENT_ANNOUNCES = {
  fail: null,
  succeed: null,
  cancel: null,
  refund_part: null,
  refund_full: null,
  succeed_late: null,
  return_late: 'order.late_payment_refunded',
  return_mismatch: 'order.payment_refunded',
} as const satisfies Record<PaymentAction, OrderEventType | null>;

/**
 * What a transition request must carry: the payload of the event its action announces, built
 * from the row as written; nothing for actions that announce nothing.
 */
export type Announcement<T extends Record<string, OrderEventType | null>, A extends keyof T, Row> = T[A] extends OrderEventType
  ? { announce: (row: Row) => OrderEventPayloads[T[A]] }
  : { announce?: undefined };

/** How a refused action reads in a problem's detail. */
const DONE: Record<OrderAction | FulfilmentAction | PaymentAction, string> = {
  pay: 'paid',
  cancel: 'cancelled',
  complete: 'completed',
  refund_part: 'partly refunded',
  refund_full: 'refunded',
  revive: 'reinstated',
  start: 'started',
  ship: 'shipped',
  deliver: 'delivered',
  fail: 'marked failed',
  succeed: 'marked succeeded',
  succeed_late: 'accepted late',
  return_late: 'given back as late',
  return_mismatch: 'given back as mismatched',
};

export class InvalidTransition extends DomainError {
  constructor(what: string, from: string, action: OrderAction | FulfilmentAction | PaymentAction) {
    super('INVALID_STATE', `${what} that is ${from} cannot be ${DONE[action]}`);
  }
}

/** The conditional write found another status than the one read: someone changed it meanwhile. */
export class ConcurrentTransition extends DomainError {
  constructor(what: string) {
    super('CONFLICT', `${what} changed while this request was handled; reload it and try again`);
  }
}

export function nextState<S extends string, A extends string>(table: TransitionTable<S, A>, from: S, action: A): S | undefined {
  return table[from][action];
}

/** The statuses from which `action` is allowed (for set-based writes). */
export function statesAllowing<S extends string, A extends string>(table: TransitionTable<S, A>, action: A): S[] {
  return (Object.keys(table) as S[]).filter((state) => table[state][action] !== undefined);
}

/** The next state, or INVALID_STATE naming what was refused. */
export function assertTransition<S extends string, A extends OrderAction | FulfilmentAction | PaymentAction>(table: TransitionTable<S, A>, what: string, from: S, action: A): S {
  const to = nextState(table, from, action);
  if (to === undefined) throw new InvalidTransition(what, from, action);
  return to;
}
