import request from 'supertest';
import type { Product } from '../src/catalog/product.entity';
import type { ProductAdminView, ProductView } from '../src/catalog/product.views';
import type { Problem } from '../src/common/errors/problem';
import type { Facility } from '../src/facilities/facility.entity';
import { OrderExpiryService, PAYMENT_SETUP_GRACE_SECONDS, SWEEP_INTERVAL_SECONDS } from '../src/orders/order-expiry.service';
import { PAYMENT_PROVIDER, PaymentProvider } from '../src/payments/payment-provider';
import type { CreatedOrderView } from '../src/orders/order.views';
import { makeProduct } from './support/catalog-factories';
import { makeFacility, signedInAs } from './support/factories';
import { TEST_ADDRESS } from './support/order-factories';
import { issuePartnerKey } from './support/partner-factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue 12, item 2: one unpaid checkout could hold a facility's whole stock. These run with the
 * limits' real defaults (the harness lifts them for the other suites) and TRUST_PROXY on, so each
 * test can be a different client through X-Forwarded-For, as behind the load balancer.
 */
const LIMITS = {
  TRUST_PROXY: 'true',
  ORDER_MAX_QUANTITY_PER_PRODUCT: '10',
  CHECKOUT_MAX_UNPAID_PER_IP: '5',
  CHECKOUT_MAX_UNPAID_PER_EMAIL: '3',
  CHECKOUT_MAX_ATTEMPTS_PER_IP: '20',
  CHECKOUT_ATTEMPTS_WINDOW_SECONDS: '600',
  CHECKOUT_MAX_UNPAID_PER_PARTNER: '8',
  ORDER_TTL_MINUTES: '60',
  ORDER_TTL_ANONYMOUS_MINUTES: '30',
};

const ORDERS = '/api/v1/orders';

interface Shopper {
  ip: string;
  email: string;
}

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response.body as Problem;
}

describe('checkout limits against stock hoarding', () => {
  let t: TestApp;
  let facility: Facility;
  let addresses = 0;
  /** A fresh client address per test, so no test inherits another's counts. */
  const nextIp = (): string => `203.0.113.${(addresses += 1)}`;

  const order = (shopper: Shopper, product: Product, quantity: number): request.Test =>
    request(t.http)
      .post(ORDERS)
      .set('X-Forwarded-For', shopper.ip)
      .send({
        items: [{ productId: product.id, quantity }],
        customer: { name: 'Pembeli', email: shopper.email, phone: '+62 812 3456 7890' },
        delivery: { method: 'SHIPPING', address: TEST_ADDRESS },
      });
  const stockOf = async (product: Product): Promise<number> => {
    const [row] = await t.dataSource.query<{ stock: number }[]>('SELECT stock FROM product WHERE id = $1', [product.id]);
    return row?.stock ?? -1;
  };
  const unpaidOrdersOf = async (product: Product): Promise<number> => {
    const [row] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(DISTINCT o.id)::int AS n FROM shop_order o JOIN order_item i ON i.order_id = o.id WHERE i.product_id = $1 AND o.status = 'PENDING_PAYMENT'`,
      [product.id],
    );
    return row?.n ?? -1;
  };

  beforeAll(async () => {
    t = await startTestApp(LIMITS);
    facility = await makeFacility(t.dataSource, { name: 'Lapas Kelas IIA Banjarmasin', phone: '(0511) 3252000', email: 'bimker@lapasbanjarmasin.example' });
  });
  afterAll(() => t.close());

  it('lets a script with one address and 50 checkout attempts hold no more than the cap', async () => {
    // The issue's case: a facility with 319 units, one anonymous client trying to take them all.
    const product = await makeProduct(t.dataSource, facility, { stock: 319 });
    const ip = nextIp();
    const statuses: number[] = [];
    const problems: Problem[] = [];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      // A different e-mail each time: the worst case, where only the address ties the attempts together.
      const response = await order({ ip, email: `hoarder${attempt}@example.com` }, product, attempt === 0 ? 319 : 10);
      statuses.push(response.status);
      if (response.status !== 201) problems.push(response.body as Problem);
    }

    const count = (status: number): number => statuses.filter((s) => s === status).length;
    // 1 refused as over the per-order limit, 5 held (the cap), 14 refused at the cap, 30 rate-limited.
    expect({ 201: count(201), 409: count(409), 422: count(422), 429: count(429) }).toEqual({ 201: 5, 409: 14, 422: 1, 429: 30 });
    expect(await unpaidOrdersOf(product)).toBe(5);
    expect(await stockOf(product)).toBe(319 - 5 * 10);
    expect(problems.map((p) => p.code)).toEqual([
      'QUANTITY_LIMIT_EXCEEDED',
      ...Array<string>(14).fill('TOO_MANY_UNPAID_ORDERS'),
      ...Array<string>(30).fill('RATE_LIMITED'),
    ]);
  });

  it('tells the client what to do: pay or cancel an order, or retry after the oldest expires', async () => {
    const product = await makeProduct(t.dataSource, facility, { stock: 100 });
    const shopper = { ip: nextIp(), email: 'siti@example.com' };
    const placed: CreatedOrderView[] = [];
    for (let i = 0; i < 3; i += 1) placed.push((await order(shopper, product, 1).expect(201)).body as CreatedOrderView);

    // The e-mail cap (3) bites before the address cap (5); spelling the address differently does not help.
    const refused = await order({ ...shopper, email: ' Siti+lagi@Example.com ' }, product, 1);
    const problem = expectProblem(refused, 409, 'TOO_MANY_UNPAID_ORDERS');
    expect(problem.detail).toContain('3 unpaid orders for this e-mail address');
    expect(problem.detail).toContain('POST /orders/{number}/cancel');
    const retryAfter = Number(refused.headers['retry-after']);
    // The oldest order expires in 30 minutes (the anonymous hold), plus a few seconds' margin.
    expect(retryAfter).toBeGreaterThan(29 * 60);
    expect(retryAfter).toBeLessThanOrEqual(30 * 60 + 10);

    // Cancelling one frees its slot at once.
    const [first] = placed as [CreatedOrderView];
    await request(t.http).post(`${ORDERS}/${first.number}/cancel`).set('X-Order-Token', first.accessToken).send({}).expect(200);
    await order(shopper, product, 1).expect(201);
    expectProblem(await order(shopper, product, 1), 409, 'TOO_MANY_UNPAID_ORDERS');
  });

  it('does not lock a shopper out for long when the payment provider failed her orders', async () => {
    const product = await makeProduct(t.dataSource, facility, { stock: 20 });
    const shopper = { ip: nextIp(), email: 'gagal@example.com' };
    const provider = t.app.get<PaymentProvider>(PAYMENT_PROVIDER);
    const spy = jest.spyOn(provider, 'createPayment').mockRejectedValue(new Error('bank unreachable'));
    try {
      for (let i = 0; i < 3; i += 1) expectProblem(await order(shopper, product, 1), 502, 'PAYMENT_PROVIDER_ERROR');
    } finally {
      spy.mockRestore();
    }
    // Those orders can never be paid; the sweep cancels them after the grace period, so that is when to retry.
    const refused = await order(shopper, product, 1);
    expectProblem(refused, 409, 'TOO_MANY_UNPAID_ORDERS');
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(PAYMENT_SETUP_GRACE_SECONDS + SWEEP_INTERVAL_SECONDS + 10);

    await t.dataSource.query(
      `UPDATE shop_order SET created_at = created_at - make_interval(secs => $2) WHERE id IN (SELECT order_id FROM order_item WHERE product_id = $1)`,
      [product.id, PAYMENT_SETUP_GRACE_SECONDS + 1],
    );
    await t.app.get(OrderExpiryService).sweep();
    expect(await stockOf(product)).toBe(20);
    await order(shopper, product, 1).expect(201);
  });

  it('lets no two parallel checkouts of one client slip under the cap together', async () => {
    const product = await makeProduct(t.dataSource, facility, { stock: 200 });
    const ip = nextIp();
    const responses = await Promise.all(Array.from({ length: 15 }, (_, i) => order({ ip, email: `parallel${i}@example.com` }, product, 2)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    for (const r of responses.filter((x) => x.status !== 201)) expectProblem(r, 409, 'TOO_MANY_UNPAID_ORDERS');
    expect(await unpaidOrdersOf(product)).toBe(5);
    expect(await stockOf(product)).toBe(200 - 5 * 2);
  });

  it('leaves a legitimate buyer from another address and e-mail unaffected by a hoarder', async () => {
    const product = await makeProduct(t.dataSource, facility, { stock: 120 });
    const hoarder = nextIp();
    for (let attempt = 0; attempt < 30; attempt += 1) await order({ ip: hoarder, email: `h${attempt}@example.com` }, product, 10);
    expect(await stockOf(product)).toBe(120 - 5 * 10);

    const buyer = { ip: nextIp(), email: 'rina@example.com' };
    const placed = (await order(buyer, product, 3).expect(201)).body as CreatedOrderView;
    expect(placed.status).toBe('PENDING_PAYMENT');
    // A second and third order of her own are fine too.
    await order(buyer, product, 1).expect(201);
    await order(buyer, product, 10).expect(201);
    expect(await stockOf(product)).toBe(120 - 50 - 14);
  });

  it('does not let a client dodge the address cap with X-Forwarded-For when no proxy is trusted', async () => {
    const direct = await startTestApp({ ...LIMITS, TRUST_PROXY: 'false' });
    try {
      const shop = await makeFacility(direct.dataSource);
      const product = await makeProduct(direct.dataSource, shop, { stock: 100 });
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 8; attempt += 1) {
        const response = await request(direct.http)
          .post(ORDERS)
          .set('X-Forwarded-For', `198.51.100.${attempt + 1}`)
          .send({
            items: [{ productId: product.id, quantity: 1 }],
            customer: { name: 'Pembeli', email: `spoof${attempt}@example.com`, phone: '+62 812 3456 7890' },
            delivery: { method: 'SHIPPING', address: TEST_ADDRESS },
          });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([201, 201, 201, 201, 201, 409, 409, 409]);
    } finally {
      await direct.close();
    }
  });

  describe('per-product quantity per order', () => {
    it('is shown on the public product, refused above it with the facility to contact, and editable by its admin', async () => {
      const product = await makeProduct(t.dataSource, facility, { stock: 300 });
      const shopper = { ip: nextIp(), email: 'grosir@example.com' };
      const publicView = async (): Promise<ProductView> => (await request(t.http).get(`/api/v1/products/${product.slug}`).expect(200)).body as ProductView;
      expect((await publicView()).maxPerOrder).toBe(10);

      const problem = expectProblem(await order(shopper, product, 11), 422, 'QUANTITY_LIMIT_EXCEEDED');
      expect(problem.errors).toEqual([{ field: 'items.0.quantity', message: 'must not be greater than 10 for this product (its per-order limit)' }]);
      expect(problem.detail).toContain(`"${product.name}" can be ordered at most 10`);
      expect(problem.detail).toContain('Lapas Kelas IIA Banjarmasin at (0511) 3252000 or bimker@lapasbanjarmasin.example');
      expect(await stockOf(product)).toBe(300);

      const admin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility });
      const patch = (body: object): request.Test => request(t.http).patch(`/api/v1/admin/products/${product.id}`).set('Authorization', admin.bearer).send(body);
      const raised = (await patch({ maxPerOrder: 50 }).expect(200)).body as ProductAdminView;
      expect({ maxPerOrder: raised.maxPerOrder, ownMaxPerOrder: raised.ownMaxPerOrder }).toEqual({ maxPerOrder: 50, ownMaxPerOrder: 50 });
      expect((await publicView()).maxPerOrder).toBe(50);
      await order(shopper, product, 50).expect(201);
      expectProblem(await order(shopper, product, 51), 422, 'QUANTITY_LIMIT_EXCEEDED');

      expectProblem(await patch({ maxPerOrder: 0 }), 400, 'VALIDATION_FAILED');
      expectProblem(await patch({ maxPerOrder: 1000 }), 400, 'VALIDATION_FAILED');
      const reset = (await patch({ maxPerOrder: null }).expect(200)).body as ProductAdminView;
      expect({ maxPerOrder: reset.maxPerOrder, ownMaxPerOrder: reset.ownMaxPerOrder }).toEqual({ maxPerOrder: 10, ownMaxPerOrder: null });
    });

    it('names the offending line of a multi-line order', async () => {
      const a = await makeProduct(t.dataSource, facility, { stock: 50 });
      const b = await makeProduct(t.dataSource, facility, { stock: 50, maxPerOrder: 2 });
      const response = await request(t.http)
        .post(ORDERS)
        .set('X-Forwarded-For', nextIp())
        .send({
          items: [
            { productId: a.id, quantity: 10 },
            { productId: b.id, quantity: 3 },
          ],
          customer: { name: 'Pembeli', email: 'dua@example.com', phone: '+62 812 3456 7890' },
          delivery: { method: 'SHIPPING', address: TEST_ADDRESS },
        });
      const problem = expectProblem(response, 422, 'QUANTITY_LIMIT_EXCEEDED');
      expect(problem.errors?.[0]?.field).toBe('items.1.quantity');
      expect([await stockOf(a), await stockOf(b)]).toEqual([50, 50]);
    });
  });

  describe('partners', () => {
    it('get a cap of their own, per partner, above the anonymous one, and longer holds', async () => {
      const superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
      const mitra = await issuePartnerKey(t.http, superadmin.bearer, { name: 'Mitra Grosir' });
      const other = await issuePartnerKey(t.http, superadmin.bearer, { name: 'Mitra Lain' });
      const product = await makeProduct(t.dataSource, facility, { stock: 200 });
      const ip = nextIp();
      const place = (key: string, n: number): request.Test =>
        request(t.http)
          .post(ORDERS)
          .set('X-Api-Key', key)
          .set('Idempotency-Key', `limits-${key.slice(-6)}-${n}`)
          .set('X-Forwarded-For', ip)
          .send({
            items: [{ productId: product.id, quantity: 2 }],
            // One customer e-mail for all: partners order for their customers, not as them.
            customer: { name: 'Pelanggan Mitra', email: 'pelanggan@example.com', phone: '+62 812 3456 7890' },
            delivery: { method: 'SHIPPING', address: TEST_ADDRESS },
          });

      const placed: CreatedOrderView[] = [];
      for (let n = 0; n < 8; n += 1) placed.push((await place(mitra.key, n).expect(201)).body as CreatedOrderView);
      const problem = expectProblem(await place(mitra.key, 8), 409, 'TOO_MANY_UNPAID_ORDERS');
      expect(problem.detail).toContain('8 unpaid orders for this partner');
      // Another partner from the same address has its own cap.
      await place(other.key, 0).expect(201);

      const [first] = placed as [CreatedOrderView];
      const holdMs = new Date(first.expiresAt).getTime() - new Date(first.createdAt).getTime();
      expect(holdMs).toBeGreaterThan(59 * 60_000);
      const [stored] = await t.dataSource.query<{ client_ip_hash: string | null; customer_email_key: string | null }[]>(
        'SELECT client_ip_hash, customer_email_key FROM shop_order WHERE id = $1',
        [first.id],
      );
      expect(stored).toEqual({ client_ip_hash: null, customer_email_key: null });
    });
  });

  it('stores the client address only as a keyed hash, and forgets it once the order is settled', async () => {
    const product = await makeProduct(t.dataSource, facility, { stock: 10 });
    const ip = nextIp();
    const placed = (await order({ ip, email: 'privasi@example.com' }, product, 1).expect(201)).body as CreatedOrderView;
    const keysOf = async (): Promise<{ client_ip_hash: string | null; customer_email_key: string | null } | undefined> =>
      (await t.dataSource.query<{ client_ip_hash: string | null; customer_email_key: string | null }[]>('SELECT client_ip_hash, customer_email_key FROM shop_order WHERE id = $1', [placed.id]))[0];
    const stored = await keysOf();
    expect(stored?.client_ip_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.client_ip_hash).not.toContain(ip);
    expect(stored?.customer_email_key).toMatch(/^[0-9a-f]{64}$/);

    await request(t.http).post(`${ORDERS}/${placed.number}/cancel`).set('X-Order-Token', placed.accessToken).send({}).expect(200);
    await t.app.get(OrderExpiryService).sweep();
    expect(await keysOf()).toEqual({ client_ip_hash: null, customer_email_key: null });
  });
});
