import request from 'supertest';
import type { Product } from '../src/catalog/product.entity';
import type { ProductView } from '../src/catalog/product.views';
import type { ProductTombstoneView } from '../src/catalog/catalog.views';
import type { Problem } from '../src/common/errors/problem';
import type { CreatedOrderView } from '../src/orders/order.views';
import { verifySignature } from '../src/webhooks/webhook-signature';
import type { CreatedWebhookView, WebhookDeliveryView, WebhookView } from '../src/webhooks/webhook.views';
import { makeProduct } from './support/catalog-factories';
import { FakeStripe } from './support/fake-stripe';
import { makeFacility, signedInAs } from './support/factories';
import { TEST_ADDRESS } from './support/order-factories';
import { issuePartnerKey, type IssuedKey } from './support/partner-factories';
import { eventually, startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(30_000);

const STRIPE_WEBHOOK_SECRET = 'whsec_test_webhook_secret_0123456789';
const PARTNERS = '/api/v1/admin/partners';

function expectProblem(response: request.Response, status: number, code: string): Problem {
  expect({ status: response.status, code: (response.body as Problem).code }).toEqual({ status, code });
  return response.body as Problem;
}

describe('partner webhooks', () => {
  let t: TestApp;
  let fake: FakeStripe;
  let receiver: WebhookReceiver;
  let superadmin: { bearer: string };
  let partner: IssuedKey;
  let endpoint: CreatedWebhookView;
  let product: Product;

  const admin = {
    post: (path: string, body: object = {}) => request(t.http).post(path).set('Authorization', superadmin.bearer).send(body),
    get: (path: string) => request(t.http).get(path).set('Authorization', superadmin.bearer),
    patch: (path: string, body: object) => request(t.http).patch(path).set('Authorization', superadmin.bearer).send(body),
  };
  const placeAsPartner = async (key: IssuedKey, idempotencyKey: string): Promise<CreatedOrderView> =>
    (
      await request(t.http)
        .post('/api/v1/orders')
        .set('X-Api-Key', key.key)
        .set('Idempotency-Key', idempotencyKey)
        .send({
          items: [{ productId: product.id, quantity: 1 }],
          customer: { name: 'Rina Wulandari', email: 'rina@example.com', phone: '+62 813 1111 2222' },
          delivery: { method: 'SHIPPING', address: TEST_ADDRESS },
        })
        .expect(201)
    ).body as CreatedOrderView;
  const payThroughStripe = async (orderId: string): Promise<void> => {
    const [row] = await t.dataSource.query<{ provider_reference: string }[]>('SELECT provider_reference FROM payment WHERE order_id = $1', [orderId]);
    const signed = fake.signedEvent('payment_intent.succeeded', fake.succeed(row?.provider_reference ?? ''), STRIPE_WEBHOOK_SECRET);
    await request(t.http).post('/api/v1/payments/stripe/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', signed.header).send(signed.payload).expect(200);
  };
  /** What pg-boss would do after its backoff, now: make the delivery's waiting retry due. */
  const hurryRetries = async (): Promise<void> => {
    await t.dataSource.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'webhooks.deliver' AND state = 'retry'`);
  };

  beforeAll(async () => {
    fake = await FakeStripe.start();
    receiver = await new WebhookReceiver().start();
    t = await startTestApp({
      JOBS_WORKERS: 'true',
      STRIPE_SECRET_KEY: 'sk_test_etalase123',
      STRIPE_WEBHOOK_SECRET,
      STRIPE_API_URL: fake.url,
      WEBHOOK_MAX_ATTEMPTS: '5',
    });
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
    partner = await issuePartnerKey(t.http, superadmin.bearer, { name: 'Toko Mitra Webhook' });
    endpoint = (await admin.post(`${PARTNERS}/${partner.partnerId}/webhooks`, { url: receiver.url(), events: ['order.paid', 'order.cancelled', 'product.updated', 'product.deleted'] }).expect(201)).body as CreatedWebhookView;
    product = await makeProduct(t.dataSource, await makeFacility(t.dataSource), { stock: 100, price: 55_000 });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
    await fake.close();
  });

  it('mirrors the catalog, orders with an idempotency key, pays through Stripe, and receives a signed order.paid', async () => {
    // Mirror: every page of the change feed with the partner's key.
    const mirror = new Map<string, ProductView>();
    let cursor: string | null = null;
    do {
      const page = (await request(t.http).get('/api/v1/products').query({ updatedSince: '2000-01-01T00:00:00Z', limit: '50', ...(cursor ? { cursor } : {}) }).set('X-Api-Key', partner.key).expect(200)).body as {
        data: (ProductView | ProductTombstoneView)[];
        nextCursor: string | null;
      };
      for (const change of page.data) if (!('deleted' in change)) mirror.set(change.id, change);
      cursor = page.nextCursor;
    } while (cursor);
    expect(mirror.get(product.id)?.price).toBe(55_000);

    const order = await placeAsPartner(partner, 'journey-0001');
    await payThroughStripe(order.id);

    const [paid] = await eventually(async () => (receiver.ofType('order.paid').length > 0 ? receiver.ofType('order.paid') : undefined));
    const body = JSON.parse(paid?.body ?? '{}') as { id: string; type: string; data: { orderId: string; number: string } };
    expect(body).toMatchObject({ type: 'order.paid', data: { orderId: order.id, number: order.number } });
    // The public shape only (issue 13): nothing the internal event carries for e-mails or reports.
    expect(Object.keys(body.data).sort()).toEqual(['currency', 'number', 'orderId', 'paidAt', 'status', 'total']);
    expect(paid?.body).not.toContain('rina@example.com');
    expect(paid?.headers['etalase-event-id']).toBe(body.id);
    expect(paid?.headers['content-type']).toBe('application/json');
    const signature = String(paid?.headers['etalase-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(endpoint.secret, paid?.body ?? '', signature, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifySignature('whsec_wrong', paid?.body ?? '', signature, Math.floor(Date.now() / 1000))).toBe(false);

    // The receiver answers before the worker writes the outcome: read the log once the attempt is recorded.
    const delivery = await eventually(async () => {
      const log = (await admin.get(`${PARTNERS}/${partner.partnerId}/webhooks/${endpoint.id}/deliveries`).expect(200)).body as { data: WebhookDeliveryView[] };
      const found = log.data.find((d) => d.eventId === body.id);
      return found && found.attempts > 0 ? found : undefined;
    });
    expect(delivery).toMatchObject({ eventType: 'order.paid', status: 'SUCCEEDED', attempts: 1, lastStatusCode: 200 });
  });

  it('retries a failing receiver with backoff and delivers exactly once more after it recovers', async () => {
    const order = await placeAsPartner(partner, 'retry-0001');
    receiver.failNext = 3;
    const before = receiver.received.length;
    await payThroughStripe(order.id);

    const forThisOrder = () => receiver.ofType('order.paid').filter((r) => r.body.includes(order.id));
    for (let failures = 1; failures <= 3; failures += 1) {
      await eventually(async () => (forThisOrder().length >= failures ? true : undefined));
      // The failed attempt waits for its backoff; let the clock run.
      await eventually(async () => {
        const [row] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'webhooks.deliver' AND state = 'retry'`);
        return (row?.n ?? 0) > 0 || forThisOrder().length > failures ? true : undefined;
      });
      await hurryRetries();
    }
    await eventually(async () => (forThisOrder().some((r) => r.answered === 200) ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 2500)); // anything more would have arrived by now
    const attempts = forThisOrder();
    expect(attempts.map((r) => r.answered)).toEqual([500, 500, 500, 200]);
    expect(new Set(attempts.map((r) => r.headers['etalase-event-id'])).size).toBe(1);
    expect(receiver.received.length - before).toBe(4);
    const log = (await admin.get(`${PARTNERS}/${partner.partnerId}/webhooks/${endpoint.id}/deliveries`).expect(200)).body as { data: WebhookDeliveryView[] };
    const delivery = log.data.find((d) => d.eventId === attempts[0]?.headers['etalase-event-id']);
    expect(delivery).toMatchObject({ status: 'SUCCEEDED', attempts: 4, lastStatusCode: 200, lastError: null });
    const endpoints = (await admin.get(`${PARTNERS}/${partner.partnerId}/webhooks`).expect(200)).body as { data: WebhookView[] };
    expect(endpoints.data[0]).toMatchObject({ active: true, consecutiveFailures: 0 });
  });

  it('sends product changes to subscribers, but one partner never sees another partner\'s orders', async () => {
    const other = await issuePartnerKey(t.http, superadmin.bearer, { name: 'Toko Lain' });
    const otherOrder = await placeAsPartner(other, 'other-0001');
    await payThroughStripe(otherOrder.id);
    await request(t.http).patch(`/api/v1/admin/products/${product.id}`).set('Authorization', superadmin.bearer).send({ price: 60_000 }).expect(200);

    const updated = await eventually(async () => receiver.ofType('product.updated').find((r) => r.body.includes(product.id)));
    expect(JSON.parse(updated.body)).toMatchObject({ type: 'product.updated', data: { productId: product.id, slug: product.slug } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.received.some((r) => r.body.includes(otherOrder.id))).toBe(false);
  });

  it('gives up after the last attempt, disables the endpoint, and an admin can re-enable and replay', async () => {
    const flaky = await issuePartnerKey(t.http, superadmin.bearer, { name: 'Toko Rapuh' });
    const down = new WebhookReceiver();
    await down.start();
    try {
      down.failNext = 1000;
      const hook = (await admin.post(`${PARTNERS}/${flaky.partnerId}/webhooks`, { url: down.url(), events: ['order.cancelled'] }).expect(201)).body as CreatedWebhookView;
      const order = await placeAsPartner(flaky, 'flaky-0001');
      await request(t.http).post(`/api/v1/orders/${order.number}/cancel`).set('X-Api-Key', flaky.key).send({}).expect(200);
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await eventually(async () => (down.received.length >= attempt ? true : undefined));
        await eventually(async () => {
          const [row] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'webhooks.deliver' AND state IN ('retry', 'completed') AND data->>'deliveryId' IN (SELECT id::text FROM webhook_delivery WHERE endpoint_id = $1)`, [hook.id]);
          return (row?.n ?? 0) > 0 ? true : undefined;
        });
        await hurryRetries();
      }
      const disabled = await eventually(async () => {
        const list = (await admin.get(`${PARTNERS}/${flaky.partnerId}/webhooks`).expect(200)).body as { data: WebhookView[] };
        return list.data[0]?.active === false ? list.data[0] : undefined;
      });
      expect(disabled.disabledReason).toMatch(/failed 5 times/);
      expect(down.received).toHaveLength(5);
      const [delivery] = ((await admin.get(`${PARTNERS}/${flaky.partnerId}/webhooks/${hook.id}/deliveries`).expect(200)).body as { data: WebhookDeliveryView[] }).data;
      expect(delivery).toMatchObject({ status: 'FAILED', attempts: 5, lastStatusCode: 500 });

      expectProblem(await admin.post(`${PARTNERS}/${flaky.partnerId}/webhooks/${hook.id}/deliveries/${delivery?.id}/replay`), 409, 'INVALID_STATE');
      await admin.patch(`${PARTNERS}/${flaky.partnerId}/webhooks/${hook.id}`, { active: true }).expect(200);
      down.failNext = 0;
      await admin.post(`${PARTNERS}/${flaky.partnerId}/webhooks/${hook.id}/deliveries/${delivery?.id}/replay`).expect(202);
      await eventually(async () => (down.received.some((r) => r.answered === 200) ? true : undefined));
      expect(down.received.at(-1)?.headers['etalase-event-id']).toBe(down.received[0]?.headers['etalase-event-id']);
    } finally {
      await down.stop();
    }
  });

  it('keeps webhook admin to superadmins and refuses targets that are not URLs or use other schemes', async () => {
    const regional = await signedInAs(t.http, t.dataSource, 'REGIONAL_ADMIN', { kanwilId: (await makeFacility(t.dataSource)).kanwilId });
    const base = `${PARTNERS}/${partner.partnerId}/webhooks`;
    for (const call of [
      request(t.http).get(base),
      request(t.http).post(base).send({ url: receiver.url(), events: ['order.paid'] }),
      request(t.http).patch(`${base}/${endpoint.id}`).send({ active: false }),
      request(t.http).delete(`${base}/${endpoint.id}`),
      request(t.http).get(`${base}/${endpoint.id}/deliveries`),
      request(t.http).post(`${base}/${endpoint.id}/deliveries/${endpoint.id}/replay`),
    ]) {
      expectProblem(await call.set('Authorization', regional.bearer), 403, 'FORBIDDEN');
    }
    expectProblem(await admin.post(base, { url: 'ftp://toko.example/hook', events: ['order.paid'] }), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.post(base, { url: 'http://10.0.0.5/hook', events: ['order.paid'] }), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.post(base, { url: 'http://169.254.169.254/latest/meta-data', events: ['order.paid'] }), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.post(base, { url: receiver.url(), events: ['order.refunded'] }), 400, 'VALIDATION_FAILED');
  });
});

describe('partner webhooks in production mode (SSRF)', () => {
  let t: TestApp;
  let superadmin: { bearer: string };
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    t = await startTestApp({ NODE_ENV: 'production', JOBS_WORKERS: 'true', WEBHOOK_MAX_ATTEMPTS: '1' });
    superadmin = await signedInAs(t.http, t.dataSource, 'SUPERADMIN');
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  it('refuses http, loopback and local names at registration', async () => {
    const { partnerId } = await issuePartnerKey(t.http, superadmin.bearer);
    for (const url of [receiver.url(), 'https://127.0.0.1/hook', 'https://localhost/hook', 'https://[::1]/hook']) {
      const refused = expectProblem(await request(t.http).post(`${PARTNERS}/${partnerId}/webhooks`).set('Authorization', superadmin.bearer).send({ url, events: ['product.updated'] }), 400, 'VALIDATION_FAILED');
      expect(refused.errors?.[0]?.field).toBe('url');
    }
  });

  it.each([
    ['a trailing-dot local name', 'https://localhost./hook', 'local name'],
    ['a single-label name', 'https://metadata/computeMetadata/v1', 'local name'],
    ['an IPv4-compatible loopback', 'https://[::127.0.0.1]/hook', '127.0.0.1'],
    ['a hex IPv4-mapped metadata address', 'https://[::ffff:a9fe:a9fe]/latest', 'private'],
    ['NAT64 to a private address', 'https://[64:ff9b::10.0.0.1]/hook', '10.0.0.1'],
    ['6to4 of loopback', 'https://[2002:7f00:1::]/hook', '127.0.0.1'],
    ['Teredo with a loopback client', 'https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook', '127.0.0.1'],
  ])('refuses %s at registration with a 400 that says why', async (_label, url, reason) => {
    const { partnerId } = await issuePartnerKey(t.http, superadmin.bearer);
    const refused = expectProblem(await request(t.http).post(`${PARTNERS}/${partnerId}/webhooks`).set('Authorization', superadmin.bearer).send({ url, events: ['product.updated'] }), 400, 'VALIDATION_FAILED');
    expect(refused.errors?.[0]).toEqual({ field: 'url', message: expect.stringContaining(reason) as string });
    expect(refused.detail).toContain('public');
  });

  it('checks the address again when delivering, after DNS: a name that resolves to loopback gets nothing', async () => {
    const { partnerId } = await issuePartnerKey(t.http, superadmin.bearer);
    const hook = (await request(t.http).post(`${PARTNERS}/${partnerId}/webhooks`).set('Authorization', superadmin.bearer).send({ url: 'https://partner-shop.example/hook', events: ['product.updated'] }).expect(201)).body as WebhookView;
    // The name now points home (as DNS rebinding would make it): same port as the receiver, over http.
    const port = new URL(receiver.url()).port;
    await t.dataSource.query(`UPDATE webhook_endpoint SET url = $2 WHERE id = $1`, [hook.id, `http://localhost:${port}/etalase/webhooks`]);
    const product = await makeProduct(t.dataSource, await makeFacility(t.dataSource));
    await request(t.http).patch(`/api/v1/admin/products/${product.id}`).set('Authorization', superadmin.bearer).send({ price: 12_345 }).expect(200);

    const delivery = await eventually(async () => {
      const [row] = await t.dataSource.query<{ status: string; last_error: string | null }[]>(`SELECT status, last_error FROM webhook_delivery WHERE endpoint_id = $1`, [hook.id]);
      return row?.status === 'FAILED' ? row : undefined;
    });
    expect(delivery.last_error).toMatch(/refused|loopback/);
    expect(receiver.received).toEqual([]);
  });
});
