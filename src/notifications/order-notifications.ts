import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { User } from '../auth/user.entity.js';
import { AppConfig } from '../config/app-config.js';
import { Facility } from '../facilities/facility.entity.js';
import { Fulfilment } from '../orders/fulfilment.entity.js';
import { OrderItem } from '../orders/order-item.entity.js';
import { Order } from '../orders/order.entity.js';
import { Payment } from '../orders/payment.entity.js';
import type { OutboxEvent } from '../outbox/outbox-event.entity.js';
import { Outbox } from '../outbox/outbox.js';
import { Mailer, type MailMessage } from './mailer.js';
import * as messages from './order-messages.js';

export const ORDER_NOTIFICATIONS_QUEUE = 'notifications.order';

const NOTIFIED_EVENTS = [
  'order.created',
  'order.paid',
  'order.cancelled',
  'order.refunded',
  'order.partially_refunded',
  'order.late_payment_refunded',
  'order.payment_refunded',
  'order.completed',
  'fulfilment.shipped',
] as const;

interface LoadedOrder {
  order: Order;
  items: OrderItem[];
  summary: messages.OrderSummary;
}

/**
 * E-mails shoppers about their order and tells facility staff when they have something to make or
 * pack. Runs from the outbox at least once per event: a retry after a crash may repeat an e-mail,
 * never lose one.
 */
@Injectable()
export class OrderNotifications implements OnApplicationBootstrap {
  constructor(
    private readonly outbox: Outbox,
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.outbox.subscribe({ queue: ORDER_NOTIFICATIONS_QUEUE, types: NOTIFIED_EVENTS, handle: (event) => this.notify(event) });
  }

  async notify(event: OutboxEvent): Promise<void> {
    const orderId = textOf(event, 'orderId');
    const loaded = await this.load(orderId);
    if (!loaded) return;
    for (const mail of await this.compose(event, loaded)) await this.mailer.send(mail);
  }

  private async compose(event: OutboxEvent, { order, items, summary }: LoadedOrder): Promise<MailMessage[]> {
    const toShopper = (composed: messages.Composed): MailMessage => ({ to: [order.customerEmail], ...composed });
    const refunded = typeof event.payload['refundedAmount'] === 'number' ? event.payload['refundedAmount'] : 0;
    switch (event.type) {
      case 'order.created':
        return [toShopper(messages.orderCreated(summary, await this.bankTransferFor(order.id)))];
      case 'order.paid':
        return [toShopper(messages.orderPaid(summary)), ...(await this.toFacilityStaff(summary, items))];
      case 'order.cancelled':
        return [toShopper(messages.orderCancelled(summary, textOf(event, 'reason') || (order.cancelReason ?? '')))];
      case 'order.refunded':
      case 'order.partially_refunded':
        return [toShopper(messages.orderRefunded(summary, refunded, event.type === 'order.refunded'))];
      case 'order.late_payment_refunded':
        return [toShopper(messages.latePaymentRefunded(summary, refunded))];
      case 'order.payment_refunded':
        return [toShopper(messages.paymentReturned(summary, refunded))];
      case 'order.completed':
        return [toShopper(messages.orderCompleted(summary))];
      case 'fulfilment.shipped': {
        const facility = await this.dataSource.getRepository(Facility).findOneByOrFail({ id: textOf(event, 'facilityId') });
        return [toShopper(messages.fulfilmentShipped(summary, facility.name, textOf(event, 'courier'), textOf(event, 'trackingNumber')))];
      }
      default:
        return [];
    }
  }

  private async load(orderId: string): Promise<LoadedOrder | null> {
    const order = await this.dataSource.getRepository(Order).findOneBy({ id: orderId });
    if (!order) return null;
    const items = await this.dataSource.getRepository(OrderItem).find({ where: { orderId }, order: { productName: 'ASC' } });
    const summary: messages.OrderSummary = {
      number: order.number,
      customerName: order.customerName,
      total: order.total,
      shippingTotal: order.shippingTotal,
      lines: items.map((i) => ({ productName: i.productName, quantity: i.quantity, lineTotal: i.lineTotal })),
    };
    return { order, items, summary };
  }

  private async bankTransferFor(orderId: string): Promise<messages.BankTransfer | null> {
    const payment = await this.dataSource.getRepository(Payment).findOneBy({ orderId });
    return payment?.provider === 'manual' ? this.config.manualPayment : null;
  }

  private async toFacilityStaff(summary: messages.OrderSummary, items: OrderItem[]): Promise<MailMessage[]> {
    const facilityIds = [...new Set(items.map((i) => i.facilityId))];
    const [facilities, staff, fulfilments] = await Promise.all([
      this.dataSource.getRepository(Facility).findBy({ id: In(facilityIds) }),
      this.dataSource.getRepository(User).findBy({ role: 'FACILITY_ADMIN', active: true, facilityId: In(facilityIds) }),
      this.dataSource.getRepository(Fulfilment).findBy({ facilityId: In(facilityIds), orderId: items[0]?.orderId ?? '' }),
    ]);
    return facilities.flatMap((facility) => {
      const recipients = staff.filter((u) => u.facilityId === facility.id).map((u) => u.email);
      const fulfilment = fulfilments.find((f) => f.facilityId === facility.id);
      if (recipients.length === 0 || fulfilment?.status === 'CANCELLED') return [];
      const lines = items.filter((i) => i.facilityId === facility.id).map((i) => ({ productName: i.productName, quantity: i.quantity, lineTotal: i.lineTotal }));
      return [{ to: recipients, ...messages.newOrderForFacility(summary, facility.name, lines) }];
    });
  }
}

function textOf(event: OutboxEvent, key: string): string {
  const value = event.payload[key];
  return typeof value === 'string' ? value : '';
}
