import request from 'supertest';
import type { Problem } from '../src/common/errors/problem';
import type { Facility } from '../src/facilities/facility.entity';
import type { Product } from '../src/catalog/product.entity';
import type { CreatedOrderView } from '../src/orders/order.views';
import { makeProduct } from './support/catalog-factories';
import { FakeStripe } from './support/fake-stripe';
import { makeFacility, signedInAs } from './support/factories';
import { TEST_ADDRESS } from './support/order-factories';
import { startTestApp, TestApp } from './support/test-app';

type Body = Record<string, unknown>;

const ORDERS = '/api/v1/orders';
const WEBHOOK = '/api/v1/payments/stripe/webhook';
const WEBHOOK_SECRET = 'whsec_test_webhook_secret_0123456789';


function orderBody(items: Body[]): Body {
  return {
    items,
    customer: { name: 'Siti Rahmawati', email: 'siti@example.com', phone: '+62 812 3456 7890' },
    delivery: { method: 'SHIPPING', address: TEST_ADDRESS },
  };
}

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  return response.body as Problem;
}

interface LedgerRow {
  kind: string;
  order_item_id: string;
  facility_id: string;
  quantity: number;
  gross: string;
  cost: string;
  profit: string;
  premi: string;
  pnbp: string;
  capital: string;
  split_rule_id: string;
}

describe('payment confirmation', () => {
  describe('Stripe webhook', () => {
    let t: TestApp;
    let fake: FakeStripe;
    let facility: Facility;
    let ownRuleFacility: Facility;
    let ownRuleId: string;

    const checkout = async (items: Body[]): Promise<CreatedOrderView> => (await request(t.http).post(ORDERS).send(orderBody(items)).expect(201)).body as CreatedOrderView;
    const intentOf = async (orderId: string): Promise<string> => {
      const [row] = await t.dataSource.query<{ provider_reference: string }[]>('SELECT provider_reference FROM payment WHERE order_id = $1', [orderId]);
      if (!row) throw new Error('no payment');
      return row.provider_reference;
    };
    const deliver = (type: string, object: object, options: { id?: string } = {}): { send: () => request.Test; eventId: string } => {
      const signed = fake.signedEvent(type, object, WEBHOOK_SECRET, options);
      return {
        eventId: String(signed.event.id),
        send: () => request(t.http).post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', signed.header).send(signed.payload),
      };
    };
    const paySucceeded = (intentId: string, options: { id?: string } = {}): { send: () => request.Test; eventId: string } => deliver('payment_intent.succeeded', fake.succeed(intentId), options);
    const orderState = async (orderId: string): Promise<{ status: string; paid_at: Date | null; payment_status: string; failure_reason: string | null; refunded_amount: number }> => {
      const [row] = await t.dataSource.query<{ status: string; paid_at: Date | null; payment_status: string; failure_reason: string | null; refunded_amount: number }[]>(
        `SELECT o.status, o.paid_at, p.status AS payment_status, p.failure_reason, p.refunded_amount
           FROM shop_order o JOIN payment p ON p.order_id = o.id WHERE o.id = $1`,
        [orderId],
      );
      if (!row) throw new Error('no order');
      return row;
    };
    const ledgerOf = (orderId: string): Promise<LedgerRow[]> => t.dataSource.query<LedgerRow[]>('SELECT * FROM ledger_entry WHERE order_id = $1 ORDER BY kind DESC, order_item_id', [orderId]);
    const count = async (sql: string, params: unknown[]): Promise<number> => {
      const [row] = await t.dataSource.query<{ n: number }[]>(sql, params);
      return row?.n ?? -1;
    };
    const stockOf = async (id: string): Promise<number> => count('SELECT stock AS n FROM product WHERE id = $1', [id]);
    const cancel = (order: CreatedOrderView): request.Test => request(t.http).post(`${ORDERS}/${order.number}/cancel`).set('X-Order-Token', order.accessToken).send({});

    beforeAll(async () => {
      fake = await FakeStripe.start();
      t = await startTestApp({ DB_POOL_SIZE: '20', STRIPE_SECRET_KEY: 'sk_test_etalase123', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: fake.url });
      facility = await makeFacility(t.dataSource);
      ownRuleFacility = await makeFacility(t.dataSource);
      const [rule] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO revenue_split_rule (facility_id, effective_from, premi_percent, pnbp_percent, capital_percent, note)
         VALUES ($1, '2020-01-01', 30, 10, 60, 'test') RETURNING id`,
        [ownRuleFacility.id],
      );
      ownRuleId = rule?.id ?? '';
    });
    afterAll(async () => {
      await t.close();
      await fake.close();
    });

    it('starts a Stripe payment at checkout: client secret, amount x 100 in idr, idempotency key', async () => {
      const p = await makeProduct(t.dataSource, facility, { price: 150_000 });
      const order = await checkout([{ productId: p.id, quantity: 1 }]);
      expect(order.payment?.provider).toBe('stripe');
      expect(order.payment?.clientSecret).toMatch(/^pi_\w+_secret_\w+$/);
      const [created] = fake.requestsTo('POST', '/v1/payment_intents').filter((r) => r.params['metadata[orderId]'] === order.id);
      expect(created?.params).toMatchObject({ amount: String(order.total * 100), currency: 'idr' });
      expect(created?.idempotencyKey).toBe(`pi-${order.id}`);
    });

    it('marks the order paid on payment_intent.succeeded: fulfilments, split ledger, outbox, sales count', async () => {
      const a = await makeProduct(t.dataSource, facility, { price: 150_000, unitCost: 70_001, stock: 5 });
      const b = await makeProduct(t.dataSource, ownRuleFacility, { price: 33_333, unitCost: null, stock: 5 });
      const order = await checkout([
        { productId: a.id, quantity: 2 },
        { productId: b.id, quantity: 3 },
      ]);
      await paySucceeded(await intentOf(order.id)).send().expect(200, { received: true });

      const state = await orderState(order.id);
      expect(state).toMatchObject({ status: 'PAID', payment_status: 'SUCCEEDED' });
      expect(state.paid_at).not.toBeNull();
      const fulfilments = await t.dataSource.query<{ status: string }[]>('SELECT status FROM fulfilment WHERE order_id = $1', [order.id]);
      expect(fulfilments.map((f) => f.status)).toEqual(['PROCESSING', 'PROCESSING']);

      const [national] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM revenue_split_rule WHERE facility_id IS NULL ORDER BY effective_from DESC LIMIT 1');
      const ledger = await ledgerOf(order.id);
      expect(ledger).toHaveLength(2);
      for (const row of ledger) {
        expect(row.kind).toBe('SALE');
        expect(Number(row.premi) + Number(row.pnbp) + Number(row.capital)).toBe(Number(row.profit));
        expect(Number(row.gross) - Number(row.cost)).toBe(Number(row.profit));
      }
      const lineA = ledger.find((r) => r.facility_id === facility.id);
      const lineB = ledger.find((r) => r.facility_id === ownRuleFacility.id);
      // 300,000 - 140,002 = 159,998 under the national 50/15/35.
      expect(lineA).toMatchObject({ quantity: 2, gross: '300000', cost: '140002', profit: '159998', premi: '79999', split_rule_id: national?.id });
      // No unit cost: all of 99,999 is profit, under the facility's own 30/10/60.
      expect(lineB).toMatchObject({ quantity: 3, gross: '99999', cost: '0', profit: '99999', premi: '30000', pnbp: '10000', capital: '59999', split_rule_id: ownRuleId });

      const outbox = await t.dataSource.query<{ type: string }[]>('SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY created_at', [order.id]);
      expect(outbox.map((o) => o.type)).toEqual(['order.created', 'order.paid']);
      expect(await count('SELECT sales_count AS n FROM product WHERE id = $1', [a.id])).toBe(2);
      expect(await count('SELECT sales_count AS n FROM product WHERE id = $1', [b.id])).toBe(3);
      const events = await t.dataSource.query<{ to_status: string; actor_type: string; fulfilment_id: string | null; payment_id: string | null }[]>(
        `SELECT to_status, actor_type, fulfilment_id, payment_id FROM order_event WHERE order_id = $1 AND to_status <> 'PENDING_PAYMENT'`,
        [order.id],
      );
      expect(events.filter((e) => e.fulfilment_id === null && e.payment_id === null)).toEqual([{ to_status: 'PAID', actor_type: 'PAYMENT_PROVIDER', fulfilment_id: null, payment_id: null }]);
      expect(events.filter((e) => e.fulfilment_id !== null).map((e) => e.to_status)).toEqual(['PROCESSING', 'PROCESSING']);
      // The payment's own change is a history row of its own (issue 13).
      expect(events.filter((e) => e.payment_id !== null).map((e) => e.to_status)).toEqual(['SUCCEEDED']);
    });

    it('applies five concurrent deliveries of the same event exactly once', async () => {
      const p = await makeProduct(t.dataSource, facility, { stock: 5 });
      const order = await checkout([{ productId: p.id, quantity: 2 }]);
      const delivery = paySucceeded(await intentOf(order.id));
      const responses = await Promise.all(Array.from({ length: 5 }, () => delivery.send()));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(await count(`SELECT count(*)::int AS n FROM order_event WHERE order_id = $1 AND to_status = 'PAID'`, [order.id])).toBe(1);
      expect(await count('SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1', [order.id])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1 AND type = 'order.paid'`, [order.id])).toBe(1);
      expect(await count('SELECT count(*)::int AS n FROM payment_event WHERE id = $1', [delivery.eventId])).toBe(1);
      expect(await count('SELECT sales_count AS n FROM product WHERE id = $1', [p.id])).toBe(2);

      // A different event for the same payment (Stripe may send one twice under two ids) changes nothing either.
      await paySucceeded(await intentOf(order.id)).send().expect(200);
      expect(await count('SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1', [order.id])).toBe(1);
    });

    it('refuses a tampered body and a missing signature with 400 and changes nothing', async () => {
      const p = await makeProduct(t.dataSource, facility);
      const order = await checkout([{ productId: p.id, quantity: 1 }]);
      const signed = fake.signedEvent('payment_intent.succeeded', fake.succeed(await intentOf(order.id)), WEBHOOK_SECRET);
      const tampered = signed.payload.replace('"livemode":false', '"livemode":true');
      expect(tampered).not.toBe(signed.payload);
      expectProblem(await request(t.http).post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', signed.header).send(tampered), 400, 'VALIDATION_FAILED');
      expectProblem(await request(t.http).post(WEBHOOK).set('Content-Type', 'application/json').send(signed.payload), 400, 'VALIDATION_FAILED');
      const wrongSecret = fake.signedEvent('payment_intent.succeeded', fake.succeed(await intentOf(order.id)), 'whsec_someone_else');
      expectProblem(await request(t.http).post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', wrongSecret.header).send(wrongSecret.payload), 400, 'VALIDATION_FAILED');
      expect((await orderState(order.id)).status).toBe('PENDING_PAYMENT');
      expect(await count('SELECT count(*)::int AS n FROM payment_event WHERE id = $1', [String(signed.event.id)])).toBe(0);
    });

    it('refuses an empty or malformed v1 signature with 400, not 500', async () => {
      const signed = fake.signedEvent('customer.created', { id: 'cus_empty_v1', object: 'customer' }, WEBHOOK_SECRET);
      const t0 = /t=(\d+)/.exec(signed.header)?.[1] ?? '0';
      for (const header of [`t=${t0},v1=`, `${signed.header},v1=`, `t=${t0},v1=zz`, `t=,v1=${'0'.repeat(64)}`]) {
        const refused = expectProblem(await request(t.http).post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', header).send(signed.payload), 400, 'VALIDATION_FAILED');
        expect(refused.errors?.[0]?.field).toBe('Stripe-Signature');
      }
      expect(await count('SELECT count(*)::int AS n FROM payment_event WHERE id = $1', [String(signed.event.id)])).toBe(0);
    });

    it('answers 200 to an event type it does not act on, and records it', async () => {
      const { send, eventId } = deliver('customer.created', { id: 'cus_123', object: 'customer' });
      await send().expect(200, { received: true });
      expect(await count('SELECT count(*)::int AS n FROM payment_event WHERE id = $1', [eventId])).toBe(1);
    });

    it('keeps the order awaiting payment when an attempt fails, and a later success still counts', async () => {
      const p = await makeProduct(t.dataSource, facility);
      const order = await checkout([{ productId: p.id, quantity: 1 }]);
      const intentId = await intentOf(order.id);
      const intent = { ...fake.paymentIntent(intentId), status: 'requires_payment_method', last_payment_error: { message: 'Your card was declined.' } };
      await deliver('payment_intent.payment_failed', intent).send().expect(200);
      expect(await orderState(order.id)).toMatchObject({ status: 'PENDING_PAYMENT', payment_status: 'FAILED', failure_reason: 'Your card was declined.' });

      await paySucceeded(intentId).send().expect(200);
      expect(await orderState(order.id)).toMatchObject({ status: 'PAID', payment_status: 'SUCCEEDED', failure_reason: null });
    });

    it('reinstates a cancelled order paid late when its stock is still there', async () => {
      const p = await makeProduct(t.dataSource, facility, { stock: 5 });
      const order = await checkout([{ productId: p.id, quantity: 2 }]);
      const intentId = await intentOf(order.id);
      await cancel(order).expect(200);
      expect(await stockOf(p.id)).toBe(5);

      await paySucceeded(intentId).send().expect(200);
      expect(await orderState(order.id)).toMatchObject({ status: 'PAID', payment_status: 'SUCCEEDED' });
      expect(await stockOf(p.id)).toBe(3);
      const [event] = await t.dataSource.query<{ from_status: string; reason: string }[]>(
        `SELECT from_status, reason FROM order_event WHERE order_id = $1 AND to_status = 'PAID' AND fulfilment_id IS NULL`,
        [order.id],
      );
      expect(event?.from_status).toBe('CANCELLED');
      expect(event?.reason).toContain('after the order was cancelled');
      expect(await count(`SELECT count(*)::int AS n FROM fulfilment WHERE order_id = $1 AND status = 'PROCESSING'`, [order.id])).toBe(1);
      expect(await count('SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1', [order.id])).toBe(1);
      expect(fake.requestsTo('POST', '/v1/refunds').filter((r) => r.params.payment_intent === intentId)).toEqual([]);
    });

    it('refunds a late payment in full when the stock is gone, takes no stock, and the order stays cancelled', async () => {
      const scarce = await makeProduct(t.dataSource, facility, { stock: 1 });
      const plenty = await makeProduct(t.dataSource, facility, { stock: 5 });
      const order = await checkout([
        { productId: scarce.id, quantity: 1 },
        { productId: plenty.id, quantity: 1 },
      ]);
      const intentId = await intentOf(order.id);
      await cancel(order).expect(200);
      await checkout([{ productId: scarce.id, quantity: 1 }]);
      expect(await stockOf(scarce.id)).toBe(0);

      const delivery = paySucceeded(intentId);
      await delivery.send().expect(200);
      await delivery.send().expect(200);
      const refunds = fake.requestsTo('POST', '/v1/refunds').filter((r) => r.params.payment_intent === intentId);
      expect(refunds).toHaveLength(1);
      expect(refunds[0]?.params.amount).toBe(String(order.total * 100));
      expect(refunds[0]?.idempotencyKey).toBe(`refund-late-${order.id}`);
      const state = await orderState(order.id);
      expect(state).toMatchObject({ status: 'CANCELLED', payment_status: 'REFUNDED', refunded_amount: order.total });
      expect(state.failure_reason).toContain('refunded automatically');
      expect([await stockOf(scarce.id), await stockOf(plenty.id)]).toEqual([0, 5]);
      expect(await count('SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1', [order.id])).toBe(0);
      // The refund is the payment's change (CANCELED -> REFUNDED); the order's status did not move, so it has no row (issue 13 bug 5).
      const events = await t.dataSource.query<{ from_status: string; to_status: string; payment_id: string | null; reason: string }[]>(
        `SELECT from_status, to_status, payment_id, reason FROM order_event WHERE order_id = $1 AND actor_type = 'PAYMENT_PROVIDER'`,
        [order.id],
      );
      expect(events).toEqual([{ from_status: 'CANCELED', to_status: 'REFUNDED', payment_id: expect.any(String) as unknown, reason: expect.stringContaining('refunded automatically') as unknown }]);

      // Stripe then reports its own refund: money only, the order stays cancelled.
      await deliver('charge.refunded', { id: 'ch_late', object: 'charge', payment_intent: intentId, amount_refunded: order.total * 100, metadata: {} }).send().expect(200);
      expect(await orderState(order.id)).toMatchObject({ status: 'CANCELLED', payment_status: 'REFUNDED' });
    });

    it('refunds a late payment when its products may no longer go to the address: the local delivery zone shrank meanwhile (issue 13)', async () => {
      const local = await makeFacility(t.dataSource, { localDelivery: true });
      const catfish = await makeProduct(t.dataSource, local, { kind: 'FOOD', stock: 5 });
      const order = await checkout([{ productId: catfish.id, quantity: 1 }]);
      const intentId = await intentOf(order.id);
      await cancel(order).expect(200);
      await t.dataSource.query(`INSERT INTO facility_delivery_zone (facility_id, route, province_codes) VALUES ($1, 'LOCAL_DELIVERY', '{62}')`, [local.id]);

      await paySucceeded(intentId).send().expect(200);
      expect(await orderState(order.id)).toMatchObject({ status: 'CANCELLED', payment_status: 'REFUNDED', refunded_amount: order.total });
      expect(fake.requestsTo('POST', '/v1/refunds').filter((r) => r.params.payment_intent === intentId)).toHaveLength(1);
      expect(await stockOf(catfish.id)).toBe(5);
      expect(await count(`SELECT count(*)::int AS n FROM stock_movement WHERE order_id = $1`, [order.id])).toBe(2);
    });

    it('refunds a late payment once however many event ids report it, writes no CANCELLED -> CANCELLED, and never revives it afterwards', async () => {
      // Issue 13, bug 5: Stripe may report one payment under several event ids.
      const scarce = await makeProduct(t.dataSource, facility, { stock: 1 });
      const order = await checkout([{ productId: scarce.id, quantity: 1 }]);
      const intentId = await intentOf(order.id);
      await cancel(order).expect(200);
      const rival = await checkout([{ productId: scarce.id, quantity: 1 }]);

      const reports = [paySucceeded(intentId), paySucceeded(intentId), paySucceeded(intentId)];
      expect(new Set(reports.map((r) => r.eventId)).size).toBe(3);
      const answers = await Promise.all(reports.map((r) => r.send()));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      await paySucceeded(intentId).send().expect(200);

      expect(fake.requestsTo('POST', '/v1/refunds').filter((r) => r.params.payment_intent === intentId)).toHaveLength(1);
      expect(await count(`SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1 AND type = 'order.late_payment_refunded'`, [order.id])).toBe(1);
      expect(await count('SELECT count(*)::int AS n FROM order_event WHERE order_id = $1 AND from_status = to_status', [order.id])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM order_event WHERE order_id = $1 AND payment_id IS NOT NULL AND to_status = 'REFUNDED'`, [order.id])).toBe(1);
      expect(await orderState(order.id)).toMatchObject({ status: 'CANCELLED', payment_status: 'REFUNDED', refunded_amount: order.total });

      // The stock comes back; the same payment reported once more must not reinstate an order whose money went back.
      await cancel(rival).expect(200);
      expect(await stockOf(scarce.id)).toBe(1);
      await paySucceeded(intentId).send().expect(200);
      expect(await orderState(order.id)).toMatchObject({ status: 'CANCELLED', payment_status: 'REFUNDED' });
      expect(await stockOf(scarce.id)).toBe(1);
      expect(await count('SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1', [order.id])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1 AND type = 'order.paid'`, [order.id])).toBe(0);
    });

    it('spreads a partial refund made in the Stripe dashboard over the lines pro rata, with a ledger entry per line', async () => {
      const a = await makeProduct(t.dataSource, facility, { price: 45_000, unitCost: 20_000, stock: 5 });
      const b = await makeProduct(t.dataSource, ownRuleFacility, { price: 30_000, unitCost: null, stock: 5 });
      const order = await checkout([
        { productId: a.id, quantity: 2 },
        { productId: b.id, quantity: 1 },
      ]);
      const intentId = await intentOf(order.id);
      await paySucceeded(intentId).send().expect(200);

      // Rp40,000 over lines worth 90,000 and 30,000: 30,000 and 10,000; no units come back.
      await deliver('charge.refunded', { id: 'ch_dash', object: 'charge', payment_intent: intentId, amount_refunded: 40_000 * 100, metadata: {} }).send().expect(200);
      const refunds = await t.dataSource.query<(LedgerRow & { product_id: string })[]>(`SELECT * FROM ledger_entry WHERE order_id = $1 AND kind = 'REFUND' ORDER BY gross`, [order.id]);
      expect(refunds.map((r) => [r.product_id, Number(r.gross), r.quantity])).toEqual([
        [a.id, -30_000, 0],
        [b.id, -10_000, 0],
      ]);
      for (const r of refunds) {
        expect(Number(r.premi) + Number(r.pnbp) + Number(r.capital)).toBe(Number(r.profit));
        expect(Number(r.gross) - Number(r.cost)).toBe(Number(r.profit));
      }
      // Line a: 30,000 of 90,000 gross with 40,000 cost: a third of each; its premi a third of 25,000.
      expect(refunds[0]).toMatchObject({ cost: '-13333', profit: '-16667', premi: '-8334' });
      expect(await count('SELECT coalesce(sum(refunded_quantity), 0)::int AS n FROM order_item WHERE order_id = $1', [order.id])).toBe(0);

      // Then the rest: every line ends at exactly zero, its units back.
      await deliver('charge.refunded', { id: 'ch_dash', object: 'charge', payment_intent: intentId, amount_refunded: order.total * 100, metadata: {} }).send().expect(200);
      const sums = await t.dataSource.query<{ gross: string; cost: string; premi: string; pnbp: string; capital: string; quantity: string }[]>(
        `SELECT sum(gross) AS gross, sum(cost) AS cost, sum(premi) AS premi, sum(pnbp) AS pnbp, sum(capital) AS capital, sum(quantity) AS quantity FROM ledger_entry WHERE order_id = $1 GROUP BY order_item_id`,
        [order.id],
      );
      expect(sums).toEqual([
        { gross: '0', cost: '0', premi: '0', pnbp: '0', capital: '0', quantity: '0' },
        { gross: '0', cost: '0', premi: '0', pnbp: '0', capital: '0', quantity: '0' },
      ]);
      expect(await count('SELECT sum(refunded_quantity)::int AS n FROM order_item WHERE order_id = $1', [order.id])).toBe(3);
    });

    it('does not count a payment whose collected amount differs from the order total: refunds it, order unpaid', async () => {
      const p = await makeProduct(t.dataSource, facility, { price: 30_000, stock: 5 });
      const order = await checkout([{ productId: p.id, quantity: 1 }]);
      const intentId = await intentOf(order.id);
      // The intent was changed at Stripe after checkout (dashboard, another integration): one rupiah short.
      const tampered = { ...fake.succeed(intentId), amount_received: (order.total - 1) * 100 };
      await deliver('payment_intent.succeeded', tampered).send().expect(200);

      const state = await orderState(order.id);
      expect(state).toMatchObject({ status: 'PENDING_PAYMENT', payment_status: 'REFUNDED', refunded_amount: order.total - 1 });
      expect(state.failure_reason).toContain(`received Rp${order.total - 1}, expected Rp${order.total}`);
      const refunds = fake.requestsTo('POST', '/v1/refunds').filter((r) => r.params.payment_intent === intentId);
      expect(refunds.map((r) => [r.params.amount, r.idempotencyKey])).toEqual([[String((order.total - 1) * 100), `refund-mismatch-${order.id}`]]);
      expect(await count('SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1', [order.id])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM outbox_event WHERE aggregate_id = $1 AND type = 'order.payment_refunded'`, [order.id])).toBe(1);

      // Stripe's own report of that refund changes nothing.
      await deliver('charge.refunded', { id: 'ch_mismatch', object: 'charge', payment_intent: intentId, amount_refunded: (order.total - 1) * 100, metadata: {} }).send().expect(200);
      expect(await orderState(order.id)).toMatchObject({ status: 'PENDING_PAYMENT', payment_status: 'REFUNDED' });
    });

    it('takes a dashboard refund of a fraction of a rupiah without failing the webhook', async () => {
      const p = await makeProduct(t.dataSource, facility, { price: 30_000, stock: 5 });
      const order = await checkout([{ productId: p.id, quantity: 1 }]);
      const intentId = await intentOf(order.id);
      await paySucceeded(intentId).send().expect(200);
      await deliver('charge.refunded', { id: 'ch_frac', object: 'charge', payment_intent: intentId, amount_refunded: 1_000_050, metadata: {} }).send().expect(200);
      expect(await orderState(order.id)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refunded_amount: 10_000 });
    });

    it('records nothing when applying the event fails, so the redelivery applies it', async () => {
      const scarce = await makeProduct(t.dataSource, facility, { stock: 1 });
      const order = await checkout([{ productId: scarce.id, quantity: 1 }]);
      const intentId = await intentOf(order.id);
      await cancel(order).expect(200);
      await checkout([{ productId: scarce.id, quantity: 1 }]);

      const delivery = paySucceeded(intentId);
      fake.failNext(2);
      const failed = await delivery.send();
      expect(failed.status).toBeGreaterThanOrEqual(500);
      expect(await count('SELECT count(*)::int AS n FROM payment_event WHERE id = $1', [delivery.eventId])).toBe(0);
      expect(await orderState(order.id)).toMatchObject({ status: 'CANCELLED', payment_status: 'CANCELED' });

      await delivery.send().expect(200);
      expect(await orderState(order.id)).toMatchObject({ status: 'CANCELLED', payment_status: 'REFUNDED' });
      expect(await count('SELECT count(*)::int AS n FROM payment_event WHERE id = $1', [delivery.eventId])).toBe(1);
    });

    it('records a full refund: order REFUNDED, reversing ledger entries that bring every line to zero', async () => {
      const a = await makeProduct(t.dataSource, facility, { price: 45_000, unitCost: 12_345 });
      const b = await makeProduct(t.dataSource, ownRuleFacility, { price: 20_000 });
      const order = await checkout([
        { productId: a.id, quantity: 3 },
        { productId: b.id, quantity: 1 },
      ]);
      const intentId = await intentOf(order.id);
      await paySucceeded(intentId).send().expect(200);

      const charge = (amountRefunded: number): object => ({ id: 'ch_1', object: 'charge', payment_intent: intentId, amount_refunded: amountRefunded * 100, metadata: {} });
      await deliver('charge.refunded', charge(10_000)).send().expect(200);
      expect(await orderState(order.id)).toMatchObject({ status: 'PARTIALLY_REFUNDED', payment_status: 'PARTIALLY_REFUNDED', refunded_amount: 10_000 });
      // A dashboard refund says nothing of lines: it is spread over them (issue 13), one entry per line.
      expect(await count(`SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1 AND kind = 'REFUND'`, [order.id])).toBe(2);

      await deliver('charge.refunded', charge(order.total)).send().expect(200);
      expect(await orderState(order.id)).toMatchObject({ status: 'REFUNDED', payment_status: 'REFUNDED', refunded_amount: order.total });
      const totals = await t.dataSource.query<{ order_item_id: string; entries: number; gross: string; cost: string; profit: string; premi: string; pnbp: string; capital: string; quantity: string }[]>(
        `SELECT order_item_id, count(*)::int AS entries, sum(gross) AS gross, sum(cost) AS cost, sum(profit) AS profit, sum(premi) AS premi, sum(pnbp) AS pnbp,
                sum(capital) AS capital, sum(quantity) AS quantity
           FROM ledger_entry WHERE order_id = $1 GROUP BY order_item_id`,
        [order.id],
      );
      expect(totals).toHaveLength(2);
      for (const line of totals) {
        expect(line).toEqual({ order_item_id: line.order_item_id, entries: 3, gross: '0', cost: '0', profit: '0', premi: '0', pnbp: '0', capital: '0', quantity: '0' });
      }
      const outbox = await t.dataSource.query<{ type: string }[]>('SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY created_at', [order.id]);
      expect(outbox.map((o) => o.type)).toEqual(['order.created', 'order.paid', 'order.partially_refunded', 'order.refunded']);

      // The same total again is a replay.
      await deliver('charge.refunded', charge(order.total)).send().expect(200);
      expect(await count(`SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1 AND kind = 'REFUND'`, [order.id])).toBe(4);
    });

    it('refuses confirm-payment on a Stripe order (409)', async () => {
      const p = await makeProduct(t.dataSource, facility);
      const order = await checkout([{ productId: p.id, quantity: 1 }]);
      const admin = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: facility.kanwilId });
      expectProblem(await request(t.http).post(`/api/v1/admin/orders/${order.id}/confirm-payment`).set('Authorization', admin.bearer), 409, 'CONFLICT');
      expect((await orderState(order.id)).status).toBe('PENDING_PAYMENT');
    });
  });

  describe('manual bank transfer (no Stripe)', () => {
    let t: TestApp;
    let facility: Facility;
    let other: Facility;
    let product: Product;

    const checkout = async (): Promise<CreatedOrderView> => (await request(t.http).post(ORDERS).send(orderBody([{ productId: product.id, quantity: 1 }])).expect(201)).body as CreatedOrderView;
    const confirm = (orderId: string, bearer: string): request.Test => request(t.http).post(`/api/v1/admin/orders/${orderId}/confirm-payment`).set('Authorization', bearer);

    beforeAll(async () => {
      t = await startTestApp({ DB_POOL_SIZE: '10' });
      facility = await makeFacility(t.dataSource);
      other = await makeFacility(t.dataSource);
      product = await makeProduct(t.dataSource, facility, { stock: 50 });
    });
    afterAll(() => t.close());

    it('answers 404 at the Stripe webhook when Stripe is not configured', async () => {
      expectProblem(await request(t.http).post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', 't=1,v1=abc').send('{}'), 404, 'NOT_FOUND');
    });

    it("lets the Kanwil's regional admin confirm the transfer: PAID, ledger, audit; a second confirmation is 409", async () => {
      const order = await checkout();
      const admin = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: facility.kanwilId });
      const response = await confirm(order.id, admin.bearer).expect(200);
      expect(response.body).toMatchObject({ id: order.id, number: order.number, status: 'PAID', payment: { provider: 'manual', status: 'SUCCEEDED' } });

      const [event] = await t.dataSource.query<{ actor_type: string; actor_id: string }[]>(
        `SELECT actor_type, actor_id FROM order_event WHERE order_id = $1 AND to_status = 'PAID'`,
        [order.id],
      );
      expect(event).toEqual({ actor_type: 'ADMIN', actor_id: admin.user.id });
      const [ledger] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1', [order.id]);
      expect(ledger?.n).toBe(1);
      const audit = await t.dataSource.query<{ action: string; actor_id: string; facility_id: string }[]>(
        'SELECT action, actor_id, facility_id FROM audit_event WHERE entity_id = $1',
        [order.id],
      );
      expect(audit).toEqual([{ action: 'order.confirmPayment', actor_id: admin.user.id, facility_id: facility.id }]);

      expectProblem(await confirm(order.id, admin.bearer), 409, 'INVALID_STATE');
      const [events] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM order_event WHERE order_id = $1 AND to_status = 'PAID'`, [order.id]);
      expect(events?.n).toBe(1);
    });

    it('refuses facility admins (403), hides the order from another Kanwil (404) and lets the Kanwil admin and superadmin in', async () => {
      const order = await checkout();
      // Issue 13, bug 3: confirming a payment belongs to a role that sees the whole order, never to a facility selling part of it.
      const own = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility });
      expectProblem(await confirm(order.id, own.bearer), 403, 'FORBIDDEN');
      const stranger = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility: other });
      expectProblem(await confirm(order.id, stranger.bearer), 403, 'FORBIDDEN');
      const [state] = await t.dataSource.query<{ status: string }[]>('SELECT status FROM shop_order WHERE id = $1', [order.id]);
      expect(state?.status).toBe('PENDING_PAYMENT');

      const [elsewhere] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM kanwil WHERE id <> $1 LIMIT 1`, [facility.kanwilId]);
      const otherRegion = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: elsewhere?.id ?? '' });
      expectProblem(await confirm(order.id, otherRegion.bearer), 404, 'NOT_FOUND');
      const regional = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: facility.kanwilId });
      await confirm(order.id, regional.bearer).expect(200);

      const second = await checkout();
      const superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
      await confirm(second.id, superadmin.bearer).expect(200);
    });

    it('refuses a facility admin its share of a multi-facility order, and a regional admin an order reaching past its Kanwil; audits every facility', async () => {
      const bali = await makeFacility(t.dataSource, { provinceCode: '51' });
      const ukiran = await makeProduct(t.dataSource, bali, { stock: 5 });
      const order = (await request(t.http).post(ORDERS).send(orderBody([{ productId: product.id, quantity: 1 }, { productId: ukiran.id, quantity: 1 }])).expect(201)).body as CreatedOrderView;

      const sharer = await signedInAs(t.http, t.dataSource, 'FACILITY_ADMIN', { facility });
      expectProblem(await confirm(order.id, sharer.bearer), 403, 'FORBIDDEN');
      const regional = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: facility.kanwilId });
      const partial = expectProblem(await confirm(order.id, regional.bearer), 403, 'FORBIDDEN');
      expect(partial.detail).toContain(bali.name);
      expect(partial.detail).toContain('national');
      const [state] = await t.dataSource.query<{ status: string }[]>('SELECT status FROM shop_order WHERE id = $1', [order.id]);
      expect(state?.status).toBe('PENDING_PAYMENT');

      const superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
      await confirm(order.id, superadmin.bearer).expect(200);
      // One row per facility the confirmation touched, so each facility's and Kanwil's audit log shows it.
      const audit = await t.dataSource.query<{ facility_id: string; kanwil_id: string; changes: { facilityIds: { to: string[] } } }[]>(
        `SELECT facility_id, kanwil_id, changes FROM audit_event WHERE entity_id = $1 AND action = 'order.confirmPayment' ORDER BY facility_id`,
        [order.id],
      );
      expect(audit.map((row) => [row.facility_id, row.kanwil_id])).toEqual(
        [
          [facility.id, facility.kanwilId],
          [bali.id, bali.kanwilId],
        ].sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1)),
      );
      for (const row of audit) expect([...row.changes.facilityIds.to].sort()).toEqual([facility.id, bali.id].sort());
    });

    it('refuses an admin who placed the order itself (403), however the e-mail is spelled', async () => {
      const regional = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: facility.kanwilId });
      const [local, domain] = regional.email.split('@') as [string, string];
      const body = { ...orderBody([{ productId: product.id, quantity: 1 }]), customer: { name: 'Admin Sendiri', email: `${local.toUpperCase()}+belanja@${domain}`, phone: '+62 812 0000 1111' } };
      const own = (await request(t.http).post(ORDERS).send(body).expect(201)).body as CreatedOrderView;

      const refused = expectProblem(await confirm(own.id, regional.bearer), 403, 'FORBIDDEN');
      expect(refused.detail).toContain('another admin');
      expect(await t.dataSource.query('SELECT status FROM shop_order WHERE id = $1', [own.id])).toEqual([{ status: 'PENDING_PAYMENT' }]);
      const colleague = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: facility.kanwilId });
      await confirm(own.id, colleague.bearer).expect(200);
    });

    it('refuses to confirm a cancelled order (409) and an unknown one (404)', async () => {
      const order = await checkout();
      await request(t.http).post(`${ORDERS}/${order.number}/cancel`).set('X-Order-Token', order.accessToken).send({}).expect(200);
      const admin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
      expectProblem(await confirm(order.id, admin.bearer), 409, 'INVALID_STATE');
      expectProblem(await confirm('00000000-0000-4000-8000-000000000000', admin.bearer), 404, 'NOT_FOUND');
    });
  });
});
