import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LedgerEntry } from './ledger-entry.entity.js';
import { LedgerLine, LedgerRefund, total } from './ledger.js';
import { eventBase } from './order-event-payloads.js';
import type { TransitionActor } from './order-history.js';
import { OrderItem } from './order-item.entity.js';
import { OrderTransitions } from './order-transitions.js';
import type { Order } from './order.entity.js';
import type { OrderStatus } from './order.types.js';
import { PaymentTransitions } from './payment-transitions.js';
import type { Payment } from './payment.entity.js';

/** An order's lines as the ledger sees them, in id order (the order refunds are apportioned in). */
export interface OrderLedger {
  items: OrderItem[];
  lines: LedgerLine[];
  /** Shipping not yet refunded: what was refunded beyond what the lines took came out of shipping. */
  shippingLeft: number;
}

export interface RecordedRefund {
  status: OrderStatus;
  /** This refund, in rupiah. */
  amount: number;
  /** Every refund so far, this one included. */
  refundedAmount: number;
}

/**
 * Writes a refund, whoever made it (an admin, or the provider's dashboard): the REFUND ledger
 * entries the ledger module computed, the units given back, the payment and the order
 * transitions (the order's announces `order.refunded` or `order.partially_refunded`).
 */
@Injectable()
export class RefundRecorder {
  constructor(
    private readonly orders: OrderTransitions,
    private readonly payments: PaymentTransitions,
  ) {}

  /** `items`: the order's lines in id order, when the caller has them already. */
  async ledgerOf(em: EntityManager, order: Pick<Order, 'id' | 'number' | 'shippingTotal'>, payment: Pick<Payment, 'refundedAmount'>, items?: OrderItem[]): Promise<OrderLedger> {
    items ??= await linesOf(em, order.id);
    const entries = await em.getRepository(LedgerEntry).findBy({ orderId: order.id });
    const lines = items.map((item) => {
      const sale = entries.find((e) => e.kind === 'SALE' && e.orderItemId === item.id);
      if (!sale) throw new Error(`Order line ${item.id} of ${order.number} has no SALE ledger entry`);
      const refunds = entries.filter((e) => e.kind === 'REFUND' && e.orderItemId === item.id);
      return { id: item.id, quantity: item.quantity, refundedQuantity: item.refundedQuantity, sale: parts(sale), refunded: total(refunds.map(parts)) };
    });
    const linesRefunded = lines.reduce((sum, line) => sum - line.refunded.gross, 0);
    // Never below zero: provider refunds recorded before they were spread over lines left none.
    const shippingLeft = Math.max(0, order.shippingTotal - (payment.refundedAmount - linesRefunded));
    return { items, lines, shippingLeft };
  }

  async record(
    em: EntityManager,
    refund: { order: Order; payment: Payment; lines: readonly LedgerRefund[]; amount: number },
    actor: TransitionActor,
    reason: string,
  ): Promise<RecordedRefund> {
    const { order, payment, lines, amount } = refund;
    const sales = await em.getRepository(LedgerEntry).findBy({ orderId: order.id, kind: 'SALE' });
    const entries = lines.map((line) => {
      const sale = sales.find((e) => e.orderItemId === line.lineId);
      if (!sale) throw new Error(`Order line ${line.lineId} has no SALE ledger entry`);
      return { kind: 'REFUND' as const, orderId: order.id, orderItemId: line.lineId, facilityId: sale.facilityId, productId: sale.productId, program: sale.program, categoryId: sale.categoryId, quantity: -line.quantity, ...line.entry, splitRuleId: sale.splitRuleId };
    });
    if (entries.length > 0) await em.getRepository(LedgerEntry).insert(entries);
    for (const line of lines.filter((l) => l.quantity > 0)) await em.getRepository(OrderItem).increment({ id: line.lineId }, 'refundedQuantity', line.quantity);

    const refundedAmount = payment.refundedAmount + amount;
    const action = refundedAmount >= payment.amount ? 'refund_full' : 'refund_part';
    const paid = payment.amount;
    await this.payments.apply(em, [payment], action, { actor, reason, refundedAmount });
    const [written] = await this.orders.apply(em, [order], action, {
      actor,
      reason,
      announce: () => ({ ...eventBase(order), refundAmount: amount, refundedAmount, amount: paid }),
    });
    return { status: written?.status ?? order.status, amount, refundedAmount };
  }
}

export function linesOf(em: EntityManager, orderId: string): Promise<OrderItem[]> {
  return em.getRepository(OrderItem).find({ where: { orderId }, order: { id: 'ASC' } });
}

function parts(entry: LedgerEntry): LedgerLine['sale'] {
  return { gross: entry.gross, cost: entry.cost, profit: entry.profit, premi: entry.premi, pnbp: entry.pnbp, capital: entry.capital };
}
