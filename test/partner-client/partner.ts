/**
 * A partner storefront's integration, written only against the client generated from the OpenAPI
 * document (schema.d.ts, `npm run client:generate`) and openapi-fetch: what a partner developer
 * would write. It must compile in strict mode without a single type assertion or non-null
 * assertion (test/partner-client.e2e-spec.ts checks both and runs it against the test server): if
 * the document is wrong, this file cannot be written honestly, and that is the point.
 */
import createClient, { type Client } from 'openapi-fetch';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { components, paths } from './schema.js';

export type Product = components['schemas']['ProductView'];
export type ProductTombstone = components['schemas']['ProductTombstoneView'];
export type CreatedOrder = components['schemas']['CreatedOrderView'];
export type Order = components['schemas']['OrderView'];
export type OrderRequest = components['schemas']['CreateOrderDto'];
export type OrderPaidData = components['schemas']['OrderPaidWebhookData'];

export type PartnerClient = Client<paths>;

/** A client that sends the partner's key with every request. */
export function partnerClient(baseUrl: string, apiKey: string): PartnerClient {
  return createClient<paths>({ baseUrl, headers: { 'X-Api-Key': apiKey } });
}

/** What went wrong, from the problem+json body when there is one. */
export class PartnerApiError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`${operation} answered HTTP ${status}: ${JSON.stringify(problem)}`);
  }
}

/** Products on sale that match `q`, in stock, first page. */
export async function browse(client: PartnerClient, q: string): Promise<Product[]> {
  const { data, error, response } = await client.GET('/api/v1/products', { params: { query: { q, inStock: true, limit: 24 } } });
  if (data === undefined) throw new PartnerApiError('GET /products', response.status, error);
  return data.data.filter(isProduct);
}

/** One product page by its slug. */
export async function product(client: PartnerClient, slug: string): Promise<components['schemas']['ProductDetailView']> {
  const { data, error, response } = await client.GET('/api/v1/products/{slug}', { params: { path: { slug } } });
  if (data === undefined) throw new PartnerApiError('GET /products/{slug}', response.status, error);
  return data;
}

export interface Mirror {
  products: Map<string, Product>;
  /** Where to continue next time: the newest change seen. */
  since: string;
  pages: number;
  tombstones: number;
}

/**
 * Brings a local copy of the catalogue up to date: every change since `mirror.since`, page by page,
 * products applied and tombstones dropped. Asks again from the last change seen (changes commit in
 * any order), so a product may come twice; applying it twice is harmless.
 */
export async function syncMirror(client: PartnerClient, mirror: Mirror, pageSize = 50): Promise<Mirror> {
  let cursor: string | undefined;
  let since = mirror.since;
  do {
    const { data, error, response } = await client.GET('/api/v1/products', {
      params: { query: { updatedSince: mirror.since, limit: pageSize, ...(cursor !== undefined && { cursor }) } },
    });
    if (data === undefined) throw new PartnerApiError('GET /products?updatedSince', response.status, error);
    mirror.pages += 1;
    for (const change of data.data) {
      if (isProduct(change)) mirror.products.set(change.id, change);
      else {
        mirror.products.delete(change.id);
        mirror.tombstones += 1;
      }
      if (change.updatedAt > since) since = change.updatedAt;
    }
    cursor = data.nextCursor ?? undefined;
  } while (cursor !== undefined);
  mirror.since = since;
  return mirror;
}

export function emptyMirror(since = '2000-01-01T00:00:00.000Z'): Mirror {
  return { products: new Map(), since, pages: 0, tombstones: 0 };
}

export interface PlacedOrder {
  order: CreatedOrder;
  /** The answer was the first one's, replayed: the order was placed once. */
  replayed: boolean;
}

/**
 * Places an order with an Idempotency-Key (required with an API key): the storefront keeps the key
 * with its cart, so a retry after a lost answer gets the same order back, never a second one.
 */
export async function placeOrder(client: PartnerClient, idempotencyKey: string, order: OrderRequest): Promise<PlacedOrder> {
  const { data, error, response } = await client.POST('/api/v1/orders', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: order });
  if (data === undefined) throw new PartnerApiError('POST /orders', response.status, error);
  return { order: data, replayed: response.headers.get('Idempotent-Replayed') === 'true' };
}

/** One of the partner's own orders: its key is enough, no X-Order-Token. */
export async function readOrder(client: PartnerClient, number: string): Promise<Order> {
  const { data, error, response } = await client.GET('/api/v1/orders/{number}', { params: { path: { number } } });
  if (data === undefined) throw new PartnerApiError('GET /orders/{number}', response.status, error);
  return data;
}

/** The events this storefront handles; anything else is acknowledged and ignored. */
export type WebhookEvent =
  | { id: string; type: 'order.paid'; createdAt: string; data: OrderPaidData }
  | { id: string; type: 'other'; createdAt: string; originalType: string };

const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Checks Etalase-Signature (`t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`) on the raw
 * body before reading anything, refuses a timestamp more than five minutes off (a replayed
 * capture), then reads the event. Returns undefined for anything that does not verify.
 */
export function verifyWebhook(secret: string, rawBody: string, signatureHeader: string, nowSeconds = Math.floor(Date.now() / 1000)): WebhookEvent | undefined {
  const parts = new Map(signatureHeader.split(',').map((part): [string, string] => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > SIGNATURE_TOLERANCE_SECONDS || !/^[0-9a-f]{64}$/.test(v1)) return undefined;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return undefined;
  return readEvent(JSON.parse(rawBody));
}

function readEvent(body: unknown): WebhookEvent | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  if (!('id' in body && typeof body.id === 'string' && 'type' in body && typeof body.type === 'string' && 'createdAt' in body && typeof body.createdAt === 'string')) {
    return undefined;
  }
  const { id, type, createdAt } = body;
  if (type !== 'order.paid') return { id, type: 'other', createdAt, originalType: type };
  const data = 'data' in body ? orderPaidData(body.data) : undefined;
  return data && { id, type, createdAt, data };
}

function orderPaidData(data: unknown): OrderPaidData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  if (!('orderId' in data && 'number' in data && 'status' in data && 'total' in data && 'currency' in data && 'paidAt' in data)) return undefined;
  const { orderId, number, status, total, currency, paidAt } = data;
  if (typeof orderId !== 'string' || typeof number !== 'string' || typeof total !== 'number' || typeof paidAt !== 'string') return undefined;
  if (status !== 'PAID' || currency !== 'IDR') return undefined;
  return { orderId, number, status, total, currency, paidAt };
}

function isProduct(change: Product | ProductTombstone): change is Product {
  return !('deleted' in change);
}

export interface JourneyResult {
  found: Product[];
  mirror: Mirror;
  placed: PlacedOrder;
  retried: PlacedOrder;
  read: Order;
}

/**
 * The whole integration once: browse, mirror the catalogue, order the first product found (the
 * request sent twice, as after a timeout), read the order back.
 */
export async function runJourney(client: PartnerClient, options: { q: string; idempotencyKey: string; customer: OrderRequest['customer']; address: NonNullable<OrderRequest['delivery']['address']> }): Promise<JourneyResult> {
  const found = await browse(client, options.q);
  const first = found[0];
  if (first === undefined) throw new Error(`Nothing on sale for "${options.q}"`);
  const page = await product(client, first.slug);
  const mirror = await syncMirror(client, emptyMirror());
  const order: OrderRequest = {
    items: [{ productId: page.id, quantity: 1 }],
    customer: options.customer,
    delivery: { method: 'SHIPPING', address: options.address },
  };
  const placed = await placeOrder(client, options.idempotencyKey, order);
  const retried = await placeOrder(client, options.idempotencyKey, order);
  const read = await readOrder(client, placed.order.number);
  return { found, mirror, placed, retried, read };
}
