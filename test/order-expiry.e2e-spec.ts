import request from 'supertest';
import { EXPIRY_REASON, OrderExpiryService } from '../src/orders/order-expiry.service';
import type { Facility } from '../src/facilities/facility.entity';
import { makeProduct } from './support/catalog-factories';
import { makeFacility } from './support/factories';
import { makeUnpaidOrders, TEST_ADDRESS } from './support/order-factories';
import { eventually, startTestApp, TestApp } from './support/test-app';

interface PlacedOrder {
  id: string;
  number: string;
  status: string;
}


async function placeOrder(t: TestApp, productId: string, quantity: number): Promise<PlacedOrder> {
  const response = await request(t.http)
    .post('/api/v1/orders')
    .send({
      items: [{ productId, quantity }],
      customer: { name: 'Siti Rahmawati', email: 'siti@example.com', phone: '+62 812 3456 7890' },
      delivery: { method: 'SHIPPING', address: TEST_ADDRESS },
    })
    .expect(201);
  return response.body as PlacedOrder;
}

async function expireNow(t: TestApp, orderId: string): Promise<void> {
  await t.dataSource.query(`UPDATE shop_order SET expires_at = now() - interval '1 second' WHERE id = $1`, [orderId]);
}

async function stockOf(t: TestApp, productId: string): Promise<number> {
  const [row] = await t.dataSource.query<{ stock: number }[]>('SELECT stock FROM product WHERE id = $1', [productId]);
  return row?.stock ?? -1;
}

describe('unpaid order expiry', () => {
  let t: TestApp;
  let facility: Facility;
  beforeAll(async () => {
    t = await startTestApp();
    facility = await makeFacility(t.dataSource);
  });
  afterAll(() => t.close());

  it('cancels orders past their expiry, gives the stock back, records why, and leaves the others alone', async () => {
    const product = await makeProduct(t.dataSource, facility, { stock: 10 });
    const due = await placeOrder(t, product.id, 3);
    const fresh = await placeOrder(t, product.id, 2);
    expect(await stockOf(t, product.id)).toBe(5);
    await expireNow(t, due.id);

    expect(await t.app.get(OrderExpiryService).expireDue()).toBe(1);

    const [order] = await t.dataSource.query<{ status: string; cancel_reason: string }[]>('SELECT status, cancel_reason FROM shop_order WHERE id = $1', [due.id]);
    expect(order).toEqual({ status: 'CANCELLED', cancel_reason: EXPIRY_REASON });
    expect(await stockOf(t, product.id)).toBe(8);
    const events = await t.dataSource.query<{ to_status: string; actor_type: string }[]>(
      `SELECT to_status, actor_type FROM order_event WHERE order_id = $1 AND fulfilment_id IS NULL AND payment_id IS NULL ORDER BY created_at`,
      [due.id],
    );
    expect(events).toEqual([
      { to_status: 'PENDING_PAYMENT', actor_type: 'SHOPPER' },
      { to_status: 'CANCELLED', actor_type: 'SYSTEM' },
    ]);
    const outbox = await t.dataSource.query<{ type: string }[]>(`SELECT type FROM outbox_event WHERE aggregate_id = $1 AND type = 'order.cancelled'`, [due.id]);
    expect(outbox).toHaveLength(1);
    const [untouched] = await t.dataSource.query<{ status: string }[]>('SELECT status FROM shop_order WHERE id = $1', [fresh.id]);
    expect(untouched?.status).toBe('PENDING_PAYMENT');
    expect(await t.app.get(OrderExpiryService).expireDue()).toBe(0);
  });

  it('lets several sweepers run at once without cancelling an order twice', async () => {
    const product = await makeProduct(t.dataSource, facility, { stock: 20 });
    const orders = await Promise.all(Array.from({ length: 6 }, () => placeOrder(t, product.id, 2)));
    for (const order of orders) await expireNow(t, order.id);
    const service = t.app.get(OrderExpiryService);
    const counts = await Promise.all([service.expireDue(), service.expireDue(), service.expireDue()]);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(6);
    expect(await stockOf(t, product.id)).toBe(20);
    const cancelled = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM order_event WHERE to_status = 'CANCELLED' AND fulfilment_id IS NULL AND order_id = ANY($1::uuid[])`,
      [orders.map((o) => o.id)],
    );
    expect(cancelled[0]?.n).toBe(6);
  });

  it('clears a backlog of 1,000 due orders in one sweep, with one history row and one cancelled event each', async () => {
    const product = await makeProduct(t.dataSource, facility, { stock: 2_500 });
    const ids = await makeUnpaidOrders(t.dataSource, product, 1_000, { quantity: 2, due: true });
    const notYet = await makeUnpaidOrders(t.dataSource, product, 3, { quantity: 1 });
    expect(await stockOf(t, product.id)).toBe(2_500 - 2_000 - 3);

    expect(await t.app.get(OrderExpiryService).sweep()).toBe(1_000);

    expect(await stockOf(t, product.id)).toBe(2_500 - 3);
    const [orders] = await t.dataSource.query<{ cancelled: number; reasons: string[] }[]>(
      `SELECT count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled, array_agg(DISTINCT cancel_reason) AS reasons FROM shop_order WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(orders).toEqual({ cancelled: 1_000, reasons: [EXPIRY_REASON] });
    const [history] = await t.dataSource.query<{ orders: number; rows: number; fulfilments: number }[]>(
      `SELECT count(DISTINCT order_id) FILTER (WHERE fulfilment_id IS NULL)::int AS orders, count(*) FILTER (WHERE fulfilment_id IS NULL)::int AS rows,
              count(*) FILTER (WHERE fulfilment_id IS NOT NULL)::int AS fulfilments
         FROM order_event WHERE to_status = 'CANCELLED' AND actor_type = 'SYSTEM' AND order_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(history).toEqual({ orders: 1_000, rows: 1_000, fulfilments: 1_000 });
    const [events] = await t.dataSource.query<{ orders: number; rows: number }[]>(
      `SELECT count(DISTINCT aggregate_id)::int AS orders, count(*)::int AS rows FROM outbox_event WHERE type = 'order.cancelled' AND aggregate_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(events).toEqual({ orders: 1_000, rows: 1_000 });
    const [rest] = await t.dataSource.query<{ fulfilments: number; payments: number; untouched: number }[]>(
      `SELECT (SELECT count(*)::int FROM fulfilment WHERE order_id = ANY($1::uuid[]) AND status = 'CANCELLED') AS fulfilments,
              (SELECT count(*)::int FROM payment WHERE order_id = ANY($1::uuid[]) AND status = 'CANCELED') AS payments,
              (SELECT count(*)::int FROM shop_order WHERE id = ANY($2::uuid[]) AND status = 'PENDING_PAYMENT') AS untouched`,
      [ids, notYet],
    );
    expect(rest).toEqual({ fulfilments: 1_000, payments: 1_000, untouched: 3 });
    expect(await t.app.get(OrderExpiryService).sweep()).toBe(0);
  }, 60_000);

  it('forgets idempotency records past their 24 hours, and only those', async () => {
    const product = await makeProduct(t.dataSource, facility, { stock: 5 });
    const body = {
      items: [{ productId: product.id, quantity: 1 }],
      customer: { name: 'Siti Rahmawati', email: 'siti@example.com', phone: '+62 812 3456 7890' },
      delivery: { method: 'SHIPPING', address: TEST_ADDRESS },
    };
    await request(t.http).post('/api/v1/orders').set('Idempotency-Key', 'old-key-1').send(body).expect(201);
    await request(t.http).post('/api/v1/orders').set('Idempotency-Key', 'fresh-key-1').send(body).expect(201);
    await t.dataSource.query(`UPDATE idempotency_record SET expires_at = now() - interval '1 minute' WHERE key = 'old-key-1'`);

    expect(await t.app.get(OrderExpiryService).forgetExpiredIdempotencyRecords()).toBe(1);
    const keys = await t.dataSource.query<{ key: string }[]>('SELECT key FROM idempotency_record ORDER BY key');
    expect(keys.map((row) => row.key)).toEqual(['fresh-key-1']);
  });

  it('schedules one expiry job per order, due when the order expires', async () => {
    const product = await makeProduct(t.dataSource, facility, { stock: 5 });
    const order = await placeOrder(t, product.id, 1);
    const jobs = await t.dataSource.query<{ due: boolean }[]>(
      `SELECT j.start_after = o.expires_at AS due FROM pgboss.job j JOIN shop_order o ON o.id = (j.data->>'orderId')::uuid
        WHERE j.name = 'orders.expire' AND o.id = $1`,
      [order.id],
    );
    expect(jobs).toEqual([{ due: true }]);
  });

  it('expires an order through its own job when the time comes, in a worker process', async () => {
    const worker = await startTestApp({ JOBS_WORKERS: 'true' });
    try {
      const shop = await makeFacility(worker.dataSource);
      const product = await makeProduct(worker.dataSource, shop, { stock: 4 });
      const order = await placeOrder(worker, product.id, 4);
      expect(await stockOf(worker, product.id)).toBe(0);
      // Let the clock run out: the order's deadline and its job's start both move to now.
      await expireNow(worker, order.id);
      await worker.dataSource.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'orders.expire' AND data->>'orderId' = $1`, [order.id]);

      const status = await eventually(async () => {
        const [row] = await worker.dataSource.query<{ status: string }[]>('SELECT status FROM shop_order WHERE id = $1', [order.id]);
        return row?.status === 'PENDING_PAYMENT' ? undefined : row?.status;
      });
      expect(status).toBe('CANCELLED');
      expect(await stockOf(worker, product.id)).toBe(4);
    } finally {
      await worker.close();
    }
  }, 20_000);
});
