import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Outbox } from '../outbox/outbox.js';
import type { PaymentProviderName, PaymentStatus } from '../payments/payment.types.js';
import { groupBy, TransitionActor, writeHistory } from './order-history.js';
import { Announcement, assertTransition, ConcurrentTransition, PAYMENT_ANNOUNCES, PAYMENT_TRANSITIONS } from './order-state.js';
import type { PaymentAction } from './order.types.js';

/** A payment as a transition needs it; a Payment entity passed in is updated in place. */
export interface PaymentRef {
  id: string;
  orderId: string;
  status: PaymentStatus;
}

export interface TransitionedPayment {
  id: string;
  orderId: string;
  status: PaymentStatus;
  provider: PaymentProviderName;
  providerReference: string | null;
  amount: number;
  refundedAmount: number;
  failureReason: string | null;
  updatedAt: Date;
}

export type PaymentChange<A extends PaymentAction> = {
  actor: TransitionActor;
  /** For the history. */
  reason?: string | null;
  /** A failure or a return: why, as kept on the payment (the history's reason unless given). */
  failureReason?: string;
  /** Refunds and returns: what has been given back in all, in rupiah. */
  refundedAmount?: number;
} & Announcement<typeof PAYMENT_ANNOUNCES, A, TransitionedPayment>;

interface PaymentRow {
  id: string;
  order_id: string;
  status: PaymentStatus;
  provider: PaymentProviderName;
  provider_reference: string | null;
  amount: number;
  refunded_amount: number;
  failure_reason: string | null;
  updated_at: Date;
}

type Columns = (change: { reason?: string | null; failureReason?: string; refundedAmount?: number }, param: (value: unknown) => string) => string[];

const failure: Columns = (change, param) => [`failure_reason = ${param(change.failureReason ?? change.reason ?? null)}`];

const refunded: Columns = (change, param) => {
  if (change.refundedAmount === undefined) throw new Error('A refund needs the amount refunded so far');
  return [`refunded_amount = ${param(change.refundedAmount)}::int`];
};

const COLUMNS: Record<PaymentAction, Columns> = {
  fail: failure,
  succeed: () => ['failure_reason = NULL'],
  succeed_late: () => ['failure_reason = NULL'],
  cancel: () => [],
  refund_part: refunded,
  refund_full: refunded,
  // Money given back without the order counting as paid: why is kept on the payment.
  return_late: (change, param) => [...refunded(change, param), ...failure(change, param)],
  return_mismatch: (change, param) => [...refunded(change, param), ...failure(change, param)],
};

/**
 * The one writer of `payment.status`: checks PAYMENT_TRANSITIONS, writes conditionally, records one
 * history row per payment (`order_event.payment_id`) and announces what the action announces, in
 * the caller's transaction. A refused action is how a repeated report (a late payment delivered
 * under a second event id) is told apart from news.
 */
@Injectable()
export class PaymentTransitions {
  constructor(private readonly outbox: Outbox) {}

  async apply<A extends PaymentAction>(em: EntityManager, payments: readonly PaymentRef[], action: A, change: PaymentChange<A>): Promise<TransitionedPayment[]> {
    const written: TransitionedPayment[] = [];
    for (const [from, group] of groupBy(payments, (payment) => payment.status)) {
      const to = assertTransition(PAYMENT_TRANSITIONS, 'A payment', from, action);
      const params: unknown[] = [group.map((payment) => payment.id), to, from];
      const param = (value: unknown): string => `$${params.push(value)}`;
      const columns = ['status = $2::payment_status', ...COLUMNS[action](change, param), 'updated_at = now()'];
      const [rows] = await em.query<[PaymentRow[], number]>(
        `UPDATE payment SET ${columns.join(', ')}
          WHERE id = ANY($1::uuid[]) AND status = $3::payment_status
          RETURNING id, order_id, status, provider, provider_reference, amount, refunded_amount, failure_reason, updated_at`,
        params,
      );
      if (rows.length !== group.length) throw new ConcurrentTransition(group.length === 1 ? 'The payment' : 'One of the payments');
      const byId = new Map(rows.map((row) => [row.id, toTransitioned(row)]));
      for (const payment of group) {
        const row = byId.get(payment.id);
        if (row) Object.assign(payment, { status: row.status, refundedAmount: row.refundedAmount, failureReason: row.failureReason, updatedAt: row.updatedAt });
      }
      await writeHistory(em, rows.map((row) => ({ orderId: row.order_id, paymentId: row.id, from, to })), change.actor, change.reason ?? null);
      written.push(...byId.values());
    }
    const type = PAYMENT_ANNOUNCES[action];
    for (const payment of written) {
      const payload = change.announce?.(payment);
      if (type !== null && payload) await this.outbox.publish(em, { type, aggregateType: 'order', aggregateId: payment.orderId, payload });
    }
    return written;
  }
}

function toTransitioned(row: PaymentRow): TransitionedPayment {
  return {
    id: row.id,
    orderId: row.order_id,
    status: row.status,
    provider: row.provider,
    providerReference: row.provider_reference,
    amount: row.amount,
    refundedAmount: row.refunded_amount,
    failureReason: row.failure_reason,
    updatedAt: row.updated_at,
  };
}
