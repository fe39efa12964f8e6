import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PAYMENT_PROVIDER, PaymentProvider } from '../payments/payment-provider.js';
import { eventBase } from './order-event-payloads.js';
import type { Order } from './order.entity.js';
import { actorOf, PaymentSource } from './payment-source.js';
import { PaymentTransitions } from './payment-transitions.js';
import type { Payment } from './payment.entity.js';

export interface PaymentReturn {
  /** `return_late`: the order was cancelled and its stock is gone; `return_mismatch`: another amount than the total. */
  action: 'return_late' | 'return_mismatch';
  amount: number;
  reason: string;
  /** Fixed per order and kind, so a redelivered event after a failed commit replays the same refund. */
  idempotencyKey: string;
}

/**
 * Gives a payment straight back without the order ever counting as paid (no ledger, no stock).
 * The caller has checked the payment table allows the return; the refund is asked of the provider
 * inside the transaction, so a provider error records nothing and the event is delivered again.
 */
@Injectable()
export class PaymentReturns {
  constructor(
    private readonly payments: PaymentTransitions,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {}

  async giveBack(tx: EntityManager, order: Order, payment: Payment, source: PaymentSource, back: PaymentReturn): Promise<void> {
    if (payment.provider !== this.provider.name || payment.providerReference === null) {
      // Thrown, not swallowed: the event stays unrecorded and is redelivered once this is fixed.
      throw new Error(`Cannot refund the ${payment.provider} payment of order ${order.number} through ${this.provider.name}`);
    }
    await this.provider.refund({ reference: payment.providerReference, amount: back.amount, idempotencyKey: back.idempotencyKey });
    await this.payments.apply(tx, [payment], back.action, {
      actor: actorOf(source),
      reason: back.reason,
      refundedAmount: back.amount,
      announce: () => ({ ...eventBase(order), total: order.total, refundedAmount: back.amount }),
    });
  }
}
