import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PAYMENT_PROVIDER, PaymentProvider } from '../payments/payment-provider.js';
import { Fulfilment } from './fulfilment.entity.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderItem } from './order-item.entity.js';
import { cancelFulfilmentsOf, cancelOrders, cancelPendingPayments, CancelledOrder, CancelledPayment } from './order-cancellation.queries.js';
import { assertFulfilmentTransition, assertOrderTransition, canTransition, FULFILMENT_TRANSITIONS } from './order-state.js';
import { inLockOrder, releaseStock, releaseStockOfOrders } from './order-stock.queries.js';
import { FULFILMENT_STATUSES, type ActorType } from './order.types.js';
import { Order } from './order.entity.js';
import { Outbox } from '../outbox/outbox.js';
import { Payment } from './payment.entity.js';

/** Fulfilment statuses the state machine lets go to CANCELLED. */
const CANCELLABLE_FULFILMENTS = FULFILMENT_STATUSES.filter((status) => canTransition(FULFILMENT_TRANSITIONS, status, 'CANCELLED'));

/** Provider calls made at once when a batch is cancelled: enough to drain it, few enough to be polite. */
const PROVIDER_CONCURRENCY = 4;

export interface CancelledBatch {
  orders: CancelledOrder[];
  payments: CancelledPayment[];
}

/**
 * PENDING_PAYMENT -> CANCELLED, whoever asks (the shopper, the expiry sweep): stock goes back,
 * fulfilments are cancelled, history and outbox rows are written, all in the caller's
 * transaction with the order row already locked.
 */
@Injectable()
export class OrderCancellationService {
  private readonly logger = new Logger('OrderCancellation');

  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
    private readonly outbox: Outbox,
  ) {}

  async cancelUnpaid(em: EntityManager, order: Order, actorType: ActorType, reason: string): Promise<Payment | null> {
    assertOrderTransition(order.status, 'CANCELLED');

    const items = await em.getRepository(OrderItem).findBy({ orderId: order.id });
    for (const item of inLockOrder(items)) await releaseStock(em, item);

    const events: Partial<OrderEvent>[] = [
      { orderId: order.id, fulfilmentId: null, fromStatus: order.status, toStatus: 'CANCELLED', actorType, actorId: null, reason },
    ];
    const fulfilments = await em.getRepository(Fulfilment).findBy({ orderId: order.id });
    for (const fulfilment of fulfilments) {
      assertFulfilmentTransition(fulfilment.status, 'CANCELLED');
      events.push({ orderId: order.id, fulfilmentId: fulfilment.id, fromStatus: fulfilment.status, toStatus: 'CANCELLED', actorType, actorId: null, reason });
      fulfilment.status = 'CANCELLED';
    }
    await em.getRepository(Fulfilment).save(fulfilments);

    order.status = 'CANCELLED';
    order.cancelledAt = new Date();
    order.cancelReason = reason;
    await em.getRepository(Order).save(order);
    await em.getRepository(OrderEvent).insert(events);

    const payment = await em.getRepository(Payment).findOneBy({ orderId: order.id });
    if (payment?.status === 'PENDING') {
      payment.status = 'CANCELED';
      await em.getRepository(Payment).save(payment);
    }
    await this.outbox.publish(em, {
      type: 'order.cancelled',
      aggregateType: 'order',
      aggregateId: order.id,
      payload: { orderId: order.id, number: order.number, reason, actor: actorType },
    });
    return payment;
  }

  /**
   * The same for many orders at once (expiry, abandoned checkouts), set-based: stock back, their
   * fulfilments cancelled, one history row and one `order.cancelled` event per order. The caller
   * has locked the orders (all PENDING_PAYMENT) in its transaction.
   */
  async cancelUnpaidMany(em: EntityManager, orderIds: readonly string[], actorType: ActorType, reason: string): Promise<CancelledBatch> {
    if (orderIds.length === 0) return { orders: [], payments: [] };
    assertOrderTransition('PENDING_PAYMENT', 'CANCELLED');
    await releaseStockOfOrders(em, orderIds);
    await cancelFulfilmentsOf(em, orderIds, CANCELLABLE_FULFILMENTS, actorType, reason);
    const orders = await cancelOrders(em, orderIds, actorType, reason);
    const payments = await cancelPendingPayments(em, orderIds);
    for (const order of orders) {
      await this.outbox.publish(em, {
        type: 'order.cancelled',
        aggregateType: 'order',
        aggregateId: order.id,
        payload: { orderId: order.id, number: order.number, reason, actor: actorType },
      });
    }
    return { orders, payments };
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
  async cancelAtProvider(orderId: string, payment: Pick<Payment, 'provider' | 'providerReference'> | null): Promise<void> {
    // A payment made with a provider no longer configured cannot be cancelled through this one.
    if (!payment || payment.provider !== this.payments.name) return;
    try {
      await this.payments.cancelPayment(payment.providerReference);
    } catch (error) {
      this.logger.error({ err: error, orderId, reference: payment.providerReference }, 'Could not cancel the payment at the provider');
    }
  }
}
