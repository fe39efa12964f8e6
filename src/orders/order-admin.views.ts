import { ApiProperty } from '@nestjs/swagger';
import { COURIERS, Courier } from '../facilities/facility.types.js';
import type { Fulfilment } from './fulfilment.entity.js';
import type { OrderEvent } from './order-event.entity.js';
import type { OrderItem } from './order-item.entity.js';
import type { Order } from './order.entity.js';
import { TOUCH_CHANNELS, type TouchChannel, type TouchSource } from './order-touch-sources.registry.js';
import { OrderAddressView, OrderFacilityView } from './order.views.js';
import { ACTOR_TYPES, ActorType, DELIVERY_METHODS, DeliveryMethod, FULFILMENT_STATUSES, FulfilmentStatus, ORDER_STATUSES, OrderStatus } from './order.types.js';

export class OrderAmountsView {
  @ApiProperty({ description: 'Integer rupiah: the lines shown' }) subtotal!: number;
  @ApiProperty({ description: 'Integer rupiah: the shipping fees of the fulfilments shown' }) shippingTotal!: number;
  @ApiProperty({ description: 'Integer rupiah' }) total!: number;
}

export class AdminFulfilmentSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: OrderFacilityView }) facility!: OrderFacilityView;
  @ApiProperty({ enum: FULFILMENT_STATUSES }) status!: FulfilmentStatus;
}

export class OrderAdminSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ETL-2026-000123' }) number!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty() customerName!: string;
  @ApiProperty({ enum: DELIVERY_METHODS }) deliveryMethod!: DeliveryMethod;
  @ApiProperty({ type: [AdminFulfilmentSummaryView], description: 'Only the fulfilments in your scope' }) fulfilments!: AdminFulfilmentSummaryView[];
  @ApiProperty({ type: OrderAmountsView, description: 'Over the fulfilments in your scope' }) amounts!: OrderAmountsView;
  @ApiProperty({ description: 'Pieces to pack: the quantities of the lines in your scope' }) itemCount!: number;
  @ApiProperty({ description: 'True when other facilities outside your scope ship part of this order' }) partial!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) paidAt!: string | null;
}

export class AdminOrderItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ format: 'uuid' }) fulfilmentId!: string;
  @ApiProperty({ description: 'As it was at checkout' }) name!: string;
  @ApiProperty({ description: 'Integer rupiah, as it was at checkout' }) unitPrice!: number;
  @ApiProperty() quantity!: number;
  @ApiProperty() refundedQuantity!: number;
  @ApiProperty({ description: 'Integer rupiah' }) lineTotal!: number;
  @ApiProperty() weightGrams!: number;
  @ApiProperty({ type: OrderFacilityView }) facility!: OrderFacilityView;
}

export class AdminFulfilmentView extends AdminFulfilmentSummaryView {
  @ApiProperty({ enum: DELIVERY_METHODS }) deliveryMethod!: DeliveryMethod;
  @ApiProperty({ enum: COURIERS, nullable: true }) courier!: Courier | null;
  @ApiProperty({ nullable: true, type: String, description: 'The resi' }) trackingNumber!: string | null;
  @ApiProperty({ description: 'Integer rupiah; 0 for pickup' }) shippingFee!: number;
  @ApiProperty() totalWeightGrams!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) shippedAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deliveredAt!: string | null;
}

export class AdminOrderCustomerView {
  @ApiProperty() name!: string;
  @ApiProperty() phone!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null for facility admins: shipping does not need it' }) email!: string | null;
}

export class AdminOrderDeliveryView {
  @ApiProperty({ enum: DELIVERY_METHODS }) method!: DeliveryMethod;
  @ApiProperty({ type: OrderAddressView, nullable: true }) address!: OrderAddressView | null;
}

export class OrderHistoryEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for a change of the order itself' }) fulfilmentId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Set for a change of the payment (its statuses are the payment\'s)' }) paymentId!: string | null;
  @ApiProperty({ nullable: true, type: String }) fromStatus!: string | null;
  @ApiProperty() toStatus!: string;
  @ApiProperty({ enum: ACTOR_TYPES }) actorType!: ActorType;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class OrderTouchView {
  @ApiProperty({ description: 'The share-link code the shopper arrived with (/s/{code} or ?k={code})', example: 'k7m2q9x' }) code!: string;
  @ApiProperty({ format: 'date-time', description: 'When the page was opened with it' }) at!: string;
  @ApiProperty({ enum: TOUCH_CHANNELS, nullable: true, description: "The link's channel; null when the link or its campaign has been deleted since" })
  channel!: TouchChannel | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null when the link or its campaign has been deleted since' }) campaignId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null when the link or its campaign has been deleted since' }) campaignName!: string | null;
}

export class OrderAttributionView {
  @ApiProperty({ type: OrderTouchView, nullable: true, description: 'The share link that last brought the buyer within the attribution window (what reports count by default); null without one' })
  lastTouch!: OrderTouchView | null;
  @ApiProperty({ type: OrderTouchView, nullable: true, description: 'The share link that first brought the buyer within the window; null without one' })
  firstTouch!: OrderTouchView | null;
}

export class OrderAdminView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ETL-2026-000123' }) number!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty({ description: 'True when other facilities outside your scope ship part of this order' }) partial!: boolean;
  @ApiProperty({ type: [AdminOrderItemView], description: 'Only the lines of the fulfilments in your scope' }) items!: AdminOrderItemView[];
  @ApiProperty({ type: [AdminFulfilmentView], description: 'Only the fulfilments in your scope' }) fulfilments!: AdminFulfilmentView[];
  @ApiProperty({ type: OrderAmountsView, description: 'Over the fulfilments in your scope' }) amounts!: OrderAmountsView;
  @ApiProperty({ enum: ['IDR'] }) currency!: 'IDR';
  @ApiProperty({ type: AdminOrderCustomerView }) customer!: AdminOrderCustomerView;
  @ApiProperty({ type: AdminOrderDeliveryView }) delivery!: AdminOrderDeliveryView;
  @ApiProperty() note!: string;
  @ApiProperty({ type: [OrderHistoryEntryView], description: 'Oldest first; changes of fulfilments outside your scope are left out' }) history!: OrderHistoryEntryView[];
  @ApiProperty({ type: OrderAttributionView, description: 'Where the order came from: the Humas share links (campaign and channel) stored on it at checkout' }) attribution!: OrderAttributionView;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) paidAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cancelledAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason!: string | null;
}

/**
 * One order as one admin may see it. The caller has already cut `items`, `fulfilments` and
 * `events` down to the admin's scope; this only maps.
 */
export interface OrderAdminParts {
  order: Order;
  items: readonly OrderItem[];
  fulfilments: readonly Fulfilment[];
  facilities: ReadonlyMap<string, OrderFacilityView>;
  /** Whether fulfilments outside the scope were left out. */
  partial: boolean;
}

export interface OrderAdminDetailParts extends OrderAdminParts {
  events: readonly OrderEvent[];
  showCustomerEmail: boolean;
  /** What the order's touch codes lead to (OrderTouchSourcesRegistry); a code missing here keeps only its code and time. */
  touchSources: ReadonlyMap<string, TouchSource>;
}

export function toOrderAdminSummaryView(parts: OrderAdminParts): OrderAdminSummaryView {
  const { order, items, fulfilments, partial } = parts;
  const facility = facilityLookup(parts.facilities);
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    customerName: order.customerName,
    deliveryMethod: order.deliveryMethod,
    fulfilments: sortedFulfilments(fulfilments, facility).map((f) => ({ id: f.id, facility: facility(f.facilityId), status: f.status })),
    amounts: amountsOf(parts),
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
    partial,
    createdAt: order.createdAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
  };
}

export function toOrderAdminView(parts: OrderAdminDetailParts): OrderAdminView {
  const { order, items, fulfilments, events, partial, showCustomerEmail } = parts;
  const facility = facilityLookup(parts.facilities);
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    partial,
    items: [...items].sort(byKey((item) => item.productName)).map((item) => ({
      id: item.id,
      productId: item.productId,
      fulfilmentId: item.fulfilmentId,
      name: item.productName,
      unitPrice: item.unitPrice,
      quantity: item.quantity,
      refundedQuantity: item.refundedQuantity,
      lineTotal: item.lineTotal,
      weightGrams: item.weightGrams,
      facility: facility(item.facilityId),
    })),
    fulfilments: sortedFulfilments(fulfilments, facility).map((f) => ({
      id: f.id,
      facility: facility(f.facilityId),
      status: f.status,
      deliveryMethod: f.deliveryMethod,
      courier: f.courier,
      trackingNumber: f.trackingNumber,
      shippingFee: f.shippingFee,
      totalWeightGrams: f.totalWeightGrams,
      shippedAt: f.shippedAt?.toISOString() ?? null,
      deliveredAt: f.deliveredAt?.toISOString() ?? null,
    })),
    amounts: amountsOf(parts),
    currency: 'IDR',
    customer: { name: order.customerName, phone: order.customerPhone, email: showCustomerEmail ? order.customerEmail : null },
    delivery: { method: order.deliveryMethod, address: order.deliveryAddress },
    note: order.note,
    history: [...events]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || lifecycleRank(a.toStatus) - lifecycleRank(b.toStatus))
      .map((e) => ({
        id: e.id,
        fulfilmentId: e.fulfilmentId,
        paymentId: e.paymentId,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorType: e.actorType,
        actorId: e.actorId,
        reason: e.reason,
        createdAt: e.createdAt.toISOString(),
      })),
    attribution: {
      lastTouch: touchView(order.lastTouchCode, order.lastTouchAt, parts.touchSources),
      firstTouch: touchView(order.firstTouchCode, order.firstTouchAt, parts.touchSources),
    },
    createdAt: order.createdAt.toISOString(),
    expiresAt: order.expiresAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    cancelledAt: order.cancelledAt?.toISOString() ?? null,
    cancelReason: order.cancelReason,
  };
}

function touchView(code: string | null, at: Date | null, sources: ReadonlyMap<string, TouchSource>): OrderTouchView | null {
  if (code === null || at === null) return null;
  const source = sources.get(code);
  return { code, at: at.toISOString(), channel: source?.channel ?? null, campaignId: source?.campaignId ?? null, campaignName: source?.campaignName ?? null };
}

/**
 * Events written in one transaction share its timestamp (PROCESSING and SHIPPED when a PENDING
 * fulfilment is shipped, DELIVERED and COMPLETED); within one instant the lifecycle orders them.
 */
const LIFECYCLE_RANK: Readonly<Record<string, number>> = {
  PENDING_PAYMENT: 0,
  PENDING: 0,
  PAID: 1,
  // The payment's own statuses, beside the order's.
  SUCCEEDED: 1,
  FAILED: 0,
  CANCELED: 6,
  PROCESSING: 2,
  SHIPPED: 3,
  DELIVERED: 4,
  COMPLETED: 5,
  CANCELLED: 6,
  PARTIALLY_REFUNDED: 6,
  REFUNDED: 7,
};

function lifecycleRank(status: string): number {
  return LIFECYCLE_RANK[status] ?? Number.MAX_SAFE_INTEGER;
}

function amountsOf({ items, fulfilments }: OrderAdminParts): OrderAmountsView {
  const subtotal = items.reduce((sum, item) => sum + item.lineTotal, 0);
  const shippingTotal = fulfilments.reduce((sum, f) => sum + f.shippingFee, 0);
  return { subtotal, shippingTotal, total: subtotal + shippingTotal };
}

function facilityLookup(facilities: ReadonlyMap<string, OrderFacilityView>): (id: string) => OrderFacilityView {
  return (id) => {
    const found = facilities.get(id);
    if (!found) throw new Error(`The order admin view needs facility ${id}`);
    return found;
  };
}

function sortedFulfilments(fulfilments: readonly Fulfilment[], facility: (id: string) => OrderFacilityView): Fulfilment[] {
  return [...fulfilments].sort(byKey((f) => facility(f.facilityId).name));
}

function byKey<T extends { id: string }>(key: (value: T) => string): (a: T, b: T) => number {
  return (a, b) => key(a).localeCompare(key(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
