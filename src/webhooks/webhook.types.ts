export const WEBHOOK_EVENTS = ['order.paid', 'order.cancelled', 'fulfilment.shipped', 'fulfilment.delivered', 'product.updated', 'product.deleted'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Order and fulfilment events go only to the partner whose order it is; product events to every subscriber. */
export const ORDER_SCOPED_EVENTS: readonly WebhookEvent[] = ['order.paid', 'order.cancelled', 'fulfilment.shipped', 'fulfilment.delivered'];

export const DELIVERY_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
