export const ORDER_STATUSES = ['PENDING_PAYMENT', 'PAID', 'COMPLETED', 'CANCELLED', 'REFUNDED', 'PARTIALLY_REFUNDED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FULFILMENT_STATUSES = ['PENDING', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

export const DELIVERY_METHODS = ['SHIPPING', 'PICKUP'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** Who caused a state change, for the order history. */
export const ACTOR_TYPES = ['SHOPPER', 'PARTNER', 'ADMIN', 'SYSTEM', 'PAYMENT_PROVIDER'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** What may happen to an order; ORDER_TRANSITIONS (order-state.ts) says from where and to what. */
export const ORDER_ACTIONS = ['pay', 'cancel', 'complete', 'refund_part', 'refund_full', 'revive'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const FULFILMENT_ACTIONS = ['start', 'ship', 'deliver', 'cancel', 'revive'] as const;
export type FulfilmentAction = (typeof FULFILMENT_ACTIONS)[number];

export const PAYMENT_ACTIONS = ['fail', 'succeed', 'cancel', 'refund_part', 'refund_full', 'succeed_late', 'return_late', 'return_mismatch'] as const;
export type PaymentAction = (typeof PAYMENT_ACTIONS)[number];
