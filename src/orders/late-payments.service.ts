import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { SellabilityService } from '../catalog/sellability.service.js';
import { inLockOrder, ReservedProduct, StockPort } from '../catalog/stock.port.js';
import { Facility } from '../facilities/facility.entity.js';
import { OrderItem } from './order-item.entity.js';
import { nextState, PAYMENT_TRANSITIONS } from './order-state.js';
import type { Order } from './order.entity.js';
import { PaymentReturns } from './payment-returns.service.js';
import type { MarkPaidOutcome, PaymentSource } from './payment-source.js';
import type { Payment } from './payment.entity.js';
import { SaleRecorder } from './sale-recorder.service.js';

const LATE_PAID_REASON = 'Payment arrived after the order was cancelled; the stock was still available, so the order was reinstated as paid';
const LATE_REFUND_REASON = 'Payment arrived after the order was cancelled and the stock was gone (or the products can no longer be sold there); the full amount was refunded automatically';
const LATE_STOCK_SAVEPOINT = 'late_payment_stock';

/**
 * A payment the provider reports after the order was cancelled (by the shopper or by expiry).
 * The stock is taken again, all or nothing (a savepoint undoes a partial take), and the order is
 * reinstated as paid if its products can still be sold to its address (the same rule as at
 * checkout: a permit may have lapsed, a zone shrunk); otherwise the whole amount goes back. Either happens once: the
 * payment table allows neither once the payment is SUCCEEDED or REFUNDED, so the same payment
 * reported again (another event id) finds nothing to do.
 */
@Injectable()
export class LatePayments {
  constructor(
    private readonly sales: SaleRecorder,
    private readonly returns: PaymentReturns,
    private readonly stock: StockPort,
    private readonly sellability: SellabilityService,
  ) {}

  async settle(tx: EntityManager, order: Order, payment: Payment, source: PaymentSource): Promise<MarkPaidOutcome> {
    if (nextState(PAYMENT_TRANSITIONS, payment.status, 'succeed_late') === undefined) return 'ALREADY_SETTLED';
    const items = await tx.getRepository(OrderItem).findBy({ orderId: order.id });
    await tx.query(`SAVEPOINT ${LATE_STOCK_SAVEPOINT}`);
    if (await this.takeAgain(tx, order, items)) {
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

  /** The order's stock, taken again if all of it can be and its products may still go where the order goes. */
  private async takeAgain(tx: EntityManager, order: Order, items: readonly OrderItem[]): Promise<boolean> {
    const products = new Map<string, ReservedProduct>();
    for (const item of inLockOrder(items)) {
      const reserved = await this.stock.reserve(tx, item, { orderId: order.id, note: 'late payment' });
      if (!reserved) return false;
      products.set(item.productId, reserved);
    }
    const facilities = await tx.getRepository(Facility).findBy({ id: In([...new Set(items.map((item) => item.facilityId))]) });
    const sale = await this.sellability.check(
      tx,
      items.map((item, index) => {
        const product = products.get(item.productId) as ReservedProduct;
        return { index, productId: product.id, facilityId: product.facilityId, kind: product.kind, status: 'PUBLISHED' as const, deleted: false, foodPermitValidUntil: product.foodPermitValidUntil };
      }),
      facilities,
      order.deliveryMethod === 'SHIPPING' ? { method: 'SHIPPING', province: order.deliveryAddress?.province ?? '' } : { method: 'PICKUP' },
    );
    return sale.refused.length === 0;
  }
}
