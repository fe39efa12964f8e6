import type { DataSource, EntityManager } from 'typeorm';
import { OrderHasNoPayment } from './order-payments.errors.js';
import { Order } from './order.entity.js';
import { OrderNotFound } from './orders.errors.js';
import { Payment } from './payment.entity.js';

/**
 * Every writer of an order locks its row first (then its payment, fulfilments, items), so
 * concurrent reports of the same outcome serialise and the later ones find nothing to do.
 */
export async function lockOrder(em: EntityManager, orderId: string): Promise<Order> {
  const order = await em.getRepository(Order).findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
  if (!order) throw new OrderNotFound();
  return order;
}

export async function paymentOf(em: EntityManager, order: Pick<Order, 'id' | 'number'>): Promise<Payment> {
  const payment = await em.getRepository(Payment).findOneBy({ orderId: order.id });
  if (!payment) throw new OrderHasNoPayment(order.number);
  return payment;
}

/** Runs `work` in the caller's transaction (the webhook records its event id in it), or in a new one. */
export function inTransaction<T>(dataSource: DataSource, em: EntityManager | undefined, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  if (!em) return dataSource.transaction(work);
  // A row lock means nothing outside a transaction.
  if (!em.queryRunner?.isTransactionActive) throw new Error('Payment outcomes need a transactional EntityManager');
  return work(em);
}
