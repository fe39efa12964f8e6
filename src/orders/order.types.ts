export const ORDER_STATUSES = ['PENDING_PAYMENT', 'PAID', 'COMPLETED', 'CANCELLED', 'REFUNDED', 'PARTIALLY_REFUNDED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FULFILMENT_STATUSES = ['PENDING', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

export const DELIVERY_METHODS = ['SHIPPING', 'PICKUP'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** Who caused a state change, for the order history. */
export const ACTOR_TYPES = ['SHOPPER', 'PARTNER', 'ADMIN', 'SYSTEM', 'PAYMENT_PROVIDER'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];
