import request from 'supertest';
import type { Product } from '../src/catalog/product.entity';
import type { Problem } from '../src/common/errors/problem';
import type { CreatedOrderView, OrderView } from '../src/orders/order.views';
import { makeProduct } from './support/catalog-factories';
import { makeFacility, signedInAs } from './support/factories';
import { TEST_ADDRESS } from './support/order-factories';
import { issuePartnerKey, type IssuedKey } from './support/partner-factories';
import { startTestApp, TestApp } from './support/test-app';

const ORDERS = '/api/v1/orders';

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  return response.body as Problem;
}

describe('orders placed by partner storefronts', () => {
  let t: TestApp;
  let shopA: IssuedKey;
  let shopB: IssuedKey;
  let readOnly: IssuedKey;
  let product: Product;

  const orderBody = (quantity = 1): object => ({
    items: [{ productId: product.id, quantity }],
    customer: { name: 'Rina Wulandari', email: 'rina@example.com', phone: '+62 813 1111 2222' },
    delivery: { method: 'SHIPPING', address: TEST_ADDRESS },
  });
  const place = (key: IssuedKey | undefined, idempotencyKey: string | undefined, body = orderBody()): request.Test => {
    const call = request(t.http).post(ORDERS);
    if (key) call.set('X-Api-Key', key.key);
    if (idempotencyKey) call.set('Idempotency-Key', idempotencyKey);
    return call.send(body);
  };

  beforeAll(async () => {
    t = await startTestApp();
    const superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    shopA = await issuePartnerKey(t.http, superadmin.bearer, { name: 'Mitra A' });
    shopB = await issuePartnerKey(t.http, superadmin.bearer, { name: 'Mitra B' });
    readOnly = await issuePartnerKey(t.http, superadmin.bearer, { name: 'Portal Kementerian', scopes: ['catalog:read', 'orders:read'] });
    product = await makeProduct(t.dataSource, await makeFacility(t.dataSource), { stock: 50, price: 40_000 });
  });
  afterAll(() => t.close());

  it('needs an Idempotency-Key from a partner, and orders:write', async () => {
    const missing = expectProblem(await place(shopA, undefined), 400, 'VALIDATION_FAILED');
    expect(missing.errors).toEqual([{ field: 'Idempotency-Key', message: 'is required with an API key' }]);
    expectProblem(await place(readOnly, 'ro-1'), 403, 'INSUFFICIENT_SCOPE');
    // Shoppers without a key still may leave it out.
    await place(undefined, undefined).expect(201);
  });

  it('attributes the order to the partner, and replays it for the same key and body', async () => {
    const first = await place(shopA, 'mitra-a-0001').expect(201);
    const order = first.body as CreatedOrderView;
    const replay = await place(shopA, 'mitra-a-0001').expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((replay.body as CreatedOrderView).id).toBe(order.id);
    expectProblem(await place(shopA, 'mitra-a-0001', orderBody(2)), 422, 'IDEMPOTENCY_KEY_REUSED');

    const [row] = await t.dataSource.query<{ partner_id: string }[]>('SELECT partner_id FROM shop_order WHERE id = $1', [order.id]);
    expect(row?.partner_id).toBe(shopA.partnerId);
    const [created] = await t.dataSource.query<{ actor_type: string; actor_id: string }[]>(
      `SELECT actor_type, actor_id FROM order_event WHERE order_id = $1 AND to_status = 'PENDING_PAYMENT'`,
      [order.id],
    );
    expect(created).toEqual({ actor_type: 'PARTNER', actor_id: shopA.partnerId });
  });

  it("keeps one partner's idempotency keys apart from another's", async () => {
    const a = (await place(shopA, 'shared-key').expect(201)).body as CreatedOrderView;
    const b = await place(shopB, 'shared-key').expect(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect((b.body as CreatedOrderView).id).not.toBe(a.id);
  });

  it('lets a partner read and cancel only its own orders, without the shopper token', async () => {
    const order = (await place(shopA, 'mitra-a-read').expect(201)).body as CreatedOrderView;
    const seen = (await request(t.http).get(`${ORDERS}/${order.number}`).set('X-Api-Key', shopA.key).expect(200)).body as OrderView;
    expect(seen).toMatchObject({ id: order.id, status: 'PENDING_PAYMENT' });
    expectProblem(await request(t.http).get(`${ORDERS}/${order.number}`).set('X-Api-Key', shopB.key), 404, 'NOT_FOUND');
    expectProblem(await request(t.http).get(`${ORDERS}/${order.number}`).set('X-Api-Key', readOnly.key), 404, 'NOT_FOUND');
    expectProblem(await request(t.http).post(`${ORDERS}/${order.number}/cancel`).set('X-Api-Key', shopB.key).send({}), 404, 'NOT_FOUND');
    expectProblem(await request(t.http).post(`${ORDERS}/${order.number}/cancel`).set('X-Api-Key', readOnly.key).send({}), 403, 'INSUFFICIENT_SCOPE');

    const cancelled = (await request(t.http).post(`${ORDERS}/${order.number}/cancel`).set('X-Api-Key', shopA.key).send({}).expect(200)).body as OrderView;
    expect(cancelled.status).toBe('CANCELLED');
    const [event] = await t.dataSource.query<{ actor_type: string; reason: string }[]>(
      `SELECT actor_type, reason FROM order_event WHERE order_id = $1 AND to_status = 'CANCELLED' AND fulfilment_id IS NULL`,
      [order.id],
    );
    expect(event).toEqual({ actor_type: 'PARTNER', reason: 'Cancelled by the partner storefront' });
  });

  it('keeps the shopper token working on a partner order, and a key with orders:read only reads', async () => {
    const order = (await place(shopA, 'mitra-a-token').expect(201)).body as CreatedOrderView;
    await request(t.http).get(`${ORDERS}/${order.number}`).set('X-Order-Token', order.accessToken).expect(200);
    const key = await issuePartnerKey(t.http, (await signedInAs(t.http, t.dataSource, 'SUPERADMIN')).bearer, { scopes: ['orders:write'] });
    const own = (await place(key, 'write-only-1').expect(201)).body as CreatedOrderView;
    expectProblem(await request(t.http).get(`${ORDERS}/${own.number}`).set('X-Api-Key', key.key), 403, 'INSUFFICIENT_SCOPE');
  });
});
