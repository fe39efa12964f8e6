import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OrderItem } from './order-item.entity.js';
import { nextState, PAYMENT_TRANSITIONS } from './order-state.js';
import { inLockOrder, reserveStock } from './order-stock.queries.js';
import type { Order } from './order.entity.js';
import { PaymentReturns } from './payment-returns.service.js';
import type { MarkPaidOutcome, PaymentSource } from './payment-source.js';
import type { Payment } from './payment.entity.js';
import { SaleRecorder } from './sale-recorder.service.js';

const LATE_PAID_REASON = 'Payment arrived after the order was cancelled; the stock was still available, so the order was reinstated as paid';
const LATE_REFUND_REASON = 'Payment arrived after the order was cancelled and the stock was gone; the full amount was refunded automatically';
const LATE_STOCK_SAVEPOINT = 'late_payment_stock';

/**
 * A payment the provider reports after the order was cancelled (by the shopper or by expiry).
 * The stock is taken again, all or nothing (a savepoint undoes a partial take), and the order is
 * reinstated as paid; if the stock is gone, the whole amount goes back. Either happens once: the
 * payment table allows neither once the payment is SUCCEEDED or REFUNDED, so the same payment
 * reported again (another event id) finds nothing to do.
 */
@Injectable()
export class LatePayments {
  constructor(
    private readonly sales: SaleRecorder,
    private readonly returns: PaymentReturns,
  ) {}

  async settle(tx: EntityManager, order: Order, payment: Payment, source: PaymentSource): Promise<MarkPaidOutcome> {
    if (nextState(PAYMENT_TRANSITIONS, payment.status, 'succeed_late') === undefined) return 'ALREADY_SETTLED';
    const items = await tx.getRepository(OrderItem).findBy({ orderId: order.id });
    await tx.query(`SAVEPOINT ${LATE_STOCK_SAVEPOINT}`);
    let reserved = true;
    for (const item of inLockOrder(items)) {
      if (!(await reserveStock(tx, item))) {
        reserved = false;
        break;
      }
    }
    if (reserved) {
      await tx.query(`RELEASE SAVEPOINT ${LATE_STOCK_SAVEPOINT}`);
      await this.sales.record(tx, order, payment, source, { late: true, reason: LATE_PAID_REASON });
      return 'PAID_LATE';
    }
    await tx.query(`ROLLBACK TO SAVEPOINT ${LATE_STOCK_SAVEPOINT}`);
    await this.returns.giveBack(tx, order, payment, source, {
      action: 'return_late',
      amount: payment.amount,
      reason: LATE_REFUND_REASON,
      idempotencyKey: `refund-late-${order.id}`,
    });
    return 'REFUNDED_LATE';
  }
}
