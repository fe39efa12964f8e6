import type { Fulfilment } from './fulfilment.entity.js';
import type { OrderEventBase, OrderEventFacility, OrderEventLine, OrderEventPayloads, OrderTotals } from './order-events.js';
import type { OrderItem } from './order-item.entity.js';
import type { Order } from './order.entity.js';

/** Builders of the internal event payloads, from what the use case already has in hand. */

type OrderFacts = Pick<Order, 'id' | 'number' | 'customerName' | 'customerEmail'>;

export function eventBase(order: OrderFacts): OrderEventBase {
  return { orderId: order.id, number: order.number, customer: { name: order.customerName, email: order.customerEmail } };
}

export function totalsOf(order: Pick<Order, 'subtotal' | 'shippingTotal' | 'total'>): OrderTotals {
  return { subtotal: order.subtotal, shippingTotal: order.shippingTotal, total: order.total };
}

/** Lines by product name, as the e-mails list them. */
export function eventLines(items: readonly OrderItem[]): OrderEventLine[] {
  return [...items]
    .sort((a, b) => a.productName.localeCompare(b.productName) || (a.id < b.id ? -1 : 1))
    .map((item) => ({
      orderItemId: item.id,
      productId: item.productId,
      productName: item.productName,
      facilityId: item.facilityId,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      lineTotal: item.lineTotal,
    }));
}

export function orderPaidPayload(
  order: OrderFacts & OrderTotals,
  items: readonly OrderItem[],
  facilities: readonly OrderEventFacility[],
  paid: { paidAt: Date; late: boolean },
): OrderEventPayloads['order.paid'] {
  return {
    ...eventBase(order),
    ...totalsOf(order),
    paidAt: paid.paidAt.toISOString(),
    late: paid.late,
    lines: eventLines(items),
    facilities: facilities.map((f) => ({ id: f.id, name: f.name })),
    facilityIds: facilities.map((f) => f.id),
  };
}

export function fulfilmentFacts(order: OrderFacts, fulfilment: Pick<Fulfilment, 'id' | 'facilityId'>, facility: OrderEventFacility): OrderEventPayloads['fulfilment.delivered'] {
  return { ...eventBase(order), fulfilmentId: fulfilment.id, facilityId: fulfilment.facilityId, facility: { id: facility.id, name: facility.name } };
}
