import { EntityManager, In } from 'typeorm';
import { Facility } from '../facilities/facility.entity.js';
import { Fulfilment } from './fulfilment.entity.js';
import { OrderItem } from './order-item.entity.js';
import type { Order } from './order.entity.js';
import type { OrderParts } from './order.views.js';
import { Payment } from './payment.entity.js';

/** An order's lines, fulfilments, their facilities and its payment row, for the shopper's view. */
export async function loadOrderParts(em: EntityManager, order: Order): Promise<Omit<OrderParts, 'payment'> & { payment: Payment | null }> {
  // One after another: inside a transaction they share one connection anyway.
  const items = await em.getRepository(OrderItem).findBy({ orderId: order.id });
  const fulfilments = await em.getRepository(Fulfilment).findBy({ orderId: order.id });
  const payment = await em.getRepository(Payment).findOneBy({ orderId: order.id });
  const facilities = await em.getRepository(Facility).findBy({ id: In(fulfilments.map((f) => f.facilityId)) });
  return { order, items, fulfilments, facilities: new Map(facilities.map((f) => [f.id, { id: f.id, slug: f.slug, name: f.name }])), payment };
}
