import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import request from 'supertest';
import type { Product } from '../src/catalog/product.entity';
import type { Problem } from '../src/common/errors/problem';
import { findFreePort } from '../src/database/free-port';
import type { Facility } from '../src/facilities/facility.entity';
import { ABANDONED_CHECKOUT_REASON, OrderExpiryService, PAYMENT_SETUP_GRACE_SECONDS } from '../src/orders/order-expiry.service';
import { CreatedPayment, PAYMENT_PROVIDER, PaymentProvider } from '../src/payments/payment-provider';
import { makeProduct } from './support/catalog-factories';
import { makeFacility } from './support/factories';
import { TEST_ADDRESS } from './support/order-factories';
import { eventually, startTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';

/**
 * Issue 12, item 7: "kill -9 during checkout" left committed unpaid orders with no payment row,
 * holding their stock for the whole order lifetime. The compiled server (`npm test` builds it
 * first) is killed while the payment provider is still thinking; the sweep must then resolve what
 * it left behind within minutes.
 */
const MAIN = resolve(__dirname, '..', 'dist', 'src', 'main.js');

interface OrderState {
  id: string;
  status: string;
  cancel_reason: string | null;
  payment_status: string | null;
  provider_reference: string | null;
}

/** A payment provider API that takes requests and never answers them (a stuck Stripe). */
async function startStuckProvider(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  const waiting: IncomingMessage[] = [];
  const server: Server = createServer((req) => void waiting.push(req));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => waiting.length,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once('exit', () => done()));
}

describe('a checkout interrupted between the order and its payment', () => {
  let t: TestApp;
  let facility: Facility;
  const orderBody = (product: Product, quantity: number): object => ({
    items: [{ productId: product.id, quantity }],
    customer: { name: 'Siti Rahmawati', email: 'siti@example.com', phone: '+62 812 3456 7890' },
    delivery: { method: 'SHIPPING', address: TEST_ADDRESS },
  });
  const orderOf = async (product: Product): Promise<OrderState | undefined> => {
    const [row] = await t.dataSource.query<OrderState[]>(
      `SELECT o.id, o.status, o.cancel_reason, p.status AS payment_status, p.provider_reference
         FROM shop_order o JOIN order_item i ON i.order_id = o.id LEFT JOIN payment p ON p.order_id = o.id
        WHERE i.product_id = $1`,
      [product.id],
    );
    return row;
  };
  const stockOf = async (product: Product): Promise<number> => {
    const [row] = await t.dataSource.query<{ stock: number }[]>('SELECT stock FROM product WHERE id = $1', [product.id]);
    return row?.stock ?? -1;
  };
  /** What the order announced (the shopper's e-mails and partner webhooks come from these). */
  const eventsOf = async (orderId: string): Promise<string[]> =>
    (await t.dataSource.query<{ type: string }[]>('SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY created_at', [orderId])).map((e) => e.type);
  /** The grace period passes (the order and its payment were written that long ago). */
  const ageOrder = async (orderId: string): Promise<void> => {
    await t.dataSource.query(`UPDATE shop_order SET created_at = created_at - make_interval(secs => $2) WHERE id = $1`, [orderId, PAYMENT_SETUP_GRACE_SECONDS + 1]);
    await t.dataSource.query(`UPDATE payment SET created_at = created_at - make_interval(secs => $2) WHERE order_id = $1`, [orderId, PAYMENT_SETUP_GRACE_SECONDS + 1]);
  };

  beforeAll(async () => {
    t = await startTestApp();
    facility = await makeFacility(t.dataSource);
  });
  afterAll(() => t.close());

  it('leaves an order with a pending payment when the server is killed -9 mid-checkout, which the sweep cancels, giving the stock back', async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first)`);
    const product = await makeProduct(t.dataSource, facility, { stock: 10 });
    const stripe = await startStuckProvider();
    const port = await findFreePort();
    let output = '';
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        DATABASE_URL: t.config.databaseUrl,
        JWT_SECRET: TEST_JWT_SECRET,
        MIGRATIONS_RUN: 'false',
        SEED_DEMO: 'false',
        JOBS_WORKERS: 'false',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        STRIPE_SECRET_KEY: 'sk_test_crash',
        STRIPE_WEBHOOK_SECRET: 'whsec_crash',
        STRIPE_API_URL: stripe.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await eventually(async () => {
        if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output}`);
        const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
        return ready ? true : undefined;
      }, 45_000);

      const checkout = fetch(`http://127.0.0.1:${port}/api/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(orderBody(product, 3)),
      }).catch((error: unknown) => error);
      // The order is committed and the server is waiting for the provider: the moment of the crash.
      await eventually(async () => (stripe.received() > 0 && (await orderOf(product)) ? true : undefined), 20_000);
      child.kill('SIGKILL');
      await exited(child);
      // The shopper got no answer at all: no token, no payment.
      expect(String(await checkout)).toMatch(/fetch failed/);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await stripe.close();
    }

    // Order and payment were committed together: the payment is there, waiting for a reference.
    const orphan = await orderOf(product);
    expect(orphan).toMatchObject({ status: 'PENDING_PAYMENT', payment_status: 'PENDING', provider_reference: null });
    expect(await stockOf(product)).toBe(7);
    // Nobody was told how to pay it ("order received" with the transfer to make goes out with the payment).
    expect(await eventsOf(orphan?.id ?? '')).toEqual([]);

    const sweeper = t.app.get(OrderExpiryService);
    // A checkout may still be talking to the provider within the grace period: left alone.
    expect(await sweeper.sweep()).toBe(0);
    await ageOrder(orphan?.id ?? '');
    expect(await sweeper.sweep()).toBe(1);
    expect(await orderOf(product)).toMatchObject({ status: 'CANCELLED', cancel_reason: ABANDONED_CHECKOUT_REASON, payment_status: 'CANCELED' });
    expect(await stockOf(product)).toBe(10);
    expect(await sweeper.sweep()).toBe(0);
  }, 90_000);

  it('cancels an order whose provider failed at checkout within minutes, not at its expiry', async () => {
    const provider = t.app.get<PaymentProvider>(PAYMENT_PROVIDER);
    const spy = jest.spyOn(provider, 'createPayment').mockRejectedValueOnce(new Error('bank unreachable'));
    try {
      const product = await makeProduct(t.dataSource, facility, { stock: 5 });
      const response = await request(t.http).post('/api/v1/orders').send(orderBody(product, 2));
      expect((response.body as Problem).code).toBe('PAYMENT_PROVIDER_ERROR');
      const order = await orderOf(product);
      expect(order).toMatchObject({ status: 'PENDING_PAYMENT', payment_status: 'PENDING', provider_reference: null });
      expect(await stockOf(product)).toBe(3);
      // The shopper was told to order again; no "order received" e-mail with a bank transfer to make follows.
      expect(await eventsOf(order?.id ?? '')).toEqual([]);

      await ageOrder(order?.id ?? '');
      expect(await t.app.get(OrderExpiryService).cancelAbandonedCheckouts()).toBe(1);
      expect(await orderOf(product)).toMatchObject({ status: 'CANCELLED', cancel_reason: ABANDONED_CHECKOUT_REASON });
      expect(await stockOf(product)).toBe(5);
      expect(await eventsOf(order?.id ?? '')).toEqual(['order.cancelled']);
      const history = await t.dataSource.query<{ to_status: string; actor_type: string }[]>(
        `SELECT to_status, actor_type FROM order_event WHERE order_id = $1 AND fulfilment_id IS NULL AND payment_id IS NULL ORDER BY created_at`,
        [order?.id],
      );
      expect(history).toEqual([
        { to_status: 'PENDING_PAYMENT', actor_type: 'SHOPPER' },
        { to_status: 'CANCELLED', actor_type: 'SYSTEM' },
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  it('never hands out a payment for an order the sweep cancelled while the provider was still answering', async () => {
    const provider = t.app.get<PaymentProvider>(PAYMENT_PROVIDER);
    let answer: (payment: CreatedPayment) => void = () => undefined;
    const answered = new Promise<CreatedPayment>((done) => (answer = done));
    const create = jest.spyOn(provider, 'createPayment').mockReturnValueOnce(answered);
    const cancel = jest.spyOn(provider, 'cancelPayment');
    try {
      const product = await makeProduct(t.dataSource, facility, { stock: 4 });
      const pending = request(t.http).post('/api/v1/orders').send(orderBody(product, 4)).then((r) => r);
      const order = await eventually(async () => orderOf(product));
      await ageOrder(order.id);
      expect(await t.app.get(OrderExpiryService).sweep()).toBe(1);
      expect(await stockOf(product)).toBe(4);

      answer({ provider: 'manual', reference: 'ETL-LATE-1' });
      const response = await pending;
      expect((response.body as Problem).code).toBe('PAYMENT_PROVIDER_ERROR');
      expect(response.body).not.toHaveProperty('accessToken');
      expect(cancel).toHaveBeenCalledWith('ETL-LATE-1');
      expect(await orderOf(product)).toMatchObject({ status: 'CANCELLED', payment_status: 'CANCELED', provider_reference: null });
      expect(await stockOf(product)).toBe(4);
    } finally {
      // Whatever failed above, the request must not be left hanging (it would hold the app open).
      answer({ provider: 'manual', reference: 'ETL-LATE-1' });
      create.mockRestore();
      cancel.mockRestore();
    }
  });
});
