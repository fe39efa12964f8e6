import type { OrderEventPayloads, OrderEventType } from '../orders/order-events';
import { toWebhookBody, WEBHOOK_DATA_MODELS } from './public-events';
import { isPublicEvent, WEBHOOK_EVENTS, type WebhookEvent } from './webhook.types';

const CREATED_AT = new Date('2026-03-04T05:06:07.089Z');
const EVENT_ID = '11111111-2222-4333-8444-555555555555';
const ORDER_ID = '0d8a3a52-7c1e-4b5e-9a49-3f1d2c4b5a6e';
const FACILITY_ID = '7f3c2b1a-0e9d-4c8b-a7f6-5e4d3c2b1a09';
const FULFILMENT_ID = 'c2b1a09f-8e7d-4c6b-a5f4-3e2d1c0b9a87';
const PRODUCT_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

/** What the shopper told us: internal, never for partners. */
const customer = { name: 'Siti Rahmawati', email: 'siti.rahmawati@example.com' };
const base = { orderId: ORDER_ID, number: 'ETL-2026-000123', customer };
const lines = [{ orderItemId: 'e1', productId: PRODUCT_ID, productName: 'Tas Purun', facilityId: FACILITY_ID, quantity: 2, unitPrice: 150_000, lineTotal: 300_000 }];
const facility = { id: FACILITY_ID, name: 'Lapas Kelas IIA Banjarmasin' };

const INTERNAL: { [T in WebhookEvent]: Record<string, unknown> } = {
  'order.paid': {
    ...base,
    subtotal: 300_000,
    shippingTotal: 20_000,
    total: 320_000,
    paidAt: '2026-03-04T05:06:07.000Z',
    late: false,
    lines,
    facilities: [facility],
    facilityIds: [FACILITY_ID],
  } satisfies OrderEventPayloads['order.paid'],
  'order.cancelled': { ...base, reason: 'The payment window expired', actor: 'SYSTEM' } satisfies OrderEventPayloads['order.cancelled'],
  'fulfilment.shipped': {
    ...base,
    fulfilmentId: FULFILMENT_ID,
    facilityId: FACILITY_ID,
    facility,
    courier: 'JNE',
    trackingNumber: 'JNE0012345678',
  } satisfies OrderEventPayloads['fulfilment.shipped'],
  'fulfilment.delivered': { ...base, fulfilmentId: FULFILMENT_ID, facilityId: FACILITY_ID, facility } satisfies OrderEventPayloads['fulfilment.delivered'],
  'product.updated': { productId: PRODUCT_ID, slug: 'tas-purun-banjarmasin', updatedAt: '2026-03-04T05:06:07.000Z' },
  'product.deleted': { productId: PRODUCT_ID, slug: 'tas-purun-banjarmasin', updatedAt: '2026-03-04T05:06:07.000Z' },
};

const bodyOf = (type: WebhookEvent, payload: Record<string, unknown>): string => JSON.stringify(toWebhookBody({ id: EVENT_ID, type, createdAt: CREATED_AT, payload }), null, 2);

/**
 * The properties the OpenAPI document gives a type's `data` (components/schemas/<Type>WebhookData):
 * the type checker lets a mapper return a field its class lacks, and a snapshot can be updated.
 */
function documentedFields(type: WebhookEvent): string[] {
  const model = WEBHOOK_DATA_MODELS[type];
  const properties = Reflect.getMetadata('swagger/apiModelPropertiesArray', model.prototype) as string[];
  return properties.map((property) => property.replace(/^:/, '')).sort();
}

describe('public webhook payloads', () => {
  it.each(WEBHOOK_EVENTS.map((type) => [type]))('%s: the JSON partners receive', (type) => {
    expect(bodyOf(type, INTERNAL[type])).toMatchSnapshot();
  });

  it.each(WEBHOOK_EVENTS.map((type) => [type]))('%s: carries nothing of the shopper, the lines or other internal fields', (type) => {
    const body = bodyOf(type, INTERNAL[type]);
    for (const secret of [customer.name, customer.email, 'Tas Purun', 'facilityIds', 'late', 'SYSTEM', 'Lapas Kelas IIA']) expect(body).not.toContain(secret);
  });

  it.each(WEBHOOK_EVENTS.map((type) => [type]))('%s: sends exactly the fields the OpenAPI document describes', (type) => {
    const { data } = JSON.parse(bodyOf(type, INTERNAL[type])) as { data: Record<string, unknown> };
    expect(Object.keys(data).sort()).toEqual(documentedFields(type));
  });

  it('maps rows written before the payloads grew (old outbox rows, replays)', () => {
    const legacy = JSON.parse(bodyOf('order.paid', { orderId: ORDER_ID, number: 'ETL-2026-000123', total: 320_000, facilityIds: [FACILITY_ID], paidAt: '2026-03-04T05:06:07.000Z', late: false })) as { data: unknown };
    expect(legacy.data).toEqual({ orderId: ORDER_ID, number: 'ETL-2026-000123', status: 'PAID', total: 320_000, currency: 'IDR', paidAt: '2026-03-04T05:06:07.000Z' });
    expect(() => bodyOf('order.paid', { number: 'ETL-2026-000123' })).toThrow(/missing a field/);
  });

  it('keeps internal events internal', () => {
    const internal: OrderEventType[] = ['order.created', 'order.completed', 'order.refunded', 'order.partially_refunded', 'order.late_payment_refunded', 'order.payment_refunded'];
    for (const type of internal) expect(isPublicEvent(type)).toBe(false);
    for (const type of WEBHOOK_EVENTS) expect(isPublicEvent(type)).toBe(true);
  });
});
