import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { StockPort } from '../catalog/stock.port.js';
import { PAYMENT_PROVIDER, PaymentProvider } from '../payments/payment-provider.js';
import { FulfilmentTransitions } from './fulfilment-transitions.js';
import { eventBase } from './order-event-payloads.js';
import type { TransitionActor } from './order-history.js';
import { OrderItem } from './order-item.entity.js';
import { CancelledPayment, lockFulfilmentsOf, lockPaymentsOf } from './order-cancellation.queries.js';
import { assertTransition, FULFILMENT_TRANSITIONS, ORDER_TRANSITIONS, PAYMENT_TRANSITIONS, statesAllowing } from './order-state.js';
import { OrderRef, OrderTransitions, TransitionedOrder } from './order-transitions.js';
import type { ActorType } from './order.types.js';
import { PaymentTransitions } from './payment-transitions.js';

/** Provider calls made at once when a batch is cancelled: enough to drain it, few enough to be polite. */
const PROVIDER_CONCURRENCY = 4;

export interface CancelledBatch {
  orders: TransitionedOrder[];
  payments: CancelledPayment[];
}

/**
 * PENDING_PAYMENT -> CANCELLED, whoever asks (the shopper, a partner, the expiry sweep): stock
 * goes back, the fulfilments and the payment are cancelled with the order, each through its own
 * transition (history rows, `order.cancelled`), all in the caller's transaction with the orders
 * already locked. A payment whose last attempt failed is cancelled too, so the provider never
 * takes money for an order that no longer exists.
 */
@Injectable()
export class OrderCancellationService {
  private readonly logger = new Logger('OrderCancellation');

  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
    private readonly orderTransitions: OrderTransitions,
    private readonly fulfilmentTransitions: FulfilmentTransitions,
    private readonly paymentTransitions: PaymentTransitions,
    private readonly stock: StockPort,
  ) {}

  /** One order (its entity is updated in place); returns its payment for cancelling at the provider after the commit. */
  async cancelUnpaid(em: EntityManager, order: OrderRef, actorType: ActorType, reason: string): Promise<CancelledPayment | null> {
    assertTransition(ORDER_TRANSITIONS, 'An order', order.status, 'cancel');
    const items = await em.getRepository(OrderItem).findBy({ orderId: order.id });
    await this.stock.release(em, items);
    const { payments } = await this.cancelWith(em, [order], { type: actorType, id: null }, reason);
    return payments[0] ?? null;
  }

  /**
   * The same for many orders at once (expiry, abandoned checkouts), set-based: stock back in one
   * statement, then a handful of statements for the whole batch. The caller has locked the orders
   * (all PENDING_PAYMENT) in its transaction.
   */
  async cancelUnpaidMany(em: EntityManager, orderIds: readonly string[], actorType: ActorType, reason: string): Promise<CancelledBatch> {
    if (orderIds.length === 0) return { orders: [], payments: [] };
    assertTransition(ORDER_TRANSITIONS, 'An order', 'PENDING_PAYMENT', 'cancel');
    await this.stock.release(em, await em.getRepository(OrderItem).find({ select: { orderId: true, productId: true, quantity: true }, where: { orderId: In([...orderIds]) } }));
    return this.cancelWith(
      em,
      orderIds.map((id) => ({ id, status: 'PENDING_PAYMENT' })),
      { type: actorType, id: null },
      reason,
    );
  }

  /** After the commit of `cancelUnpaidMany`: cancels their payments at the provider, a few at a time. */
  async cancelManyAtProvider(payments: readonly CancelledPayment[]): Promise<void> {
    const queue = [...payments];
    const worker = async (): Promise<void> => {
      for (let payment = queue.shift(); payment; payment = queue.shift()) await this.cancelAtProvider(payment.orderId, payment);
    };
    await Promise.all(Array.from({ length: PROVIDER_CONCURRENCY }, worker));
  }

  /**
   * After the commit: cancels the provider's payment. A failure is logged and the cancellation
   * stands (a payment arriving later for a cancelled order is re-reserved or refunded).
   */
  async cancelAtProvider(orderId: string, payment: Pick<CancelledPayment, 'provider' | 'providerReference'> & Partial<Pick<CancelledPayment, 'checkoutSessionId'>> | null): Promise<void> {
    // A payment made with a provider no longer configured cannot be cancelled through this one.
    if (!payment || payment.provider !== this.payments.name) return;
    try {
      await this.payments.cancelPayment(payment.providerReference);
    } catch (error) {
      this.logger.error({ err: error, orderId, reference: payment.providerReference }, 'Could not cancel the payment at the provider');
    }
    // Stripe keeps a Checkout Session open at least 30 minutes, longer than an anonymous hold may be: close it with the order.
    if (payment.checkoutSessionId && this.payments.endHostedCheckout) {
      await this.payments.endHostedCheckout(payment.checkoutSessionId).catch((error: unknown) => {
        this.logger.error({ err: error, orderId, session: payment.checkoutSessionId }, 'Could not close the payment page at the provider');
      });
    }
  }

  private async cancelWith(em: EntityManager, orders: readonly OrderRef[], actor: TransitionActor, reason: string): Promise<CancelledBatch> {
    const ids = orders.map((order) => order.id);
    const fulfilments = await lockFulfilmentsOf(em, ids, statesAllowing(FULFILMENT_TRANSITIONS, 'cancel'));
    await this.fulfilmentTransitions.apply(em, fulfilments, 'cancel', { actor, reason });
    const cancelled = await this.orderTransitions.apply(em, orders, 'cancel', {
      actor,
      reason,
      announce: (order) => ({ ...eventBase(order), reason, actor: actor.type }),
    });
    const payments = await lockPaymentsOf(em, ids, statesAllowing(PAYMENT_TRANSITIONS, 'cancel'));
    await this.paymentTransitions.apply(em, payments, 'cancel', { actor, reason });
    return { orders: cancelled, payments };
  }
}
