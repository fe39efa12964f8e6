import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Facility } from '../facilities/facility.entity.js';
import { Fulfilment } from './fulfilment.entity.js';
import { OrderCancellationService } from './order-cancellation.service.js';
import { OrderItem } from './order-item.entity.js';
import { orderTokenMatches } from './order-token.js';
import { Order } from './order.entity.js';
import { OrderView, toOrderView } from './order.views.js';
import { OrderNotFound } from './orders.errors.js';
import { Payment } from './payment.entity.js';

const DEFAULT_CANCEL_REASON = 'Cancelled by the shopper';

/** What a shopper holding an order's token may do: read it, and cancel it while unpaid. */
@Injectable()
export class ShopperOrdersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cancellation: OrderCancellationService,
  ) {}

  async get(number: string, token: string | undefined): Promise<OrderView> {
    const order = await this.dataSource.getRepository(Order).findOneBy({ number });
    if (!order || !orderTokenMatches(token, order.accessTokenHash)) throw new OrderNotFound();
    return this.load(this.dataSource.manager, order);
  }

  /** PENDING_PAYMENT -> CANCELLED by the token holder; the provider's payment is cancelled after the commit. */
  async cancel(number: string, token: string | undefined, reason: string | undefined): Promise<OrderView> {
    const { view, payment } = await this.dataSource.transaction(async (em) => {
      const order = await em.getRepository(Order).findOne({ where: { number }, lock: { mode: 'pessimistic_write' } });
      if (!order || !orderTokenMatches(token, order.accessTokenHash)) throw new OrderNotFound();
      const paymentRow = await this.cancellation.cancelUnpaid(em, order, 'SHOPPER', reason ?? DEFAULT_CANCEL_REASON);
      return { view: await this.load(em, order), payment: paymentRow };
    });
    await this.cancellation.cancelAtProvider(view.id, payment);
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
