import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PAYMENT_PROVIDER, PaymentProvider } from '../payments/payment-provider.js';
import { Fulfilment } from './fulfilment.entity.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderItem } from './order-item.entity.js';
import { assertFulfilmentTransition, assertOrderTransition } from './order-state.js';
import { inLockOrder, releaseStock } from './order-stock.queries.js';
import type { ActorType } from './order.types.js';
import { Order } from './order.entity.js';
import { Outbox } from '../outbox/outbox.js';
import { Payment } from './payment.entity.js';

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
   * After the commit: cancels the provider's payment. A failure is logged and the cancellation
   * stands (a payment arriving later for a cancelled order is re-reserved or refunded).
   */
  async cancelAtProvider(orderId: string, payment: Payment | null): Promise<void> {
    // A payment made with a provider no longer configured cannot be cancelled through this one.
    if (!payment || payment.provider !== this.payments.name) return;
    try {
      await this.payments.cancelPayment(payment.providerReference);
    } catch (error) {
      this.logger.error({ err: error, orderId, reference: payment.providerReference }, 'Could not cancel the payment at the provider');
    }
  }
}
