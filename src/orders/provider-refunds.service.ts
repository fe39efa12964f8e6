import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { allocateAmount, leftOf } from './ledger.js';
import { inTransaction, lockOrder, paymentOf } from './order-locks.js';
import { nextState, ORDER_TRANSITIONS, PAYMENT_TRANSITIONS } from './order-state.js';
import { RefundRecorder } from './refund-recorder.service.js';

const PROVIDER = { type: 'PAYMENT_PROVIDER', id: null } as const;

/**
 * Refunds the provider reports (Stripe `charge.refunded`), including those made in its dashboard,
 * which say how much but not for what. The provider sends its running total (never an
 * increment), so replays and out-of-order deliveries are harmless: only what exceeds the total
 * already recorded is news. The admin refund flow records its refund before committing, so the
 * report Stripe sends for it finds its total already here and does nothing.
 *
 * The news is spread over the order by the ledger's rule (allocateAmount): the lines first, pro
 * rata by what is left of each, in rupiah and never more than a line has left, then shipping. A
 * refund that leaves nothing paid empties every line, whatever the earlier ones did.
 */
@Injectable()
export class ProviderRefundsService {
  private readonly logger = new Logger('ProviderRefunds');

  constructor(
    private readonly dataSource: DataSource,
    private readonly refunds: RefundRecorder,
  ) {}

  recordRefund(orderId: string, amountRefundedTotal: number, em?: EntityManager): Promise<void> {
    return inTransaction(this.dataSource, em, async (tx) => {
      const order = await lockOrder(tx, orderId);
      const payment = await paymentOf(tx, order);
      const refundedTotal = Math.min(payment.amount, amountRefundedTotal);
      const amount = refundedTotal - payment.refundedAmount;
      if (amount <= 0) return;
      const action = refundedTotal >= payment.amount ? 'refund_full' : 'refund_part';
      // Money the order never kept (a late or mismatched payment already given back) is not a refund of a sale.
      if (nextState(PAYMENT_TRANSITIONS, payment.status, action) === undefined || nextState(ORDER_TRANSITIONS, order.status, action) === undefined) {
        this.logger.warn({ orderId, status: order.status, paymentStatus: payment.status, amount }, 'Provider reported a refund the order cannot take; ignored');
        return;
      }
      const ledger = await this.refunds.ledgerOf(tx, order, payment);
      const linesLeft = ledger.lines.reduce((sum, line) => sum + leftOf(line).gross, 0);
      const spread = action === 'refund_full' ? linesLeft + ledger.shippingLeft : Math.min(amount, linesLeft + ledger.shippingLeft);
      const allocation = allocateAmount(ledger.lines, ledger.shippingLeft, spread);
      await this.refunds.record(tx, { order, payment, lines: allocation.lines, amount }, PROVIDER, `Refunded Rp${refundedTotal} of Rp${payment.amount} at the payment provider`);
    });
  }
}
