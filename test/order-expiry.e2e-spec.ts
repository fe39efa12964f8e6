import request from 'supertest';
import { EXPIRY_REASON, OrderExpiryService } from '../src/orders/order-expiry.service';
import type { Facility } from '../src/facilities/facility.entity';
import { makeProduct } from './support/catalog-factories';
import { makeFacility } from './support/factories';
import { TEST_ADDRESS } from './support/order-factories';
import { startTestApp, TestApp } from './support/test-app';

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
    t = await startTestApp({ ORDER_EXPIRY_SWEEP_SECONDS: '0' });
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
      `SELECT to_status, actor_type FROM order_event WHERE order_id = $1 AND fulfilment_id IS NULL ORDER BY created_at`,
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

  it('sweeps on its own timer when enabled', async () => {
    const timed = await startTestApp({ ORDER_EXPIRY_SWEEP_SECONDS: '1' });
    try {
      const shop = await makeFacility(timed.dataSource);
      const product = await makeProduct(timed.dataSource, shop, { stock: 4 });
      const order = await placeOrder(timed, product.id, 4);
      await expireNow(timed, order.id);
      const deadline = Date.now() + 10_000;
      let status = 'PENDING_PAYMENT';
      while (status === 'PENDING_PAYMENT' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const [row] = await timed.dataSource.query<{ status: string }[]>('SELECT status FROM shop_order WHERE id = $1', [order.id]);
        status = row?.status ?? 'missing';
      }
      expect(status).toBe('CANCELLED');
      expect(await stockOf(timed, product.id)).toBe(4);
    } finally {
      await timed.close();
    }
  });
});
