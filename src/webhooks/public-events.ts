import { ApiProperty } from '@nestjs/swagger';
import type { ProductEventPayload } from '../catalog/product-events.js';
import { COURIERS, type Courier } from '../facilities/facility.types.js';
import type { OrderEventPayloads } from '../orders/order-events.js';
import type { OutboxEvent } from '../outbox/outbox-event.entity.js';
import type { WebhookEvent } from './webhook.types.js';

/**
 * What partners receive, per public event type: an explicit shape mapped from the internal event,
 * so a field added to an internal event (the shopper's e-mail, the lines) never reaches a partner
 * by accident. Adding a field here is a change of the public contract (README, OpenAPI); removing
 * or changing one needs a new event type. Internal-only events are never delivered at all.
 */

export class OrderPaidWebhookData {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ example: 'ETL-2026-000123' }) number!: string;
  @ApiProperty({ enum: ['PAID'] }) status!: 'PAID';
  @ApiProperty({ description: 'Integer rupiah' }) total!: number;
  @ApiProperty({ enum: ['IDR'] }) currency!: 'IDR';
  @ApiProperty({ format: 'date-time' }) paidAt!: string;
}

export class OrderCancelledWebhookData {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ example: 'ETL-2026-000123' }) number!: string;
  @ApiProperty({ enum: ['CANCELLED'] }) status!: 'CANCELLED';
  @ApiProperty({ example: 'The payment window expired' }) reason!: string;
  @ApiProperty({ format: 'date-time' }) cancelledAt!: string;
}

export class FulfilmentShippedWebhookData {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ example: 'ETL-2026-000123' }) number!: string;
  @ApiProperty({ format: 'uuid' }) fulfilmentId!: string;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty({ enum: COURIERS }) courier!: Courier;
  @ApiProperty({ description: 'The courier tracking number (resi)' }) trackingNumber!: string;
  @ApiProperty({ format: 'date-time' }) shippedAt!: string;
}

export class FulfilmentDeliveredWebhookData {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ example: 'ETL-2026-000123' }) number!: string;
  @ApiProperty({ format: 'uuid' }) fulfilmentId!: string;
  @ApiProperty({ format: 'uuid' }) facilityId!: string;
  @ApiProperty({ format: 'date-time' }) deliveredAt!: string;
}

export class ProductUpdatedWebhookData {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ nullable: true, type: String }) slug!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ProductDeletedWebhookData {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ nullable: true, type: String }) slug!: string | null;
  @ApiProperty({ format: 'date-time' }) deletedAt!: string;
}

/** For the OpenAPI document (its `webhooks`): the `data` shape of every public event. */
export const WEBHOOK_DATA_MODELS: { readonly [T in WebhookEvent]: new () => PublicData[T] } = {
  'order.paid': OrderPaidWebhookData,
  'order.cancelled': OrderCancelledWebhookData,
  'fulfilment.shipped': FulfilmentShippedWebhookData,
  'fulfilment.delivered': FulfilmentDeliveredWebhookData,
  'product.updated': ProductUpdatedWebhookData,
  'product.deleted': ProductDeletedWebhookData,
};

interface PublicData {
  'order.paid': OrderPaidWebhookData;
  'order.cancelled': OrderCancelledWebhookData;
  'fulfilment.shipped': FulfilmentShippedWebhookData;
  'fulfilment.delivered': FulfilmentDeliveredWebhookData;
  'product.updated': ProductUpdatedWebhookData;
  'product.deleted': ProductDeletedWebhookData;
}

interface InternalData {
  'order.paid': OrderEventPayloads['order.paid'];
  'order.cancelled': OrderEventPayloads['order.cancelled'];
  'fulfilment.shipped': OrderEventPayloads['fulfilment.shipped'];
  'fulfilment.delivered': OrderEventPayloads['fulfilment.delivered'];
  'product.updated': ProductEventPayload;
  'product.deleted': ProductEventPayload;
}

/** An outbox row as stored: rows written by earlier releases may lack fields added since. */
type Stored<T extends WebhookEvent> = Partial<InternalData[T]>;

/** The body partners receive (API.md): the envelope and the event's public data. */
export interface WebhookBody<T extends WebhookEvent = WebhookEvent> {
  id: string;
  type: T;
  createdAt: string;
  data: PublicData[T];
}

/** One mapper per public type; the event's own time stands for when it happened. */
const MAPPERS: { [T in WebhookEvent]: (stored: Stored<T>, at: string) => PublicData[T] } = {
  'order.paid': (p, at) => ({ orderId: req(p.orderId), number: req(p.number), status: 'PAID', total: req(p.total), currency: 'IDR', paidAt: p.paidAt ?? at }),
  'order.cancelled': (p, at) => ({ orderId: req(p.orderId), number: req(p.number), status: 'CANCELLED', reason: req(p.reason), cancelledAt: at }),
  'fulfilment.shipped': (p, at) => ({
    orderId: req(p.orderId),
    number: req(p.number),
    fulfilmentId: req(p.fulfilmentId),
    facilityId: req(p.facilityId),
    courier: req(p.courier),
    trackingNumber: req(p.trackingNumber),
    shippedAt: at,
  }),
  'fulfilment.delivered': (p, at) => ({ orderId: req(p.orderId), number: req(p.number), fulfilmentId: req(p.fulfilmentId), facilityId: req(p.facilityId), deliveredAt: at }),
  'product.updated': (p, at) => ({ productId: req(p.productId), slug: p.slug ?? null, updatedAt: p.updatedAt ?? at }),
  'product.deleted': (p, at) => ({ productId: req(p.productId), slug: p.slug ?? null, deletedAt: p.updatedAt ?? at }),
};

export function toWebhookBody<T extends WebhookEvent>(event: Pick<OutboxEvent, 'id' | 'createdAt' | 'payload'> & { type: T }): WebhookBody<T> {
  const createdAt = event.createdAt.toISOString();
  const map = MAPPERS[event.type] as (stored: Stored<T>, at: string) => PublicData[T];
  return { id: event.id, type: event.type, createdAt, data: map(event.payload as Stored<T>, createdAt) };
}

function req<V>(value: V | undefined): V {
  // A public event whose row lacks what the contract promises is a bug to fix, not to paper over.
  if (value === undefined || value === null) throw new Error('A public event is missing a field its webhook shape requires');
  return value;
}
