import type { Courier } from '../facilities/facility.types.js';
import type { PaymentProviderName } from '../payments/payment.types.js';
import type { ActorType } from './order.types.js';

/**
 * The orders feature's internal events, as written to the outbox (the event log). They carry
 * what their subscribers need (the shopper's e-mails are composed from them, never from the
 * tables), including personal data: they are internal. What partners receive is a separate,
 * explicit shape per public type (webhooks/public-events.ts), mapped from these.
 */

export interface OrderEventCustomer {
  name: string;
  email: string;
}

export interface OrderEventLine {
  orderItemId: string;
  productId: string;
  productName: string;
  facilityId: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

export interface OrderEventFacility {
  id: string;
  name: string;
}

/** Every order event names its order and whom to tell. */
export interface OrderEventBase {
  orderId: string;
  number: string;
  customer: OrderEventCustomer;
}

export interface OrderTotals {
  subtotal: number;
  shippingTotal: number;
  total: number;
}

export interface OrderEventPayloads {
  /** The payment is set up: the shopper is told how to pay. */
  'order.created': OrderEventBase & OrderTotals & { lines: OrderEventLine[]; facilityIds: string[]; paymentProvider: PaymentProviderName };
  /** `late`: paid after it had been cancelled, and reinstated. */
  'order.paid': OrderEventBase & OrderTotals & { paidAt: string; late: boolean; lines: OrderEventLine[]; facilities: OrderEventFacility[]; facilityIds: string[] };
  'order.cancelled': OrderEventBase & { reason: string; actor: ActorType };
  'order.completed': OrderEventBase;
  /** `refundAmount`: this refund; `refundedAmount`: every refund so far; `amount`: what was paid. */
  'order.refunded': OrderEventBase & { refundAmount: number; refundedAmount: number; amount: number };
  'order.partially_refunded': OrderEventBase & { refundAmount: number; refundedAmount: number; amount: number };
  /** A payment for a cancelled order whose stock was gone, given back whole. */
  'order.late_payment_refunded': OrderEventBase & { total: number; refundedAmount: number };
  /** A payment of another amount than the order total, given back; the order stays unpaid. */
  'order.payment_refunded': OrderEventBase & { total: number; refundedAmount: number };
  'fulfilment.shipped': OrderEventBase & { fulfilmentId: string; facilityId: string; facility: OrderEventFacility; courier: Courier; trackingNumber: string };
  'fulfilment.delivered': OrderEventBase & { fulfilmentId: string; facilityId: string; facility: OrderEventFacility };
}

export type OrderEventType = keyof OrderEventPayloads;
