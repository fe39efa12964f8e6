import request from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import type { Facility } from '../src/facilities/facility.entity';
import type { Product } from '../src/catalog/product.entity';
import type { CreatedOrderView, OrderView } from '../src/orders/order.views';
import { PAYMENT_PROVIDER, PaymentProvider } from '../src/payments/payment-provider';
import { makeProduct } from './support/catalog-factories';
import { makeFacility } from './support/factories';
import { TEST_ADDRESS } from './support/order-factories';
import { startTestApp, TestApp } from './support/test-app';

type Body = Record<string, unknown>;

const ORDERS = '/api/v1/orders';


function orderBody(items: Body[], overrides: Body = {}): Body {
  return {
    items,
    customer: { name: 'Siti Rahmawati', email: 'siti@example.com', phone: '+62 812 3456 7890' },
    delivery: { method: 'SHIPPING', address: TEST_ADDRESS },
    ...overrides,
  };
}

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response.body as Problem;
}

describe('checkout', () => {
  let t: TestApp;
  let banjarmasin: Facility;
  let kotabaru: Facility;

  const post = (body: Body, key?: string): request.Test => {
    const req = request(t.http).post(ORDERS).send(body);
    return key === undefined ? req : req.set('Idempotency-Key', key);
  };
  const stockOf = async (id: string): Promise<number> => {
    const [row] = await t.dataSource.query<{ stock: number }[]>('SELECT stock FROM product WHERE id = $1', [id]);
    return row?.stock ?? -1;
  };
  const orderCount = async (): Promise<number> => {
    const [row] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM shop_order');
    return row?.n ?? -1;
  };

  beforeAll(async () => {
    t = await startTestApp({ DB_POOL_SIZE: '20' });
    banjarmasin = await makeFacility(t.dataSource, { shortName: 'Lapas Banjarmasin', shippingBaseFee: 10_000, shippingPerKgFee: 5_000 });
    kotabaru = await makeFacility(t.dataSource, { shortName: 'Lapas Kotabaru', shippingBaseFee: 8_000, shippingPerKgFee: 2_000, pickupAvailable: true });
  });
  afterAll(() => t.close());

  describe('placing an order', () => {
    it('splits a multi-facility order into fulfilments with fees by weight, snapshots prices and takes stock', async () => {
      const tas = await makeProduct(t.dataSource, banjarmasin, { price: 150_000, weightGrams: 700, stock: 10 });
      const kain = await makeProduct(t.dataSource, banjarmasin, { price: 185_000, weightGrams: 400, stock: 5 });
      const kursi = await makeProduct(t.dataSource, kotabaru, { price: 450_000, weightGrams: 2_500, stock: 3 });

      const response = await post(
        orderBody(
          [
            { productId: tas.id, quantity: 2 },
            { productId: kain.id, quantity: 1 },
            { productId: kursi.id, quantity: 1 },
          ],
          { note: 'Tolong dibungkus rapi' },
        ),
      ).expect(201);
      const order = response.body as CreatedOrderView;
      expect(response.headers['cache-control']).toBe('no-store');

      expect(order.number).toMatch(/^ETL-\d{4}-\d{6}$/);
      expect(order.number.slice(4, 8)).toBe(String(new Date().getUTCFullYear()));
      expect(order.status).toBe('PENDING_PAYMENT');
      expect(order.currency).toBe('IDR');
      expect(order.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(order.items).toHaveLength(3);
      const tasLine = order.items.find((i) => i.productId === tas.id);
      expect(tasLine).toEqual({
        productId: tas.id,
        name: tas.name,
        unitPrice: 150_000,
        quantity: 2,
        lineTotal: 300_000,
        facility: { id: banjarmasin.id, slug: banjarmasin.slug, name: banjarmasin.name },
      });

      expect(order.fulfilments).toHaveLength(2);
      const feeOf = (facilityId: string): number | undefined => order.fulfilments.find((f) => f.facility.id === facilityId)?.shippingFee;
      // Banjarmasin: 2 x 700 g + 400 g = 1.8 kg -> 10,000 + 2 x 5,000
      expect(feeOf(banjarmasin.id)).toBe(20_000);
      // Kotabaru: 2.5 kg -> 8,000 + 3 x 2,000
      expect(feeOf(kotabaru.id)).toBe(14_000);
      for (const f of order.fulfilments) expect(f).toMatchObject({ status: 'PENDING', courier: null, trackingNumber: null, deliveryMethod: 'SHIPPING' });

      expect(order.subtotal).toBe(300_000 + 185_000 + 450_000);
      expect(order.shippingTotal).toBe(34_000);
      expect(order.total).toBe(order.subtotal + order.shippingTotal);
      expect(order.customer).toEqual({ name: 'Siti Rahmawati', email: 'siti@example.com', phone: '+62 812 3456 7890' });
      expect(order.delivery).toEqual({ method: 'SHIPPING', address: TEST_ADDRESS });
      expect(order.note).toBe('Tolong dibungkus rapi');
      expect(order.payment).toMatchObject({ provider: 'manual', status: 'PENDING', instructions: { method: 'BANK_TRANSFER', amount: order.total, reference: order.number } });
      // An anonymous shopper's order holds its stock for ORDER_TTL_ANONYMOUS_MINUTES (30); partners' for ORDER_TTL_MINUTES.
      const holdMs = new Date(order.expiresAt).getTime() - new Date(order.createdAt).getTime();
      expect(holdMs).toBeGreaterThan(29 * 60_000);
      expect(holdMs).toBeLessThanOrEqual(30 * 60_000 + 1_000);

      expect([await stockOf(tas.id), await stockOf(kain.id), await stockOf(kursi.id)]).toEqual([8, 4, 2]);

      const [stored] = await t.dataSource.query<{ access_token_hash: string }[]>('SELECT access_token_hash FROM shop_order WHERE id = $1', [order.id]);
      expect(stored?.access_token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored?.access_token_hash).not.toContain(order.accessToken);
      const events = await t.dataSource.query<{ from_status: string | null; to_status: string; actor_type: string }[]>(
        'SELECT from_status, to_status, actor_type FROM order_event WHERE order_id = $1',
        [order.id],
      );
      expect(events).toEqual([{ from_status: null, to_status: 'PENDING_PAYMENT', actor_type: 'SHOPPER' }]);
      const outbox = await t.dataSource.query<{ type: string }[]>('SELECT type FROM outbox_event WHERE aggregate_id = $1', [order.id]);
      expect(outbox).toEqual([{ type: 'order.created' }]);
      const payments = await t.dataSource.query<{ provider: string; provider_reference: string; amount: number; status: string }[]>(
        'SELECT provider, provider_reference, amount, status FROM payment WHERE order_id = $1',
        [order.id],
      );
      expect(payments).toEqual([{ provider: 'manual', provider_reference: order.number, amount: order.total, status: 'PENDING' }]);

      // A later price change does not touch the order.
      await t.dataSource.query('UPDATE product SET price = 999000 WHERE id = $1', [tas.id]);
      const read = (await request(t.http).get(`${ORDERS}/${order.number}`).set('X-Order-Token', order.accessToken).expect(200)).body as OrderView;
      expect(read.items.find((i) => i.productId === tas.id)?.unitPrice).toBe(150_000);
      expect(read.total).toBe(order.total);
    });

    it('numbers orders in sequence', async () => {
      const p = await makeProduct(t.dataSource, banjarmasin);
      const first = (await post(orderBody([{ productId: p.id, quantity: 1 }])).expect(201)).body as OrderView;
      const second = (await post(orderBody([{ productId: p.id, quantity: 1 }])).expect(201)).body as OrderView;
      expect(Number(second.number.slice(9))).toBe(Number(first.number.slice(9)) + 1);
    });
  });

  describe('validation', () => {
    let product: Product;
    beforeAll(async () => {
      product = await makeProduct(t.dataSource, banjarmasin);
    });

    it.each([
      ['an unknown top-level field', (id: string) => orderBody([{ productId: id, quantity: 1 }], { coupon: 'GRATIS' })],
      ['an unknown item field', (id: string) => orderBody([{ productId: id, quantity: 1, price: 1 }])],
      ['an unknown address field', (id: string) => orderBody([{ productId: id, quantity: 1 }], { delivery: { method: 'SHIPPING', address: { ...TEST_ADDRESS, floor: 3 } } })],
      ['quantity 0', (id: string) => orderBody([{ productId: id, quantity: 0 }])],
      ['quantity 1000', (id: string) => orderBody([{ productId: id, quantity: 1000 }])],
      ['a fractional quantity', (id: string) => orderBody([{ productId: id, quantity: 1.5 }])],
      ['a string quantity', (id: string) => orderBody([{ productId: id, quantity: '2' }])],
      ['no items', () => orderBody([])],
      ['51 items', () => orderBody(Array.from({ length: 51 }, (_, i) => ({ productId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, quantity: 1 })))],
      ['the same product twice', (id: string) => orderBody([{ productId: id, quantity: 1 }, { productId: id, quantity: 2 }])],
      ['a product id that is not a UUID', () => orderBody([{ productId: 'tas-anyaman', quantity: 1 }])],
      ['SHIPPING without an address', (id: string) => orderBody([{ productId: id, quantity: 1 }], { delivery: { method: 'SHIPPING' } })],
      ['PICKUP with an address', (id: string) => orderBody([{ productId: id, quantity: 1 }], { delivery: { method: 'PICKUP', address: TEST_ADDRESS } })],
      ['an unknown delivery method', (id: string) => orderBody([{ productId: id, quantity: 1 }], { delivery: { method: 'DRONE' } })],
      ['a bad email', (id: string) => orderBody([{ productId: id, quantity: 1 }], { customer: { name: 'Siti', email: 'siti', phone: '08123456789' } })],
      ['no customer', (id: string) => ({ items: [{ productId: id, quantity: 1 }], delivery: { method: 'SHIPPING', address: TEST_ADDRESS } })],
      ['no delivery', (id: string) => ({ items: [{ productId: id, quantity: 1 }], customer: { name: 'Siti', email: 'siti@example.com', phone: '08123456789' } })],
      ['a customer that is not an object', (id: string) => orderBody([{ productId: id, quantity: 1 }], { customer: 'Siti' })],
      ['an address with a null', (id: string) => orderBody([{ productId: id, quantity: 1 }], { delivery: { method: 'SHIPPING', address: null } })],
      ['items that are not an array', (id: string) => orderBody([], { items: { productId: id, quantity: 1 } })],
    ])('refuses %s with 400 and takes no stock', async (_label, build) => {
      const response = await post(build(product.id));
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(await stockOf(product.id)).toBe(10);
    });

    it('names the field of a duplicate product and of a missing address', async () => {
      const dup = expectProblem(await post(orderBody([{ productId: product.id, quantity: 1 }, { productId: product.id, quantity: 1 }])), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(dup.errors)).toContain('items');
      const noAddress = expectProblem(await post(orderBody([{ productId: product.id, quantity: 1 }], { delivery: { method: 'SHIPPING' } })), 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(noAddress.errors)).toContain('required for SHIPPING');
    });

    it('refuses unknown (404), draft, archived and deleted (409) products clearly', async () => {
      const unknown = expectProblem(await post(orderBody([{ productId: '00000000-0000-4000-8000-000000000001', quantity: 1 }])), 404, 'NOT_FOUND');
      expect(unknown.detail).toContain('00000000-0000-4000-8000-000000000001');
      const draft = await makeProduct(t.dataSource, banjarmasin, { status: 'DRAFT', publishedAt: null });
      const archived = await makeProduct(t.dataSource, banjarmasin, { status: 'ARCHIVED' });
      const deleted = await makeProduct(t.dataSource, banjarmasin, { deletedAt: new Date() });
      for (const p of [draft, archived, deleted]) {
        const problem = expectProblem(await post(orderBody([{ productId: p.id, quantity: 1 }])), 409, 'INVALID_STATE');
        expect(problem.detail).toContain(p.name);
        expect(await stockOf(p.id)).toBe(10);
      }
    });

    it('refuses FOOD whose permit lapsed and products of an inactive facility', async () => {
      const withLocal = await makeFacility(t.dataSource, { localDelivery: true });
      const stale = await makeProduct(t.dataSource, withLocal, { kind: 'FOOD', withPermit: false });
      expectProblem(await post(orderBody([{ productId: stale.id, quantity: 1 }])), 409, 'FOOD_PERMIT_REQUIRED');
      expect(await stockOf(stale.id)).toBe(10);

      const closed = await makeFacility(t.dataSource, { active: false });
      const p = await makeProduct(t.dataSource, closed);
      expectProblem(await post(orderBody([{ productId: p.id, quantity: 1 }])), 409, 'INVALID_STATE');
      expect(await stockOf(p.id)).toBe(10);
    });
  });

  describe('delivery rules', () => {
    it('refuses PICKUP where the facility offers none', async () => {
      const p = await makeProduct(t.dataSource, banjarmasin);
      const problem = expectProblem(await post(orderBody([{ productId: p.id, quantity: 1 }], { delivery: { method: 'PICKUP' } })), 409, 'INVALID_STATE');
      expect(problem.detail).toContain('pickup');
      expect(await stockOf(p.id)).toBe(10);
    });

    it('charges no shipping for PICKUP', async () => {
      const p = await makeProduct(t.dataSource, kotabaru, { weightGrams: 3_000 });
      const order = (await post(orderBody([{ productId: p.id, quantity: 2 }], { delivery: { method: 'PICKUP' } })).expect(201)).body as OrderView;
      expect(order.shippingTotal).toBe(0);
      expect(order.fulfilments[0]).toMatchObject({ shippingFee: 0, deliveryMethod: 'PICKUP' });
      expect(order.delivery).toEqual({ method: 'PICKUP', address: null });
    });

    it('ships services and food only where the facility delivers locally', async () => {
      const bakery = await makeProduct(t.dataSource, kotabaru, { kind: 'FOOD' });
      const service = await makeProduct(t.dataSource, banjarmasin, { kind: 'SERVICE' });
      for (const p of [bakery, service]) {
        const problem = expectProblem(await post(orderBody([{ productId: p.id, quantity: 1 }])), 409, 'INVALID_STATE');
        expect(problem.detail).toContain('pickup-only');
        expect(await stockOf(p.id)).toBe(10);
      }
      await post(orderBody([{ productId: bakery.id, quantity: 1 }], { delivery: { method: 'PICKUP' } })).expect(201);

      const local = await makeFacility(t.dataSource, { localDelivery: true });
      const bread = await makeProduct(t.dataSource, local, { kind: 'FOOD' });
      await post(orderBody([{ productId: bread.id, quantity: 1 }])).expect(201);
    });
  });

  describe('stock', () => {
    it('takes nothing when one line is out of stock (all or nothing)', async () => {
      const a = await makeProduct(t.dataSource, banjarmasin, { stock: 5 });
      const b = await makeProduct(t.dataSource, kotabaru, { stock: 1 });
      const before = await orderCount();
      const problem = expectProblem(
        await post(orderBody([{ productId: a.id, quantity: 3 }, { productId: b.id, quantity: 2 }])),
        409,
        'OUT_OF_STOCK',
      );
      expect(problem.detail).toContain(b.name);
      expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([5, 1]);
      expect(await orderCount()).toBe(before);
    });

    it('sells exactly the stock to 50 concurrent shoppers', async () => {
      const p = await makeProduct(t.dataSource, banjarmasin, { stock: 10 });
      const responses = await Promise.all(Array.from({ length: 50 }, () => post(orderBody([{ productId: p.id, quantity: 1 }]))));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      const refused = responses.filter((r) => r.status !== 201);
      expect(refused).toHaveLength(40);
      for (const r of refused) expectProblem(r, 409, 'OUT_OF_STOCK');
      expect(await stockOf(p.id)).toBe(0);
      const [sold] = await t.dataSource.query<{ n: number }[]>('SELECT coalesce(sum(quantity), 0)::int AS n FROM order_item WHERE product_id = $1', [p.id]);
      expect(sold?.n).toBe(10);
    });

    it('never deadlocks when concurrent orders list two products in opposite order', async () => {
      const a = await makeProduct(t.dataSource, banjarmasin, { stock: 10 });
      const b = await makeProduct(t.dataSource, kotabaru, { stock: 10 });
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          post(
            orderBody(
              i % 2 === 0
                ? [
                    { productId: a.id, quantity: 1 },
                    { productId: b.id, quantity: 1 },
                  ]
                : [
                    { productId: b.id, quantity: 1 },
                    { productId: a.id, quantity: 1 },
                  ],
            ),
          ),
        ),
      );
      expect(responses.filter((r) => r.status >= 500)).toEqual([]);
      for (const r of responses.filter((x) => x.status !== 201)) expectProblem(r, 409, 'OUT_OF_STOCK');
      const created = responses.filter((r) => r.status === 201).length;
      const [stockA, stockB] = [await stockOf(a.id), await stockOf(b.id)];
      expect(stockA).toBeGreaterThanOrEqual(0);
      expect(stockB).toBeGreaterThanOrEqual(0);
      expect(created).toBe(10);
      expect(2 * created).toBe(20 - stockA - stockB);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response for the same key and body', async () => {
      const p = await makeProduct(t.dataSource, banjarmasin);
      const body = orderBody([{ productId: p.id, quantity: 2 }]);
      const first = await post(body, 'checkout-abc-1').expect(201);
      const before = await orderCount();
      // Same body with its keys in another order: the same request.
      const reordered = { delivery: body.delivery, customer: body.customer, items: body.items };
      const second = await post(reordered, 'checkout-abc-1').expect(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(second.body).toEqual(first.body);
      expect((second.body as OrderView).id).toBe((first.body as OrderView).id);
      expect(await orderCount()).toBe(before);
      expect(await stockOf(p.id)).toBe(8);
    });

    it('refuses the same key with another body (422)', async () => {
      const p = await makeProduct(t.dataSource, banjarmasin);
      await post(orderBody([{ productId: p.id, quantity: 1 }]), 'checkout-abc-2').expect(201);
      expectProblem(await post(orderBody([{ productId: p.id, quantity: 2 }]), 'checkout-abc-2'), 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await stockOf(p.id)).toBe(9);
    });

    it('creates one order for concurrent requests with the same key', async () => {
      const p = await makeProduct(t.dataSource, banjarmasin);
      const body = orderBody([{ productId: p.id, quantity: 1 }]);
      const responses = await Promise.all(Array.from({ length: 8 }, () => post(body, 'checkout-abc-3')));
      const ok = responses.filter((r) => r.status === 201);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      expect(new Set(ok.map((r) => (r.body as OrderView).id)).size).toBe(1);
      for (const r of responses.filter((x) => x.status !== 201)) expectProblem(r, 409, 'CONFLICT');
      expect(await stockOf(p.id)).toBe(9);
      const [row] = await t.dataSource.query<{ n: number }[]>('SELECT count(DISTINCT order_id)::int AS n FROM order_item WHERE product_id = $1', [p.id]);
      expect(row?.n).toBe(1);
    });

    it('forgets a key whose request failed, so it can be retried', async () => {
      const p = await makeProduct(t.dataSource, banjarmasin, { stock: 1 });
      const body = orderBody([{ productId: p.id, quantity: 2 }]);
      expectProblem(await post(body, 'checkout-abc-4'), 409, 'OUT_OF_STOCK');
      await t.dataSource.query('UPDATE product SET stock = 5 WHERE id = $1', [p.id]);
      await post(body, 'checkout-abc-4').expect(201);
      expect(await stockOf(p.id)).toBe(3);
    });

    it('takes over an expired key', async () => {
      const p = await makeProduct(t.dataSource, banjarmasin);
      const first = (await post(orderBody([{ productId: p.id, quantity: 1 }]), 'checkout-abc-5').expect(201)).body as OrderView;
      await t.dataSource.query(`UPDATE idempotency_record SET expires_at = now() - interval '1 second' WHERE key = 'checkout-abc-5'`);
      const second = await post(orderBody([{ productId: p.id, quantity: 2 }]), 'checkout-abc-5').expect(201);
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      expect((second.body as OrderView).id).not.toBe(first.id);
    });

    it('refuses a key that is too long or not printable ASCII', async () => {
      const p = await makeProduct(t.dataSource, banjarmasin);
      expectProblem(await post(orderBody([{ productId: p.id, quantity: 1 }]), 'k'.repeat(256)), 400, 'VALIDATION_FAILED');
      expectProblem(await post(orderBody([{ productId: p.id, quantity: 1 }]), 'kunci-ü'), 400, 'VALIDATION_FAILED');
      expect(await stockOf(p.id)).toBe(10);
    });
  });

  describe('when the payment provider fails', () => {
    it('keeps the order PENDING_PAYMENT, answers 502 naming it, and keeps the Idempotency-Key bound: the retry returns that order and only retries its payment', async () => {
      // Issue 13, bug 1: the key used to be released here, and the client's retry created a second order.
      const provider = t.app.get<PaymentProvider>(PAYMENT_PROVIDER);
      const spy = jest.spyOn(provider, 'createPayment').mockRejectedValueOnce(new Error('bank unreachable'));
      try {
        const p = await makeProduct(t.dataSource, banjarmasin);
        const body = orderBody([{ productId: p.id, quantity: 1 }]);
        const problem = expectProblem(await post(body, 'checkout-provider-down'), 502, 'PAYMENT_PROVIDER_ERROR');
        const [stored] = await t.dataSource.query<{ id: string; number: string; status: string }[]>(
          'SELECT o.id, o.number, o.status FROM shop_order o JOIN order_item i ON i.order_id = o.id WHERE i.product_id = $1',
          [p.id],
        );
        expect(stored?.status).toBe('PENDING_PAYMENT');
        expect(problem.detail).toContain(stored?.number);
        expect(problem.detail).toContain('same Idempotency-Key');
        // The payment row was written with the order; no provider reference marks it as never set up.
        expect(await t.dataSource.query('SELECT status, provider_reference FROM payment WHERE order_id = $1', [stored?.id])).toEqual([{ status: 'PENDING', provider_reference: null }]);
        expect(await stockOf(p.id)).toBe(9);
        const before = await orderCount();

        const retry = await post(body, 'checkout-provider-down').expect(201);
        const resumed = retry.body as CreatedOrderView;
        expect(retry.headers['idempotent-replayed']).toBe('true');
        expect(resumed).toMatchObject({ id: stored?.id, number: stored?.number, status: 'PENDING_PAYMENT', payment: { provider: 'manual', status: 'PENDING', instructions: { reference: stored?.number } } });
        expect(await orderCount()).toBe(before);
        expect(await stockOf(p.id)).toBe(9);
        expect(await t.dataSource.query('SELECT status, provider_reference FROM payment WHERE order_id = $1', [stored?.id])).toEqual([{ status: 'PENDING', provider_reference: stored?.number }]);
        // Told how to pay once, now that the payment exists.
        expect(await t.dataSource.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1`, [stored?.id])).toEqual([{ type: 'order.created' }]);
        await request(t.http).get(`${ORDERS}/${resumed.number}`).set('X-Order-Token', resumed.accessToken).expect(200);

        // Once more: the same answer, nothing new.
        const again = await post(body, 'checkout-provider-down').expect(201);
        expect(again.body).toEqual(resumed);
        expect(await t.dataSource.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1`, [stored?.id])).toEqual([{ type: 'order.created' }]);
      } finally {
        spy.mockRestore();
      }
    });

    it('still cancels when the provider cannot cancel the payment', async () => {
      const p = await makeProduct(t.dataSource, banjarmasin);
      const order = (await post(orderBody([{ productId: p.id, quantity: 4 }])).expect(201)).body as CreatedOrderView;
      const provider = t.app.get<PaymentProvider>(PAYMENT_PROVIDER);
      const spy = jest.spyOn(provider, 'cancelPayment').mockRejectedValueOnce(new Error('bank unreachable'));
      try {
        const view = (await request(t.http).post(`${ORDERS}/${order.number}/cancel`).set('X-Order-Token', order.accessToken).send({}).expect(200)).body as OrderView;
        expect(view.status).toBe('CANCELLED');
        expect(spy).toHaveBeenCalledWith(order.number);
        expect(await stockOf(p.id)).toBe(10);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('the shopper with the order token', () => {
    let product: Product;
    let order: CreatedOrderView;
    beforeAll(async () => {
      product = await makeProduct(t.dataSource, banjarmasin, { stock: 10 });
      order = (await post(orderBody([{ productId: product.id, quantity: 3 }])).expect(201)).body as CreatedOrderView;
    });

    it('reads the order with the right token, without the token in it', async () => {
      const response = await request(t.http).get(`${ORDERS}/${order.number}`).set('X-Order-Token', order.accessToken).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const view = response.body as OrderView & { accessToken?: string };
      expect(view.accessToken).toBeUndefined();
      expect(view).toMatchObject({ id: order.id, number: order.number, status: 'PENDING_PAYMENT', total: order.total, payment: { provider: 'manual', status: 'PENDING' } });
      expect(view.items).toEqual(order.items);
      expect(view.fulfilments).toEqual(order.fulfilments);
    });

    it('answers 404 for a wrong, missing or other order token, and for an unknown number', async () => {
      const other = (await post(orderBody([{ productId: product.id, quantity: 1 }])).expect(201)).body as CreatedOrderView;
      expectProblem(await request(t.http).get(`${ORDERS}/${order.number}`).set('X-Order-Token', 'nope'), 404, 'NOT_FOUND');
      expectProblem(await request(t.http).get(`${ORDERS}/${order.number}`), 404, 'NOT_FOUND');
      expectProblem(await request(t.http).get(`${ORDERS}/${order.number}`).set('X-Order-Token', other.accessToken), 404, 'NOT_FOUND');
      expectProblem(await request(t.http).get(`${ORDERS}/ETL-2000-999999`).set('X-Order-Token', order.accessToken), 404, 'NOT_FOUND');
      expectProblem(await request(t.http).post(`${ORDERS}/${order.number}/cancel`).set('X-Order-Token', other.accessToken).send({}), 404, 'NOT_FOUND');
      await request(t.http).post(`${ORDERS}/${other.number}/cancel`).set('X-Order-Token', other.accessToken).send({}).expect(200);
    });

    it('cancels an unpaid order and releases its stock, once', async () => {
      expect(await stockOf(product.id)).toBe(7);
      const response = await request(t.http)
        .post(`${ORDERS}/${order.number}/cancel`)
        .set('X-Order-Token', order.accessToken)
        .send({ reason: 'Salah pilih' })
        .expect(200);
      const view = response.body as OrderView;
      expect(view.status).toBe('CANCELLED');
      expect(view.cancelledAt).not.toBeNull();
      expect(view.fulfilments.map((f) => f.status)).toEqual(['CANCELLED']);
      expect(view.payment).toEqual({ provider: 'manual', status: 'CANCELED' });
      expect(await stockOf(product.id)).toBe(10);

      const events = await t.dataSource.query<{ fulfilment_id: string | null; to_status: string; reason: string | null }[]>(
        `SELECT fulfilment_id, to_status, reason FROM order_event WHERE order_id = $1 AND to_status = 'CANCELLED'`,
        [order.id],
      );
      expect(events).toHaveLength(2);
      expect(events.every((e) => e.reason === 'Salah pilih')).toBe(true);
      const outbox = await t.dataSource.query<{ type: string }[]>('SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY created_at', [order.id]);
      expect(outbox.map((o) => o.type)).toEqual(['order.created', 'order.cancelled']);

      expectProblem(await request(t.http).post(`${ORDERS}/${order.number}/cancel`).set('X-Order-Token', order.accessToken).send({}), 409, 'INVALID_STATE');
      expect(await stockOf(product.id)).toBe(10);
    });

    it('answers 404 when cancelling an unknown order', async () => {
      expectProblem(await request(t.http).post(`${ORDERS}/ETL-2000-999999/cancel`).set('X-Order-Token', order.accessToken).send({}), 404, 'NOT_FOUND');
    });
  });
});
