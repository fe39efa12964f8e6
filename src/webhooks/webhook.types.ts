export const WEBHOOK_EVENTS = ['order.paid', 'order.cancelled', 'fulfilment.shipped', 'fulfilment.delivered', 'product.updated', 'product.deleted'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Order and fulfilment events go only to the partner whose order it is; product events to every subscriber. */
export const ORDER_SCOPED_EVENTS: readonly WebhookEvent[] = ['order.paid', 'order.cancelled', 'fulfilment.shipped', 'fulfilment.delivered'];

export const DELIVERY_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Whether an outbox event type is one partners may receive; every other event is internal. */
export function isPublicEvent(type: string): type is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(type);
}
