import request from 'supertest';
import type { Product } from '../src/catalog/product.entity';
import type { Problem } from '../src/common/errors/problem';
import type { Facility } from '../src/facilities/facility.entity';
import { ABANDONED_CHECKOUT_REASON, OrderExpiryService, PAYMENT_SETUP_GRACE_SECONDS } from '../src/orders/order-expiry.service';
import type { CreatedOrderView } from '../src/orders/order.views';
import { PAYMENT_PROVIDER, PaymentProvider } from '../src/payments/payment-provider';
import { makeProduct } from './support/catalog-factories';
import { makeFacility } from './support/factories';
import { TEST_ADDRESS } from './support/order-factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 13, bugs 1 and 2: an Idempotency-Key belongs to its requester and to the order it created.
 * TRUST_PROXY is on so each client can be its own address (X-Forwarded-For), as behind the load
 * balancer.
 */
const ORDERS = '/api/v1/orders';

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  return response.body as Problem;
}

describe('checkout Idempotency-Key', () => {
  let t: TestApp;
  let facility: Facility;
  let addresses = 0;
  const nextIp = (): string => `198.51.100.${(addresses += 1)}`;

  const body = (product: Product, quantity = 1): object => ({
    items: [{ productId: product.id, quantity }],
    customer: { name: 'Siti Rahmawati', email: 'siti@example.com', phone: '+62 812 3456 7890' },
    delivery: { method: 'SHIPPING', address: TEST_ADDRESS },
  });
  const post = (ip: string, key: string, payload: object): request.Test =>
    request(t.http).post(ORDERS).set('X-Forwarded-For', ip).set('Idempotency-Key', key).send(payload);
  const ordersOf = async (product: Product): Promise<string[]> =>
    (await t.dataSource.query<{ order_id: string }[]>('SELECT DISTINCT order_id FROM order_item WHERE product_id = $1', [product.id])).map((r) => r.order_id);

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true', DB_POOL_SIZE: '10' });
    facility = await makeFacility(t.dataSource);
  });
  afterAll(() => t.close());

  it("never answers one client with another client's order or token, for the same key and body", async () => {
    const product = await makeProduct(t.dataSource, facility);
    const first = (await post(nextIp(), 'my-order-1', body(product)).expect(201)).body as CreatedOrderView;

    const other = await post(nextIp(), 'my-order-1', body(product)).expect(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    const second = other.body as CreatedOrderView;
    expect(second.id).not.toBe(first.id);
    expect(JSON.stringify(second)).not.toContain(first.accessToken);
    expect((await ordersOf(product)).sort()).toEqual([first.id, second.id].sort());
    // The second client's token opens its own order only.
    await request(t.http).get(`${ORDERS}/${first.number}`).set('X-Order-Token', second.accessToken).expect(404);
  });

  it('answers the same client with the first answer byte for byte and a token that works, storing no secret in plaintext', async () => {
    const product = await makeProduct(t.dataSource, facility);
    const ip = nextIp();
    const firstResponse = await post(ip, 'my-order-2', body(product)).expect(201);
    const first = firstResponse.body as CreatedOrderView;
    const replay = await post(ip, 'my-order-2', body(product)).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(firstResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(replay.text).toBe(firstResponse.text);
    expect(firstResponse.headers.location).toBe(`${ORDERS}/${first.number}`);
    for (const header of ['content-type', 'content-length', 'etag', 'cache-control', 'location']) {
      expect({ header, value: replay.headers[header] }).toEqual({ header, value: firstResponse.headers[header] });
    }
    await request(t.http).get(`${ORDERS}/${first.number}`).set('X-Order-Token', first.accessToken).expect(200);

    // The first answer is what comes back, even after the order moved on.
    await request(t.http).post(`${ORDERS}/${first.number}/cancel`).set('X-Order-Token', first.accessToken).send({}).expect(200);
    const later = await post(ip, 'my-order-2', body(product)).expect(201);
    expect(later.text).toBe(firstResponse.text);
    expect(later.headers['idempotent-replayed']).toBe('true');

    const records = await t.dataSource.query<Record<string, unknown>[]>(`SELECT * FROM idempotency_record WHERE key = 'my-order-2'`);
    expect(records).toHaveLength(1);
    expect(Object.keys(records[0] ?? {}).sort()).toEqual(['created_at', 'expires_at', 'key', 'order_id', 'request_hash', 'response_sealed', 'scope']);
    expect(records[0]).toMatchObject({ order_id: first.id, scope: expect.stringMatching(/^anon:[0-9a-f]{64}$/) as unknown, response_sealed: expect.stringMatching(/^v1\./) as unknown });
    const everything = JSON.stringify(await t.dataSource.query('SELECT * FROM idempotency_record'));
    for (const secret of [first.accessToken, ip, first.customer.email, first.customer.phone, first.number]) expect(everything).not.toContain(secret);
  });

  it('rebuilds the answer from the order when the kept one no longer opens, and keeps that one', async () => {
    const product = await makeProduct(t.dataSource, facility);
    const ip = nextIp();
    const first = (await post(ip, 'my-order-6', body(product)).expect(201)).body as CreatedOrderView;
    await t.dataSource.query(`UPDATE idempotency_record SET response_sealed = 'v1.c2VhbGVkIHdpdGggYW5vdGhlciBzZWNyZXQ' WHERE key = 'my-order-6'`);

    const rebuilt = await post(ip, 'my-order-6', body(product)).expect(201);
    expect(rebuilt.headers['idempotent-replayed']).toBe('true');
    expect(rebuilt.body).toEqual(first);
    await request(t.http).get(`${ORDERS}/${first.number}`).set('X-Order-Token', first.accessToken).expect(200);
    // The rebuilt answer is kept in its place and answers from then on.
    const [record] = await t.dataSource.query<{ response_sealed: string }[]>(`SELECT response_sealed FROM idempotency_record WHERE key = 'my-order-6'`);
    expect(record?.response_sealed).toMatch(/^v1\./);
    expect(record?.response_sealed).not.toBe('v1.c2VhbGVkIHdpdGggYW5vdGhlciBzZWNyZXQ');
    expect((await post(ip, 'my-order-6', body(product)).expect(201)).text).toBe(rebuilt.text);
  });

  it('resumes an order whose payment failed for every parallel retry, setting up one payment and one announcement', async () => {
    const product = await makeProduct(t.dataSource, facility);
    const ip = nextIp();
    const provider = t.app.get<PaymentProvider>(PAYMENT_PROVIDER);
    const spy = jest.spyOn(provider, 'createPayment').mockRejectedValueOnce(new Error('bank unreachable'));
    try {
      expectProblem(await post(ip, 'my-order-3', body(product, 2)), 502, 'PAYMENT_PROVIDER_ERROR');
    } finally {
      spy.mockRestore();
    }
    const [orderId] = await ordersOf(product);
    const retries = await Promise.all(Array.from({ length: 4 }, () => post(ip, 'my-order-3', body(product, 2))));
    expect(retries.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(retries.map((r) => (r.body as CreatedOrderView).id))).toEqual(new Set([orderId]));
    expect(new Set(retries.map((r) => (r.body as CreatedOrderView).accessToken)).size).toBe(1);
    // The first answer after the 502 is kept; a later replay is one of the retries' answers, byte for byte.
    const kept = await post(ip, 'my-order-3', body(product, 2)).expect(201);
    expect(retries.map((r) => r.text)).toContain(kept.text);
    expect(await ordersOf(product)).toEqual([orderId]);
    expect(await t.dataSource.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1`, [orderId])).toEqual([{ type: 'order.created' }]);
    const [stock] = await t.dataSource.query<{ stock: number }[]>('SELECT stock FROM product WHERE id = $1', [product.id]);
    expect(stock?.stock).toBe(8);
  });

  it('tells a client whose order was cancelled before its payment could be set up to order again with a new key', async () => {
    const product = await makeProduct(t.dataSource, facility);
    const ip = nextIp();
    const provider = t.app.get<PaymentProvider>(PAYMENT_PROVIDER);
    const spy = jest.spyOn(provider, 'createPayment').mockRejectedValueOnce(new Error('bank unreachable'));
    try {
      expectProblem(await post(ip, 'my-order-4', body(product)), 502, 'PAYMENT_PROVIDER_ERROR');
    } finally {
      spy.mockRestore();
    }
    const [orderId] = await ordersOf(product);
    await t.dataSource.query(`UPDATE shop_order SET created_at = created_at - make_interval(secs => $2) WHERE id = $1`, [orderId, PAYMENT_SETUP_GRACE_SECONDS + 1]);
    expect(await t.app.get(OrderExpiryService).cancelAbandonedCheckouts()).toBe(1);

    const problem = expectProblem(await post(ip, 'my-order-4', body(product)), 409, 'INVALID_STATE');
    expect(problem.detail).toContain('new Idempotency-Key');
    expect(problem.detail).toContain(ABANDONED_CHECKOUT_REASON);
    expect(await ordersOf(product)).toEqual([orderId]);
    await post(ip, 'my-order-5', body(product)).expect(201);
  });
});
