import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { isInScope } from '../auth/access-policy.js';
import { Facility } from '../facilities/facility.entity.js';
import { RevenueSplitService } from '../facilities/revenue-split.service.js';
import { PAYMENT_PROVIDER, PaymentProvider } from '../payments/payment-provider.js';
import { Fulfilment } from './fulfilment.entity.js';
import { LedgerEntry } from './ledger-entry.entity.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderItem } from './order-item.entity.js';
import { NotAManualPayment, OrderAlreadyPaid, OrderHasNoPayment } from './order-payments.errors.js';
import { ConfirmedPaymentView } from './order-payments.views.js';
import { assertFulfilmentTransition, assertLatePaymentRevival, assertOrderTransition } from './order-state.js';
import { inLockOrder, recordSale, reserveStock } from './order-stock.queries.js';
import { Order } from './order.entity.js';
import type { OrderStatus } from './order.types.js';
import { OrderNotFound } from './orders.errors.js';
import { Outbox } from '../outbox/outbox.js';
import { Payment } from './payment.entity.js';
import { LineSplit, reverse, splitLine } from './revenue-split.math.js';

export interface PaymentSource {
  actorType: 'PAYMENT_PROVIDER' | 'ADMIN';
  actorId?: string;
  /** The provider's payment id, for the order history. */
  reference?: string;
  /** What the provider says it collected, in rupiah (may carry a fraction); checked against the order. */
  amountReceived?: number;
}

/**
 * What markPaid did: PAID; ALREADY_PAID (a replay, nothing changed); PAID_LATE (the order had
 * been cancelled, its stock was taken again); REFUNDED_LATE (cancelled and the stock was gone:
 * the money went back automatically).
 */
export type MarkPaidOutcome = 'PAID' | 'ALREADY_PAID' | 'PAID_LATE' | 'REFUNDED_LATE' | 'REFUNDED_MISMATCH';

const PAID_OR_LATER: readonly OrderStatus[] = ['PAID', 'COMPLETED', 'REFUNDED', 'PARTIALLY_REFUNDED'];
const LATE_PAID_REASON = 'Payment arrived after the order was cancelled; the stock was still available, so the order was reinstated as paid';
const LATE_REFUND_REASON = 'Payment arrived after the order was cancelled and the stock was gone; the full amount was refunded automatically';
const MISMATCH_REFUND_REASON = 'The provider collected a different amount than the order total; it was refunded automatically and the order was not paid';
const LATE_STOCK_SAVEPOINT = 'late_payment_stock';

/**
 * Payment outcomes applied to orders, whoever reports them (the Stripe webhook, an admin
 * confirming a bank transfer). Each method is one transaction that locks the order row first, so
 * concurrent reports of the same outcome serialise and the later ones find nothing to do. Pass
 * `em` to run inside a caller's transaction (the webhook records its event id in the same one).
 */
@Injectable()
export class OrderPaymentsService {
  constructor(
    private readonly outbox: Outbox,
    private readonly dataSource: DataSource,
    private readonly splits: RevenueSplitService,
    private readonly audit: AuditService,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
  ) {}

  /** PENDING_PAYMENT -> PAID with fulfilments, ledger, sales counts and `order.paid`; idempotent. */
  markPaid(orderId: string, source: PaymentSource, em?: EntityManager): Promise<MarkPaidOutcome> {
    return this.inTransaction(em, async (tx) => {
      const order = await lockOrder(tx, orderId);
      if (PAID_OR_LATER.includes(order.status)) return 'ALREADY_PAID';
      if (source.amountReceived !== undefined && source.amountReceived !== order.total) {
        await this.refundWhole(tx, order, source, {
          amount: Math.floor(source.amountReceived),
          reason: `${MISMATCH_REFUND_REASON} (received Rp${source.amountReceived}, expected Rp${order.total})`,
          idempotencyKey: `refund-mismatch-${order.id}`,
          event: 'order.payment_refunded',
        });
        return 'REFUNDED_MISMATCH';
      }
      if (order.status === 'CANCELLED' && source.actorType === 'PAYMENT_PROVIDER') return this.latePayment(tx, order, source);
      assertOrderTransition(order.status, 'PAID');
      await this.applyPaid(tx, order, source, { revive: false, reason: source.reference ? `Payment ${source.reference}` : null });
      return 'PAID';
    });
  }

  /** The attempt failed; the order stays PENDING_PAYMENT and a later success still counts. */
  markFailed(orderId: string, reason: string, em?: EntityManager): Promise<void> {
    return this.inTransaction(em, async (tx) => {
      const order = await lockOrder(tx, orderId);
      const payment = await tx.getRepository(Payment).findOneBy({ orderId });
      // A failure reported after the order moved on (paid, cancelled) is stale news.
      if (!payment || order.status !== 'PENDING_PAYMENT' || (payment.status !== 'PENDING' && payment.status !== 'FAILED')) return;
      payment.status = 'FAILED';
      payment.failureReason = reason;
      await tx.getRepository(Payment).save(payment);
      await tx.getRepository(OrderEvent).insert({
        orderId,
        fulfilmentId: null,
        fromStatus: order.status,
        toStatus: order.status,
        actorType: 'PAYMENT_PROVIDER',
        actorId: null,
        reason: `Payment attempt failed: ${reason}`,
      });
    });
  }

  /** The provider gave up on the payment; the order is left alone (expiry cancels it if unpaid). */
  markCanceledByProvider(orderId: string, em?: EntityManager): Promise<void> {
    return this.inTransaction(em, async (tx) => {
      await lockOrder(tx, orderId);
      const payment = await tx.getRepository(Payment).findOneBy({ orderId });
      if (!payment || (payment.status !== 'PENDING' && payment.status !== 'FAILED')) return;
      payment.status = 'CANCELED';
      await tx.getRepository(Payment).save(payment);
    });
  }

  /**
   * The provider's running total of refunds (never an increment, so replays and out-of-order
   * deliveries are harmless). A full refund reverses every SALE ledger entry; a partial one only
   * records the amounts: which lines it covers is the admin refund flow's decision. That flow
   * (OrderRefundsService) records its refund, ledger included, before its transaction commits, so
   * the `charge.refunded` Stripe sends for it finds the same total already here and does nothing.
   */
  recordRefund(orderId: string, amountRefundedTotal: number, em?: EntityManager): Promise<void> {
    return this.inTransaction(em, async (tx) => {
      const order = await lockOrder(tx, orderId);
      const payment = await tx.getRepository(Payment).findOneBy({ orderId });
      if (!payment) throw new OrderHasNoPayment(order.number);
      // Everything we meant to give back is back (a mismatch refund may be less than the total).
      if (payment.status === 'REFUNDED') return;
      const total = Math.min(payment.amount, Math.max(payment.refundedAmount, amountRefundedTotal));
      const full = total >= payment.amount;
      const paymentStatus = full ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
      if (total <= 0 || (total === payment.refundedAmount && payment.status === paymentStatus)) return;
      payment.refundedAmount = total;
      payment.status = paymentStatus;
      await tx.getRepository(Payment).save(payment);

      // A refund of money the order never kept (a late payment on a cancelled order) is payment-only.
      if (!PAID_OR_LATER.includes(order.status) || order.status === 'REFUNDED') return;
      const to: OrderStatus = full ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
      assertOrderTransition(order.status, to);
      const from = order.status;
      order.status = to;
      await tx.getRepository(Order).save(order);
      await tx.getRepository(OrderEvent).insert({
        orderId,
        fulfilmentId: null,
        fromStatus: from,
        toStatus: to,
        actorType: 'PAYMENT_PROVIDER',
        actorId: null,
        reason: `Refunded Rp${total} of Rp${payment.amount} at the payment provider`,
      });
      if (full) await this.reverseSales(tx, orderId);
      await this.outbox.publish(tx, {
        type: full ? 'order.refunded' : 'order.partially_refunded',
        aggregateType: 'order',
        aggregateId: orderId,
        payload: { orderId, number: order.number, refundedAmount: total, amount: payment.amount },
      });
    });
  }

  /** An admin confirms a bank transfer arrived: manual payments only, within the admin's scope. */
  confirmManualPayment(user: AuthUser, orderId: string): Promise<ConfirmedPaymentView> {
    return this.dataSource.transaction(async (em) => {
      const order = await lockOrder(em, orderId);
      const fulfilments = await em.getRepository(Fulfilment).findBy({ orderId });
      const facilities = await em.getRepository(Facility).findBy({ id: In(fulfilments.map((f) => f.facilityId)) });
      const facility = facilities.find((f) => isInScope(user, f));
      if (!facility) throw new OrderNotFound();
      const payment = await em.getRepository(Payment).findOneBy({ orderId });
      if (!payment) throw new OrderHasNoPayment(order.number);
      if (payment.provider !== 'manual') throw new NotAManualPayment(payment.provider);

      const before = { status: order.status, paymentStatus: payment.status };
      const outcome = await this.markPaid(orderId, { actorType: 'ADMIN', actorId: user.id }, em);
      if (outcome === 'ALREADY_PAID') throw new OrderAlreadyPaid(order.number);
      const paid = await em.getRepository(Order).findOneByOrFail({ id: orderId });
      await this.audit.record(em, user, {
        action: 'order.confirmPayment',
        entityType: 'order',
        entityId: orderId,
        facilityId: facility.id,
        kanwilId: facility.kanwilId,
        before,
        after: { status: paid.status, paymentStatus: 'SUCCEEDED' },
      });
      return {
        id: paid.id,
        number: paid.number,
        status: paid.status,
        paidAt: (paid.paidAt ?? new Date()).toISOString(),
        payment: { provider: payment.provider, status: 'SUCCEEDED' },
      };
    });
  }

  private async applyPaid(tx: EntityManager, order: Order, source: PaymentSource, how: { revive: boolean; reason: string | null }): Promise<void> {
    const paidAt = new Date();
    const payment = await tx.getRepository(Payment).findOneBy({ orderId: order.id });
    if (!payment) throw new OrderHasNoPayment(order.number);
    payment.status = 'SUCCEEDED';
    payment.failureReason = null;
    await tx.getRepository(Payment).save(payment);

    const actor = { actorType: source.actorType, actorId: source.actorId ?? null, reason: how.reason };
    const events: Partial<OrderEvent>[] = [{ orderId: order.id, fulfilmentId: null, fromStatus: order.status, toStatus: 'PAID', ...actor }];
    const fulfilments = await tx.getRepository(Fulfilment).findBy({ orderId: order.id });
    for (const fulfilment of fulfilments) {
      // A revived order's fulfilments were cancelled with it and come back with it.
      if (!(how.revive && fulfilment.status === 'CANCELLED')) assertFulfilmentTransition(fulfilment.status, 'PROCESSING');
      events.push({ orderId: order.id, fulfilmentId: fulfilment.id, fromStatus: fulfilment.status, toStatus: 'PROCESSING', ...actor });
      fulfilment.status = 'PROCESSING';
    }
    await tx.getRepository(Fulfilment).save(fulfilments);

    order.status = 'PAID';
    order.paidAt = paidAt;
    if (how.revive) {
      order.cancelledAt = null;
      order.cancelReason = null;
    }
    await tx.getRepository(Order).save(order);
    await tx.getRepository(OrderEvent).insert(events);

    const items = await tx.getRepository(OrderItem).findBy({ orderId: order.id });
    const facilityIds = [...new Set(items.map((item) => item.facilityId))];
    const rules = await this.splits.rulesInForce(facilityIds, paidAt, tx);
    await tx.getRepository(LedgerEntry).insert(
      items.map((item) => {
        const rule = rules.get(item.facilityId) ?? rules.national;
        const split = splitLine(item.lineTotal, (item.unitCost ?? 0) * item.quantity, rule);
        return { kind: 'SALE' as const, orderId: order.id, orderItemId: item.id, facilityId: item.facilityId, productId: item.productId, quantity: item.quantity, ...split, splitRuleId: rule.id };
      }),
    );
    for (const item of inLockOrder(items)) await recordSale(tx, item);

    await this.outbox.publish(tx, {
      type: 'order.paid',
      aggregateType: 'order',
      aggregateId: order.id,
      payload: { orderId: order.id, number: order.number, total: order.total, facilityIds, paidAt: paidAt.toISOString(), late: how.revive },
    });
  }

  /**
   * The shopper paid after the order was cancelled. Take the stock again, all or nothing (a
   * savepoint undoes a partial take); if that fails, refund the whole amount. The refund is asked
   * for inside the transaction, with a fixed idempotency key: if the commit then fails, the
   * redelivered event asks again and the provider replays the same refund, never a second one.
   */
  private async latePayment(tx: EntityManager, order: Order, source: PaymentSource): Promise<MarkPaidOutcome> {
    assertLatePaymentRevival(order.status);
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
      await this.applyPaid(tx, order, source, { revive: true, reason: LATE_PAID_REASON });
      return 'PAID_LATE';
    }
    await tx.query(`ROLLBACK TO SAVEPOINT ${LATE_STOCK_SAVEPOINT}`);

    const payment = await tx.getRepository(Payment).findOneBy({ orderId: order.id });
    if (!payment) throw new OrderHasNoPayment(order.number);
    await this.refundWhole(tx, order, source, { amount: payment.amount, reason: LATE_REFUND_REASON, idempotencyKey: `refund-late-${order.id}`, event: 'order.late_payment_refunded' });
    return 'REFUNDED_LATE';
  }

  /**
   * Gives a payment straight back without the order ever counting as paid (no ledger, no stock):
   * asked of the provider inside the transaction with a fixed idempotency key, so a redelivered
   * event after a failed commit replays the same refund instead of making a second.
   */
  private async refundWhole(
    tx: EntityManager,
    order: Order,
    source: PaymentSource,
    refund: { amount: number; reason: string; idempotencyKey: string; event: string },
  ): Promise<void> {
    const payment = await tx.getRepository(Payment).findOneBy({ orderId: order.id });
    if (!payment) throw new OrderHasNoPayment(order.number);
    if (payment.provider !== this.payments.name || payment.providerReference === null) {
      // Thrown, not swallowed: the event stays unrecorded and is redelivered once this is fixed.
      throw new Error(`Cannot refund the ${payment.provider} payment of order ${order.number} through ${this.payments.name}`);
    }
    await this.payments.refund({ reference: payment.providerReference, amount: refund.amount, idempotencyKey: refund.idempotencyKey });
    payment.status = 'REFUNDED';
    payment.refundedAmount = refund.amount;
    payment.failureReason = refund.reason;
    await tx.getRepository(Payment).save(payment);
    await tx.getRepository(OrderEvent).insert({
      orderId: order.id,
      fulfilmentId: null,
      fromStatus: order.status,
      toStatus: order.status,
      actorType: source.actorType,
      actorId: source.actorId ?? null,
      reason: refund.reason,
    });
    await this.outbox.publish(tx, {
      type: refund.event,
      aggregateType: 'order',
      aggregateId: order.id,
      payload: { orderId: order.id, number: order.number, refundedAmount: refund.amount },
    });
  }

  /** Writes, per line, the REFUND that brings its SALE plus earlier refunds to zero. */
  private async reverseSales(tx: EntityManager, orderId: string): Promise<void> {
    const entries = await tx.getRepository(LedgerEntry).findBy({ orderId });
    const reversals: Partial<LedgerEntry>[] = [];
    for (const sale of entries.filter((e) => e.kind === 'SALE')) {
      const refunds = entries.filter((e) => e.kind === 'REFUND' && e.orderItemId === sale.orderItemId);
      const left: LineSplit = {
        gross: sale.gross + sum(refunds, 'gross'),
        cost: sale.cost + sum(refunds, 'cost'),
        profit: sale.profit + sum(refunds, 'profit'),
        premi: sale.premi + sum(refunds, 'premi'),
        pnbp: sale.pnbp + sum(refunds, 'pnbp'),
        capital: sale.capital + sum(refunds, 'capital'),
      };
      const quantityLeft = sale.quantity + refunds.reduce((total, e) => total + e.quantity, 0);
      if (Object.values(left).every((v) => v === 0) && quantityLeft === 0) continue;
      reversals.push({
        kind: 'REFUND',
        orderId,
        orderItemId: sale.orderItemId,
        facilityId: sale.facilityId,
        productId: sale.productId,
        quantity: -quantityLeft,
        ...reverse(left),
        splitRuleId: sale.splitRuleId,
      });
    }
    if (reversals.length > 0) await tx.getRepository(LedgerEntry).insert(reversals);
    await tx.getRepository(OrderItem).update({ orderId }, { refundedQuantity: () => 'quantity' });
  }

  private inTransaction<T>(em: EntityManager | undefined, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    if (!em) return this.dataSource.transaction(work);
    // The row lock means nothing outside a transaction.
    if (!em.queryRunner?.isTransactionActive) throw new Error('OrderPaymentsService needs a transactional EntityManager');
    return work(em);
  }
}

async function lockOrder(em: EntityManager, orderId: string): Promise<Order> {
  const order = await em.getRepository(Order).findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
  if (!order) throw new OrderNotFound();
  return order;
}

function sum(entries: readonly LedgerEntry[], field: keyof LineSplit): number {
  return entries.reduce((total, entry) => total + entry[field], 0);
}
