import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { User } from '../auth/user.entity.js';
import { AppConfig } from '../config/app-config.js';
import type { OrderEventLine, OrderEventPayloads } from '../orders/order-events.js';
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
] as const satisfies readonly (keyof OrderEventPayloads)[];

type Notified = (typeof NOTIFIED_EVENTS)[number];
type NotifiedEvent = { [T in Notified]: { type: T; payload: OrderEventPayloads[T] } }[Notified];

/**
 * E-mails shoppers about their order and tells facility staff when they have something to make or
 * pack, composed from the event alone (what the order was at that moment, not what the tables say
 * now); only the staff to write to are looked up. Runs from the outbox at least once per event: a
 * retry after a crash may repeat an e-mail, never lose one.
 */
@Injectable()
export class OrderNotifications implements OnApplicationBootstrap {
  private readonly logger = new Logger('OrderNotifications');

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
    if (!isNotified(event)) {
      // Written by a release before events carried their recipients (issue 13): nothing to compose from.
      this.logger.warn({ eventId: event.id, type: event.type }, 'Order event without the shopper in its payload; no e-mail sent');
      return;
    }
    for (const mail of await this.compose(event)) await this.mailer.send(mail);
  }

  private async compose(event: NotifiedEvent): Promise<MailMessage[]> {
    const { payload } = event;
    const toShopper = (composed: messages.Composed): MailMessage => ({ to: [payload.customer.email], ...composed });
    const addressee = { number: payload.number, customerName: payload.customer.name };
    switch (event.type) {
      case 'order.created': {
        const transfer = event.payload.paymentProvider === 'manual' ? this.config.manualPayment : null;
        return [toShopper(messages.orderCreated(summaryOf(event.payload), transfer))];
      }
      case 'order.paid':
        return [toShopper(messages.orderPaid(summaryOf(event.payload))), ...(await this.toFacilityStaff(event.payload))];
      case 'order.cancelled':
        return [toShopper(messages.orderCancelled(addressee, event.payload.reason))];
      case 'order.refunded':
        return [toShopper(messages.orderRefunded(addressee, event.payload.refundedAmount, true))];
      case 'order.partially_refunded':
        return [toShopper(messages.orderRefunded(addressee, event.payload.refundAmount, false))];
      case 'order.late_payment_refunded':
        return [toShopper(messages.latePaymentRefunded(addressee, event.payload.refundedAmount))];
      case 'order.payment_refunded':
        return [toShopper(messages.paymentReturned({ ...addressee, total: event.payload.total }, event.payload.refundedAmount))];
      case 'order.completed':
        return [toShopper(messages.orderCompleted(addressee))];
      case 'fulfilment.shipped':
        return [toShopper(messages.fulfilmentShipped(addressee, event.payload.facility.name, event.payload.courier, event.payload.trackingNumber))];
    }
  }

  /** Each facility's active staff, with that facility's lines only and no shopper contact. */
  private async toFacilityStaff(paid: OrderEventPayloads['order.paid']): Promise<MailMessage[]> {
    const staff = await this.dataSource.getRepository(User).findBy({ role: 'FACILITY_ADMIN', active: true, facilityId: In(paid.facilities.map((f) => f.id)) });
    return paid.facilities.flatMap((facility) => {
      const recipients = staff.filter((u) => u.facilityId === facility.id).map((u) => u.email);
      if (recipients.length === 0) return [];
      return [{ to: recipients, ...messages.newOrderForFacility({ number: paid.number, customerName: paid.customer.name }, facility.name, paid.lines.filter((l) => l.facilityId === facility.id).map(messageLine)) }];
    });
  }
}

/**
 * One of ours, with the payload its type promises (the orders feature wrote it); false for another
 * type or a payload from before issue 13.
 */
function isNotified(event: OutboxEvent): event is OutboxEvent & NotifiedEvent {
  const customer = event.payload['customer'];
  return (NOTIFIED_EVENTS as readonly string[]).includes(event.type) && typeof customer === 'object' && customer !== null;
}

function summaryOf(order: OrderEventPayloads['order.created'] | OrderEventPayloads['order.paid']): messages.OrderSummary {
  return { number: order.number, customerName: order.customer.name, total: order.total, shippingTotal: order.shippingTotal, lines: order.lines.map(messageLine) };
}

function messageLine(line: OrderEventLine): messages.OrderLine {
  return { productName: line.productName, quantity: line.quantity, lineTotal: line.lineTotal };
}
