import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Payment } from './payment.entity.js';
import { inTransaction, lockOrder } from './order-locks.js';
import { nextState, PAYMENT_TRANSITIONS } from './order-state.js';
import { PaymentTransitions } from './payment-transitions.js';

const PROVIDER = { type: 'PAYMENT_PROVIDER', id: null } as const;

/**
 * What the provider reports when a payment does not go through. The order is left alone either
 * way: it stays PENDING_PAYMENT (a later success still counts) until the shopper pays, cancels, or
 * expiry cancels it. News the payment table refuses (a failure reported after the payment moved
 * on) is stale and ignored.
 */
@Injectable()
export class PaymentFailuresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: PaymentTransitions,
  ) {}

  /** An attempt failed (a declined card); the shopper may try again. */
  markFailed(orderId: string, reason: string, em?: EntityManager): Promise<void> {
    return inTransaction(this.dataSource, em, async (tx) => {
      const order = await lockOrder(tx, orderId);
      const payment = await tx.getRepository(Payment).findOneBy({ orderId });
      if (!payment || order.status !== 'PENDING_PAYMENT' || nextState(PAYMENT_TRANSITIONS, payment.status, 'fail') === undefined) return;
      await this.payments.apply(tx, [payment], 'fail', { actor: PROVIDER, reason: `Payment attempt failed: ${reason}`, failureReason: reason });
    });
  }

  /** The provider gave up on the payment. */
  markCanceledByProvider(orderId: string, em?: EntityManager): Promise<void> {
    return inTransaction(this.dataSource, em, async (tx) => {
      await lockOrder(tx, orderId);
      const payment = await tx.getRepository(Payment).findOneBy({ orderId });
      if (!payment || (payment.status !== 'PENDING' && payment.status !== 'FAILED')) return;
      await this.payments.apply(tx, [payment], 'cancel', { actor: PROVIDER, reason: 'The payment provider cancelled the payment' });
    });
  }
}
