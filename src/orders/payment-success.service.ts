import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LatePayments } from './late-payments.service.js';
import { inTransaction, lockOrder, paymentOf } from './order-locks.js';
import { assertTransition, nextState, ORDER_TRANSITIONS, PAYMENT_TRANSITIONS } from './order-state.js';
import type { OrderStatus } from './order.types.js';
import { PaymentReturns } from './payment-returns.service.js';
import type { MarkPaidOutcome, PaymentSource } from './payment-source.js';
import { SaleRecorder } from './sale-recorder.service.js';

const PAID_OR_LATER: readonly OrderStatus[] = ['PAID', 'COMPLETED', 'REFUNDED', 'PARTIALLY_REFUNDED'];
const MISMATCH_REFUND_REASON = 'The provider collected a different amount than the order total; it was refunded automatically and the order was not paid';

/**
 * A payment succeeded, whoever reports it (the Stripe webhook, an admin confirming a bank
 * transfer): one transaction that locks the order first, so concurrent reports serialise and the
 * later ones find nothing to do. Pass `em` to run inside the caller's transaction.
 */
@Injectable()
export class PaymentSuccessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sales: SaleRecorder,
    private readonly late: LatePayments,
    private readonly returns: PaymentReturns,
  ) {}

  markPaid(orderId: string, source: PaymentSource, em?: EntityManager): Promise<MarkPaidOutcome> {
    return inTransaction(this.dataSource, em, async (tx) => {
      const order = await lockOrder(tx, orderId);
      if (PAID_OR_LATER.includes(order.status)) return 'ALREADY_PAID';
      const payment = await paymentOf(tx, order);
      if (source.amountReceived !== undefined && source.amountReceived !== order.total) {
        if (nextState(PAYMENT_TRANSITIONS, payment.status, 'return_mismatch') === undefined) return 'ALREADY_SETTLED';
        await this.returns.giveBack(tx, order, payment, source, {
          action: 'return_mismatch',
          amount: Math.floor(source.amountReceived),
          reason: `${MISMATCH_REFUND_REASON} (received Rp${source.amountReceived}, expected Rp${order.total})`,
          idempotencyKey: `refund-mismatch-${order.id}`,
        });
        return 'REFUNDED_MISMATCH';
      }
      if (order.status === 'CANCELLED' && source.actorType === 'PAYMENT_PROVIDER') return this.late.settle(tx, order, payment, source);
      // Checked before anything is written: an admin cannot pay a cancelled order by hand.
      assertTransition(ORDER_TRANSITIONS, 'An order', order.status, 'pay');
      await this.sales.record(tx, order, payment, source, { late: false, reason: source.reference ? `Payment ${source.reference}` : null });
      return 'PAID';
    });
  }
}
