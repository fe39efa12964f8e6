import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { StockPort } from '../catalog/stock.port.js';
import { Facility } from '../facilities/facility.entity.js';
import { RevenueSplitService } from '../facilities/revenue-split.service.js';
import { FulfilmentTransitions } from './fulfilment-transitions.js';
import { Fulfilment } from './fulfilment.entity.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import { saleOf } from './ledger.js';
import { orderPaidPayload } from './order-event-payloads.js';
import { OrderItem } from './order-item.entity.js';
import { OrderTransitions } from './order-transitions.js';
import { Order } from './order.entity.js';
import { actorOf, PaymentSource } from './payment-source.js';
import { PaymentTransitions } from './payment-transitions.js';
import { Payment } from './payment.entity.js';

/**
 * What makes an order a sale, in the caller's transaction with the order locked: the payment
 * SUCCEEDED, the fulfilments PROCESSING, a SALE ledger entry per line under the facility's split
 * rule in force, the sales counts, and the order PAID (announcing `order.paid`). A late payment
 * (`late`) revives a cancelled order the same way; its fulfilments come back with it.
 */
@Injectable()
export class SaleRecorder {
  constructor(
    private readonly splits: RevenueSplitService,
    private readonly orders: OrderTransitions,
    private readonly fulfilments: FulfilmentTransitions,
    private readonly payments: PaymentTransitions,
    private readonly stock: StockPort,
  ) {}

  async record(tx: EntityManager, order: Order, payment: Payment, source: PaymentSource, how: { late: boolean; reason: string | null }): Promise<void> {
    const actor = actorOf(source);
    await this.payments.apply(tx, [payment], how.late ? 'succeed_late' : 'succeed', { actor, reason: how.reason });

    const fulfilments = await tx.getRepository(Fulfilment).findBy({ orderId: order.id });
    const cancelled = fulfilments.filter((f) => f.status === 'CANCELLED');
    if (how.late && cancelled.length > 0) await this.fulfilments.apply(tx, cancelled, 'revive', { actor, reason: how.reason });
    const waiting = fulfilments.filter((f) => !(how.late && cancelled.includes(f)));
    if (waiting.length > 0) await this.fulfilments.apply(tx, waiting, 'start', { actor, reason: how.reason });

    const paidAt = new Date();
    const items = await tx.getRepository(OrderItem).findBy({ orderId: order.id });
    const facilityIds = [...new Set(items.map((item) => item.facilityId))];
    const rules = await this.splits.rulesInForce(facilityIds, paidAt, tx);
    await tx.getRepository(LedgerEntry).insert(
      items.map((item) => {
        const rule = rules.get(item.facilityId) ?? rules.national;
        return { kind: 'SALE' as const, orderId: order.id, orderItemId: item.id, facilityId: item.facilityId, productId: item.productId, program: item.program, categoryId: item.categoryId, quantity: item.quantity, ...saleOf(item, rule), splitRuleId: rule.id };
      }),
    );
    await this.stock.commit(tx, items);

    const facilities = await tx.getRepository(Facility).find({ where: { id: In(facilityIds) }, order: { name: 'ASC' } });
    await this.orders.apply(tx, [order], how.late ? 'revive' : 'pay', {
      actor,
      reason: how.reason,
      announce: (row) => orderPaidPayload(row, items, facilities, { paidAt: row.paidAt ?? paidAt, late: how.late }),
    });
  }
}
