import request from 'supertest';
import type { Product } from '../src/catalog/product.entity';
import type { Problem } from '../src/common/errors/problem';
import type { Facility } from '../src/facilities/facility.entity';
import type { RefundedOrderView } from '../src/orders/order-payments.views';
import type { CreatedOrderView } from '../src/orders/order.views';
import { makeProduct } from './support/catalog-factories';
import { FakeStripe } from './support/fake-stripe';
import { makeFacility, MadeUser, signedInAs, Tokens } from './support/factories';
import { placeOrder } from './support/order-factories';
import { startTestApp, TestApp } from './support/test-app';

type SignedIn = MadeUser & Tokens & { bearer: string };
type Body = Record<string, unknown>;

const ADMIN_ORDERS = '/api/v1/admin/orders';
const WEBHOOK = '/api/v1/payments/stripe/webhook';
const WEBHOOK_SECRET = 'whsec_test_webhook_secret_0123456789';

interface ItemRow {
  id: string;
  product_id: string;
  quantity: number;
  refunded_quantity: number;
  unit_price: number;
}

interface LineSums {
  order_item_id: string;
  quantity: number;
  gross: number;
  cost: number;
  profit: number;
  premi: number;
  pnbp: number;
  capital: number;
  entries: number;
}

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  return response.body as Problem;
}

/** Queries shared by both providers' suites. */
function helpers(t: () => TestApp) {
  const one = async <T>(sql: string, params: unknown[]): Promise<T> => {
    const [row] = await t().dataSource.query<T[]>(sql, params);
    if (!row) throw new Error(`No row for ${sql}`);
    return row;
  };
  return {
    refund: (who: SignedIn, orderId: string, body: Body): request.Test => request(t().http).post(`${ADMIN_ORDERS}/${orderId}/refund`).set('Authorization', who.bearer).send(body),
    itemsOf: (orderId: string): Promise<ItemRow[]> => t().dataSource.query<ItemRow[]>('SELECT id, product_id, quantity, refunded_quantity, unit_price FROM order_item WHERE order_id = $1 ORDER BY unit_price DESC', [orderId]),
    state: (orderId: string): Promise<{ status: string; payment_status: string; refunded_amount: number; amount: number; shipping_total: number }> =>
      one(
        `SELECT o.status, o.shipping_total, p.status AS payment_status, p.refunded_amount, p.amount
           FROM shop_order o JOIN payment p ON p.order_id = o.id WHERE o.id = $1`,
        [orderId],
      ),
    lineSums: (orderId: string): Promise<LineSums[]> =>
      t().dataSource.query<LineSums[]>(
        `SELECT order_item_id, sum(quantity)::int AS quantity, sum(gross)::int AS gross, sum(cost)::int AS cost, sum(profit)::int AS profit,
                sum(premi)::int AS premi, sum(pnbp)::int AS pnbp, sum(capital)::int AS capital, count(*)::int AS entries
           FROM ledger_entry WHERE order_id = $1 GROUP BY order_item_id`,
        [orderId],
      ),
    stockOf: async (productId: string): Promise<number> => (await one<{ stock: number }>('SELECT stock FROM product WHERE id = $1', [productId])).stock,
    count: async (sql: string, params: unknown[]): Promise<number> => (await one<{ n: number }>(sql, params)).n,
  };
}

const ZERO = { quantity: 0, gross: 0, cost: 0, profit: 0, premi: 0, pnbp: 0, capital: 0 };

describe('admin refunds', () => {
  describe('manual payments', () => {
    let t: TestApp;
    let facility: Facility;
    let other: Facility;
    let superadmin: SignedIn;
    let facilityAdmin: SignedIn;
    let otherAdmin: SignedIn;
    const h = helpers(() => t);

    const paidOrder = async (lines: { product: Product; quantity: number }[]): Promise<CreatedOrderView> => {
      const order = await placeOrder(t.http, lines);
      await request(t.http).post(`${ADMIN_ORDERS}/${order.id}/confirm-payment`).set('Authorization', superadmin.bearer).expect(200);
      return order;
    };

    beforeAll(async () => {
      t = await startTestApp();
      facility = await makeFacility(t.dataSource);
      other = await makeFacility(t.dataSource);
      superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
      facilityAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility });
      otherAdmin = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: other });
    });
    afterAll(async () => {
      await t.close();
    });

    it('refunds a whole order with shipping: REFUNDED, every line back to zero, stock untouched without restock', async () => {
      const a = await makeProduct(t.dataSource, facility, { price: 150_000, unitCost: 70_001, stock: 10 });
      const b = await makeProduct(t.dataSource, facility, { price: 33_333, unitCost: null, stock: 10 });
      const order = await paidOrder([
        { product: a, quantity: 2 },
        { product: b, quantity: 3 },
      ]);
      const stockBefore = [await h.stockOf(a.id), await h.stockOf(b.id)];
      const response = await h.refund(facilityAdmin, order.id, { reason: 'Pesanan dibatalkan pembeli' }).expect(200);
      const view = response.body as RefundedOrderView;
      expect(view).toMatchObject({ status: 'REFUNDED', refundedAmount: order.total, totalRefunded: order.total, payment: { provider: 'manual', status: 'REFUNDED' } });
      expect(await h.state(order.id)).toMatchObject({ status: 'REFUNDED', payment_status: 'REFUNDED', refunded_amount: order.total });
      for (const line of await h.lineSums(order.id)) expect(line).toMatchObject({ ...ZERO, entries: 2 });
      expect((await h.itemsOf(order.id)).map((i) => i.refunded_quantity)).toEqual([2, 3]);
      expect([await h.stockOf(a.id), await h.stockOf(b.id)]).toEqual(stockBefore);
      expect(await h.count(`SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1 AND type = 'order.refunded'`, [order.id])).toBe(1);
      expect(await h.count(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'order.refund'`, [order.id])).toBe(1);

      expectProblem(await h.refund(superadmin, order.id, { reason: 'Lagi' }), 409, 'INVALID_STATE');
    });

    it('puts the units back in stock with restock', async () => {
      const a = await makeProduct(t.dataSource, facility, { stock: 10 });
      const order = await paidOrder([{ product: a, quantity: 4 }]);
      expect(await h.stockOf(a.id)).toBe(6);
      await h.refund(superadmin, order.id, { reason: 'Rusak', restock: true }).expect(200);
      expect(await h.stockOf(a.id)).toBe(10);
    });

    it('refunds part, part again, then the rest: statuses follow and every share sums to exactly zero', async () => {
      // Odd prices and costs so proportional splits round: the last refund must absorb the remainder.
      const a = await makeProduct(t.dataSource, facility, { price: 33_337, unitCost: 10_001, stock: 20 });
      const b = await makeProduct(t.dataSource, facility, { price: 19_999, unitCost: null, stock: 20 });
      const order = await paidOrder([
        { product: a, quantity: 7 },
        { product: b, quantity: 3 },
      ]);
      const [lineA, lineB] = await h.itemsOf(order.id);
      if (!lineA || !lineB) throw new Error('missing lines');

      const first = (await h.refund(superadmin, order.id, { reason: 'Cacat', restock: true, items: [{ orderItemId: lineA.id, quantity: 3 }] }).expect(200)).body as RefundedOrderView;
      expect(first).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 3 * 33_337 });
      expect(await h.stockOf(a.id)).toBe(16);
      const second = (await h.refund(facilityAdmin, order.id, {
        reason: 'Cacat',
        items: [
          { orderItemId: lineA.id, quantity: 2 },
          { orderItemId: lineB.id, quantity: 1 },
        ],
      }).expect(200)).body as RefundedOrderView;
      expect(second).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 2 * 33_337 + 19_999, totalRefunded: 5 * 33_337 + 19_999 });
      expect(await h.state(order.id)).toMatchObject({ status: 'PARTIALLY_REFUNDED', payment_status: 'PARTIALLY_REFUNDED' });
      expect((await h.itemsOf(order.id)).map((i) => i.refunded_quantity)).toEqual([5, 1]);

      // A partial refund reverses the SALE's own rule on the refunded part.
      const [refundRow] = await t.dataSource.query<{ gross: string; cost: string; premi: string; split_rule_id: string }[]>(
        `SELECT gross, cost, premi, split_rule_id FROM ledger_entry WHERE order_item_id = $1 AND kind = 'REFUND' ORDER BY created_at LIMIT 1`,
        [lineA.id],
      );
      const [sale] = await t.dataSource.query<{ split_rule_id: string }[]>(`SELECT split_rule_id FROM ledger_entry WHERE order_item_id = $1 AND kind = 'SALE'`, [lineA.id]);
      expect(refundRow).toMatchObject({ gross: String(-3 * 33_337), cost: String(-3 * 10_001), split_rule_id: sale?.split_rule_id });

      const state = await h.state(order.id);
      const rest = (await h.refund(superadmin, order.id, { reason: 'Semua dikembalikan' }).expect(200)).body as RefundedOrderView;
      expect(rest).toMatchObject({ status: 'REFUNDED', refundedAmount: 2 * 33_337 + 2 * 19_999 + state.shipping_total, totalRefunded: order.total });
      expect(await h.state(order.id)).toMatchObject({ status: 'REFUNDED', payment_status: 'REFUNDED', refunded_amount: order.total });
      const sums = await h.lineSums(order.id);
      expect(sums.find((s) => s.order_item_id === lineA.id)).toMatchObject({ ...ZERO, entries: 4 });
      expect(sums.find((s) => s.order_item_id === lineB.id)).toMatchObject({ ...ZERO, entries: 3 });
      const types = await t.dataSource.query<{ type: string }[]>(`SELECT type FROM outbox_event WHERE aggregate_id = $1 AND type LIKE 'order.%refunded' ORDER BY created_at`, [order.id]);
      expect(types.map((r) => r.type)).toEqual(['order.partially_refunded', 'order.partially_refunded', 'order.refunded']);
    });

    it('refuses more units than are left (400), an unpaid order (409), and another facility (404)', async () => {
      const a = await makeProduct(t.dataSource, facility, { stock: 10 });
      const order = await paidOrder([{ product: a, quantity: 2 }]);
      const [line] = await h.itemsOf(order.id);
      if (!line) throw new Error('missing line');
      await h.refund(superadmin, order.id, { reason: 'Cacat', items: [{ orderItemId: line.id, quantity: 1 }] }).expect(200);
      expectProblem(await h.refund(superadmin, order.id, { reason: 'Cacat', items: [{ orderItemId: line.id, quantity: 2 }] }), 400, 'VALIDATION_FAILED');
      expectProblem(await h.refund(superadmin, order.id, { reason: 'Cacat', items: [{ orderItemId: line.id, quantity: 1 }, { orderItemId: line.id, quantity: 1 }] }), 400, 'VALIDATION_FAILED');
      expectProblem(await h.refund(otherAdmin, order.id, { reason: 'Cacat' }), 404, 'NOT_FOUND');
      expectProblem(await h.refund(superadmin, order.id, { items: [{ orderItemId: line.id, quantity: 1 }] }), 400, 'VALIDATION_FAILED');
      expect((await h.itemsOf(order.id)).map((i) => i.refunded_quantity)).toEqual([1]);

      const unpaid = await placeOrder(t.http, [a]);
      expectProblem(await h.refund(superadmin, unpaid.id, { reason: 'Cacat' }), 409, 'INVALID_STATE');
    });

    it('serialises concurrent refunds of the same last unit: one succeeds, the others find nothing left', async () => {
      const a = await makeProduct(t.dataSource, facility, { stock: 10 });
      const order = await paidOrder([{ product: a, quantity: 1 }]);
      const [line] = await h.itemsOf(order.id);
      if (!line) throw new Error('missing line');
      const body = { reason: 'Cacat', restock: true, items: [{ orderItemId: line.id, quantity: 1 }] };
      const responses = await Promise.all(Array.from({ length: 4 }, () => h.refund(superadmin, order.id, body)));
      expect(responses.map((r) => r.status).sort()).toEqual([200, 400, 400, 400]);
      expect(await h.stockOf(a.id)).toBe(10);
      expect(await h.count(`SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1 AND kind = 'REFUND'`, [order.id])).toBe(1);
    });

    it("lets a facility admin refund only its own facility's lines of a shared order", async () => {
      const mine = await makeProduct(t.dataSource, facility, { stock: 10 });
      const theirs = await makeProduct(t.dataSource, other, { stock: 10 });
      const order = await paidOrder([
        { product: mine, quantity: 1 },
        { product: theirs, quantity: 1 },
      ]);
      const items = await h.itemsOf(order.id);
      const theirLine = items.find((i) => i.product_id === theirs.id);
      const myLine = items.find((i) => i.product_id === mine.id);
      expectProblem(await h.refund(facilityAdmin, order.id, { reason: 'Cacat', items: [{ orderItemId: theirLine?.id, quantity: 1 }] }), 403, 'FORBIDDEN');
      expectProblem(await h.refund(facilityAdmin, order.id, { reason: 'Cacat' }), 403, 'FORBIDDEN');
      await h.refund(facilityAdmin, order.id, { reason: 'Cacat', items: [{ orderItemId: myLine?.id, quantity: 1 }] }).expect(200);
      expect(await h.state(order.id)).toMatchObject({ status: 'PARTIALLY_REFUNDED' });
    });
  });

  describe('Stripe', () => {
    let t: TestApp;
    let fake: FakeStripe;
    let facility: Facility;
    let superadmin: SignedIn;
    const h = helpers(() => t);

    const intentOf = async (orderId: string): Promise<string> => {
      const [row] = await t.dataSource.query<{ provider_reference: string }[]>('SELECT provider_reference FROM payment WHERE order_id = $1', [orderId]);
      if (!row) throw new Error('no payment');
      return row.provider_reference;
    };
    const deliver = (type: string, object: object): request.Test => {
      const signed = fake.signedEvent(type, object, WEBHOOK_SECRET);
      return request(t.http).post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', signed.header).send(signed.payload);
    };
    const paidOrder = async (lines: { product: Product; quantity: number }[]): Promise<{ order: CreatedOrderView; intentId: string }> => {
      const order = await placeOrder(t.http, lines);
      const intentId = await intentOf(order.id);
      await deliver('payment_intent.succeeded', fake.succeed(intentId)).expect(200);
      return { order, intentId };
    };
    const charge = (intentId: string, refunded: number): object => ({ id: 'ch_1', object: 'charge', payment_intent: intentId, amount_refunded: refunded * 100, metadata: {} });

    beforeAll(async () => {
      fake = await FakeStripe.start();
      t = await startTestApp({ STRIPE_SECRET_KEY: 'sk_test_etalase123', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: fake.url });
      facility = await makeFacility(t.dataSource);
      superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    });
    afterAll(async () => {
      await t.close();
      await fake.close();
    });

    it('refunds at Stripe in IDR x 100 with one key per refund; the later charge.refunded changes nothing', async () => {
      const a = await makeProduct(t.dataSource, facility, { price: 33_337, unitCost: 10_001, stock: 10 });
      const { order, intentId } = await paidOrder([{ product: a, quantity: 3 }]);
      const [line] = await h.itemsOf(order.id);
      if (!line) throw new Error('missing line');

      await h.refund(superadmin, order.id, { reason: 'Cacat', items: [{ orderItemId: line.id, quantity: 1 }] }).expect(200);
      await deliver('charge.refunded', charge(intentId, 33_337)).expect(200);
      await h.refund(superadmin, order.id, { reason: 'Semua' }).expect(200);
      const refunds = fake.requestsTo('POST', '/v1/refunds').filter((r) => r.params.payment_intent === intentId);
      expect(refunds.map((r) => ({ amount: r.params.amount, key: r.idempotencyKey }))).toEqual([
        { amount: String(33_337 * 100), key: `refund-${order.id}-1` },
        { amount: String((order.total - 33_337) * 100), key: `refund-${order.id}-2` },
      ]);

      const ledgerBefore = await h.count('SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1', [order.id]);
      const outboxBefore = await h.count('SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1', [order.id]);
      await deliver('charge.refunded', charge(intentId, order.total)).expect(200);
      // Stale news arriving out of order changes nothing either.
      await deliver('charge.refunded', charge(intentId, 33_337)).expect(200);
      expect(await h.count('SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1', [order.id])).toBe(ledgerBefore);
      expect(await h.count('SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1', [order.id])).toBe(outboxBefore);
      expect(await h.state(order.id)).toMatchObject({ status: 'REFUNDED', payment_status: 'REFUNDED', refunded_amount: order.total });
      for (const sums of await h.lineSums(order.id)) expect(sums).toMatchObject({ ...ZERO, entries: 3 });
    });

    it('changes nothing when Stripe fails (502), and the retry goes through under the same key', async () => {
      const a = await makeProduct(t.dataSource, facility, { price: 50_000, stock: 10 });
      const { order, intentId } = await paidOrder([{ product: a, quantity: 2 }]);
      const stock = await h.stockOf(a.id);
      fake.failNext(5, 500);
      expectProblem(await h.refund(superadmin, order.id, { reason: 'Cacat', restock: true }), 502, 'PAYMENT_PROVIDER_ERROR');
      fake.failNext(0);
      expect(await h.state(order.id)).toMatchObject({ status: 'PAID', payment_status: 'SUCCEEDED', refunded_amount: 0 });
      expect(await h.count(`SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1 AND kind = 'REFUND'`, [order.id])).toBe(0);
      expect((await h.itemsOf(order.id)).map((i) => i.refunded_quantity)).toEqual([0]);
      expect(await h.stockOf(a.id)).toBe(stock);
      expect(await h.count(`SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1 AND type LIKE 'order.%refunded'`, [order.id])).toBe(0);

      await h.refund(superadmin, order.id, { reason: 'Cacat', restock: true }).expect(200);
      const keys = fake.requestsTo('POST', '/v1/refunds').filter((r) => r.params.payment_intent === intentId).map((r) => r.idempotencyKey);
      expect(new Set(keys)).toEqual(new Set([`refund-${order.id}-1`]));
      expect(await h.stockOf(a.id)).toBe(stock + 2);
    });
  });
});
