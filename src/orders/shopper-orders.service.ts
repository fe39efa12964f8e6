import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Facility } from '../facilities/facility.entity.js';
import { PAYMENT_PROVIDER, PaymentProvider } from '../payments/payment-provider.js';
import { Fulfilment } from './fulfilment.entity.js';
import { OrderEvent } from './order-event.entity.js';
import { OrderItem } from './order-item.entity.js';
import { assertFulfilmentTransition, assertOrderTransition } from './order-state.js';
import { inLockOrder, releaseStock } from './order-stock.queries.js';
import { orderTokenMatches } from './order-token.js';
import { Order } from './order.entity.js';
import { OrderView, toOrderView } from './order.views.js';
import { OrderNotFound } from './orders.errors.js';
import { OutboxEvent } from './outbox-event.entity.js';
import { Payment } from './payment.entity.js';

const DEFAULT_CANCEL_REASON = 'Cancelled by the shopper';

/** What a shopper holding an order's token may do: read it, and cancel it while unpaid. */
@Injectable()
export class ShopperOrdersService {
  private readonly logger = new Logger('ShopperOrders');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
  ) {}

  async get(number: string, token: string | undefined): Promise<OrderView> {
    const order = await this.dataSource.getRepository(Order).findOneBy({ number });
    if (!order || !orderTokenMatches(token, order.accessTokenHash)) throw new OrderNotFound();
    return this.load(this.dataSource.manager, order);
  }

  /**
   * PENDING_PAYMENT -> CANCELLED: stock goes back, fulfilments are cancelled, then the provider's
   * payment is cancelled outside the transaction (a provider failure is logged, the cancel stands:
   * a payment arriving later for a cancelled order is refunded by the webhook handler).
   */
  async cancel(number: string, token: string | undefined, reason: string | undefined): Promise<OrderView> {
    const { view, payment } = await this.dataSource.transaction(async (em) => {
      const order = await em.getRepository(Order).findOne({ where: { number }, lock: { mode: 'pessimistic_write' } });
      if (!order || !orderTokenMatches(token, order.accessTokenHash)) throw new OrderNotFound();
      assertOrderTransition(order.status, 'CANCELLED');

      const items = await em.getRepository(OrderItem).findBy({ orderId: order.id });
      for (const item of inLockOrder(items)) await releaseStock(em, item);

      const cancelReason = reason ?? DEFAULT_CANCEL_REASON;
      const events: Partial<OrderEvent>[] = [];
      const fulfilments = await em.getRepository(Fulfilment).findBy({ orderId: order.id });
      for (const fulfilment of fulfilments) {
        assertFulfilmentTransition(fulfilment.status, 'CANCELLED');
        events.push({ orderId: order.id, fulfilmentId: fulfilment.id, fromStatus: fulfilment.status, toStatus: 'CANCELLED', actorType: 'SHOPPER', actorId: null, reason: cancelReason });
        fulfilment.status = 'CANCELLED';
      }
      await em.getRepository(Fulfilment).save(fulfilments);

      events.unshift({ orderId: order.id, fulfilmentId: null, fromStatus: order.status, toStatus: 'CANCELLED', actorType: 'SHOPPER', actorId: null, reason: cancelReason });
      order.status = 'CANCELLED';
      order.cancelledAt = new Date();
      order.cancelReason = cancelReason;
      await em.getRepository(Order).save(order);
      await em.getRepository(OrderEvent).insert(events);

      const paymentRow = await em.getRepository(Payment).findOneBy({ orderId: order.id });
      if (paymentRow?.status === 'PENDING') {
        paymentRow.status = 'CANCELED';
        await em.getRepository(Payment).save(paymentRow);
      }
      await em.getRepository(OutboxEvent).insert({
        type: 'order.cancelled',
        aggregateType: 'order',
        aggregateId: order.id,
        payload: { orderId: order.id, number: order.number, reason: cancelReason, actor: 'SHOPPER' },
        publishedAt: null,
      });
      return { view: await this.load(em, order), payment: paymentRow };
    });

    // A payment made with a provider no longer configured cannot be cancelled through this one.
    if (payment && payment.provider === this.payments.name) {
      try {
        await this.payments.cancelPayment(payment.providerReference);
      } catch (error) {
        this.logger.error({ err: error, orderId: view.id, reference: payment.providerReference }, 'Could not cancel the payment at the provider');
      }
    }
    return view;
  }

  private async load(em: EntityManager, order: Order): Promise<OrderView> {
    // One after another: inside a transaction they share one connection anyway.
    const items = await em.getRepository(OrderItem).findBy({ orderId: order.id });
    const fulfilments = await em.getRepository(Fulfilment).findBy({ orderId: order.id });
    const payment = await em.getRepository(Payment).findOneBy({ orderId: order.id });
    const facilities = await em.getRepository(Facility).findBy({ id: In(fulfilments.map((f) => f.facilityId)) });
    return toOrderView({
      order,
      items,
      fulfilments,
      facilities: new Map(facilities.map((f) => [f.id, { id: f.id, slug: f.slug, name: f.name }])),
      payment: payment ? { provider: payment.provider, status: payment.status } : null,
    });
  }
}
