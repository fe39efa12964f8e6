import request from 'supertest';
import Stripe from 'stripe';
import { FakeStripe } from './support/fake-stripe';
import { makeShowcaseData, type ShowcaseData } from './support/showcase-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

const SITE = 'https://etalase.example.id';
const WEBHOOK = '/api/v1/payments/stripe/webhook';
const WEBHOOK_SECRET = 'whsec_test_card_payment_0123456789';
const STRIPE_KEY = 'sk_test_etalase_card';
const CUSTOMER = { name: 'Siti Rahmawati', email: 'siti@example.com', phone: '+62 812 3456 7890', method: 'PICKUP' };

function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return tag ? /value="([^"]*)"/.exec(tag)?.[1] : undefined;
}

interface PlacedCardOrder {
  id: string;
  number: string;
  token: string;
  total: number;
  /** Where the checkout's 303 sent the browser: the hosted page. */
  location: string;
}

describe('card payment on the website (Stripe hosted Checkout, against the fake)', () => {
  let t: TestApp;
  let fake: FakeStripe;
  let data: ShowcaseData;

  beforeAll(async () => {
    fake = await FakeStripe.start();
    t = await startTestApp({
      WEB_BASE_URL: SITE,
      STRIPE_SECRET_KEY: STRIPE_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: fake.url,
      CHECKOUT_MAX_UNPAID_PER_EMAIL: '50',
      CHECKOUT_MAX_UNPAID_PER_IP: '50',
      CHECKOUT_MAX_ATTEMPTS_PER_IP: '100',
      // Longer than Stripe's 30-minute floor, so the page's expiry is exactly the order's hold.
      ORDER_TTL_MINUTES: '120',
      ORDER_TTL_ANONYMOUS_MINUTES: '120',
    });
    data = await makeShowcaseData(t.app, t.dataSource);
    await t.dataSource.query('UPDATE product SET stock = 500 WHERE id = $1', [data.sasirangan.id]);
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  async function placeCardOrder(): Promise<PlacedCardOrder> {
    const added = await request(t.http).post('/keranjang').type('form').send({ slug: data.sasirangan.slug, quantity: '2' }).expect(303);
    const cookie = String(added.headers['set-cookie']).split(';')[0];
    const cart = await request(t.http).get('/keranjang').set('Cookie', cookie).expect(200);
    const placed = await request(t.http)
      .post('/bayar')
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf: inputValue(cart.text, 'csrf'), idempotencyKey: inputValue(cart.text, 'idempotencyKey'), ...CUSTOMER })
      .expect(303);
    const location = String(placed.headers.location);
    const sessionId = location.split('/').pop() ?? '';
    const [order] = await t.dataSource.query<{ id: string; number: string; total: number }[]>(
      'SELECT o.id, o.number, o.total FROM shop_order o JOIN payment p ON p.order_id = o.id WHERE p.checkout_session_id = $1',
      [sessionId],
    );
    if (!order) throw new Error(`No order for ${location}`);
    // The shopper's token travels to Stripe only inside the return URLs (the redirect went there, not to our page).
    const token = new URL(fake.checkoutSession(sessionId)?.cancel_url ?? SITE).searchParams.get('token') ?? '';
    return { ...order, token, location };
  }

  function sessionIdOf(order: PlacedCardOrder): string {
    return order.location.split('/').pop() ?? '';
  }

  function deliver(type: string, object: object, id?: string): request.Test {
    const signed = fake.signedEvent(type, object, WEBHOOK_SECRET, id === undefined ? {} : { id });
    return request(t.http).post(WEBHOOK).set('Content-Type', 'application/json').set('Stripe-Signature', signed.header).send(signed.payload);
  }

  async function paymentOf(orderId: string): Promise<{ order_status: string; status: string; provider_reference: string; checkout_session_id: string | null }> {
    const [row] = await t.dataSource.query<{ order_status: string; status: string; provider_reference: string; checkout_session_id: string | null }[]>(
      'SELECT o.status AS order_status, p.status, p.provider_reference, p.checkout_session_id FROM shop_order o JOIN payment p ON p.order_id = o.id WHERE o.id = $1',
      [orderId],
    );
    if (!row) throw new Error('no payment');
    return row;
  }

  async function ledgerRows(orderId: string): Promise<number> {
    const [row] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM ledger_entry WHERE order_id = $1', [orderId]);
    return row?.n ?? -1;
  }

  it('offers the card (and lets forms reach the hosted page) when Stripe is configured', async () => {
    const added = await request(t.http).post('/keranjang').type('form').send({ slug: data.sasirangan.slug }).expect(303);
    const page = await request(t.http).get('/keranjang').set('Cookie', String(added.headers['set-cookie']).split(';')[0]).expect(200);
    expect(page.text).toContain('Kartu debit/kredit.');
    expect(page.text).not.toContain('transfer bank');
    expect(String(page.headers['content-security-policy'])).toContain(`form-action 'self' ${fake.url};`);
  });

  it('places the order, then 303s to a Checkout Session made as Stripe expects', async () => {
    const order = await placeCardOrder();
    const sessionId = sessionIdOf(order);
    expect(order.location).toBe(`${fake.url}/c/pay/${sessionId}`);
    const [created] = fake.requestsTo('POST', '/v1/checkout/sessions').filter((r) => r.params.client_reference_id === order.id);
    expect(created?.idempotencyKey).toBe(`cs-${order.id}`);
    const orderPage = `${SITE}/pesanan/${order.number}?token=${encodeURIComponent(order.token)}`;
    expect(created?.params).toMatchObject({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'idr',
      // Whole rupiah x 100 at the boundary, as for PaymentIntents (API.md).
      'line_items[0][price_data][unit_amount]': String(order.total * 100),
      'line_items[0][price_data][product_data][name]': `Pesanan ${order.number}`,
      customer_email: CUSTOMER.email,
      'metadata[orderId]': order.id,
      'metadata[orderNumber]': order.number,
      'payment_intent_data[metadata][orderId]': order.id,
      'payment_intent_data[metadata][orderNumber]': order.number,
      success_url: `${orderPage}&return=card`,
      cancel_url: orderPage,
    });
    const [hold] = await t.dataSource.query<{ expires_at: Date }[]>('SELECT expires_at FROM shop_order WHERE id = $1', [order.id]);
    expect(Number(created?.params.expires_at)).toBe(Math.floor((hold?.expires_at.getTime() ?? 0) / 1000));
    expect((await paymentOf(order.id)).checkout_session_id).toBe(sessionId);
    // The hosted page is reachable where the redirect points.
    await request(fake.url).get(`/c/pay/${sessionId}`).expect(200);
  });

  it('says "being processed" back from the page, never paid, until the signed event; each event counts once', async () => {
    const order = await placeCardOrder();
    const checkoutIntent = (await paymentOf(order.id)).provider_reference;
    const { session, intent } = fake.completeSession(sessionIdOf(order));
    expect(intent.metadata).toEqual({ orderId: order.id, orderNumber: order.number });

    const back = await request(t.http).get(`/pesanan/${order.number}?token=${encodeURIComponent(order.token)}&return=card`).expect(200);
    expect(back.text).toContain('Pembayaran sedang diproses');
    expect(back.text).toContain('Menunggu pembayaran');
    expect(back.text).not.toContain('Sudah dibayar');
    expect((await paymentOf(order.id)).order_status).toBe('PENDING_PAYMENT');

    // The session's own event first: recorded, and nothing more (payment_intent.succeeded is the one source of truth).
    await deliver('checkout.session.completed', session).expect(200, { received: true });
    expect((await paymentOf(order.id)).order_status).toBe('PENDING_PAYMENT');

    const succeededId = `evt_card_${order.id}`;
    await deliver('payment_intent.succeeded', intent, succeededId).expect(200, { received: true });
    expect(await paymentOf(order.id)).toMatchObject({ order_status: 'PAID', status: 'SUCCEEDED', provider_reference: intent.id });
    const ledger = await ledgerRows(order.id);
    expect(ledger).toBeGreaterThan(0);
    // The intent made at checkout was never used: cancelled at Stripe once the order follows the paid one.
    expect(fake.paymentIntent(checkoutIntent)?.status).toBe('canceled');

    // A replay, the same news under another event id, and the session event again: nothing changes.
    await deliver('payment_intent.succeeded', intent, succeededId).expect(200, { received: true });
    await deliver('payment_intent.succeeded', intent).expect(200, { received: true });
    await deliver('checkout.session.completed', session).expect(200, { received: true });
    expect(await ledgerRows(order.id)).toBe(ledger);
    const [events] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM payment_event WHERE order_id = $1', [order.id]);
    expect(events?.n).toBe(4);

    const paid = await request(t.http).get(`/pesanan/${order.number}?token=${encodeURIComponent(order.token)}&return=card`).expect(200);
    expect(paid.text).toContain('Sudah dibayar');
    expect(paid.text).not.toContain('Pembayaran sedang diproses');
    expect(paid.text).not.toContain('Bayar lagi');
  });

  it('"Bayar lagi" closes the old page and opens a new one for the same order; a page already paid says processing', async () => {
    const order = await placeCardOrder();
    const first = sessionIdOf(order);
    const page = await request(t.http).get(`/pesanan/${order.number}?token=${encodeURIComponent(order.token)}`).expect(200);
    expect(page.text).toContain('Bayar lagi');
    expect(page.text).toContain('action="/bayar/kartu"');
    expect(inputValue(page.text, 'number')).toBe(order.number);

    const again = await request(t.http).post('/bayar/kartu').type('form').send({ number: order.number, token: order.token }).expect(303);
    const second = String(again.headers.location).split('/').pop() ?? '';
    expect(again.headers.location).toBe(`${fake.url}/c/pay/${second}`);
    expect(second).not.toBe(first);
    expect(fake.checkoutSession(first)?.status).toBe('expired');
    expect(fake.checkoutSession(second)).toMatchObject({ status: 'open', client_reference_id: order.id });
    expect(fake.requestsTo('POST', '/v1/checkout/sessions').find((r) => r.params.client_reference_id === order.id && r.idempotencyKey !== `cs-${order.id}`)?.idempotencyKey).toBe(
      `cs-${order.id}-after-${first}`,
    );
    expect((await paymentOf(order.id)).checkout_session_id).toBe(second);

    // Stripe cancels the intent of the closed page (if it made one): the order's payment is untouched.
    await deliver('payment_intent.canceled', { ...(fake.paymentIntent((await paymentOf(order.id)).provider_reference) ?? {}), id: 'pi_of_a_closed_page', status: 'canceled', metadata: { orderId: order.id } }).expect(200);
    expect((await paymentOf(order.id)).status).toBe('PENDING');

    // Paid on the new page, event not here yet: another click opens nothing and says processing.
    fake.completeSession(second);
    const paidMeanwhile = await request(t.http).post('/en/checkout/card').type('form').send({ number: order.number, token: order.token }).expect(303);
    expect(paidMeanwhile.headers.location).toBe(`/en/orders/${order.number}?token=${encodeURIComponent(order.token)}&return=card`);
    const english = await request(t.http).get(String(paidMeanwhile.headers.location)).expect(200);
    expect(english.text).toContain('Your payment is being processed');
    expect(fake.checkoutSessions().filter((s) => s.client_reference_id === order.id)).toHaveLength(2);
  });

  it('refunds a second payment of an order already paid, and refuses "Bayar lagi" without the token', async () => {
    const order = await placeCardOrder();
    const { intent } = fake.completeSession(sessionIdOf(order));
    await deliver('payment_intent.succeeded', intent).expect(200);
    expect((await paymentOf(order.id)).order_status).toBe('PAID');

    // Another intent for the same order that took money (e.g. a partner's client paid the checkout intent too).
    const stripe = new Stripe(STRIPE_KEY, { host: '127.0.0.1', port: Number(new URL(fake.url).port), protocol: 'http', maxNetworkRetries: 0 });
    const extra = await stripe.paymentIntents.create({ amount: order.total * 100, currency: 'idr', metadata: { orderId: order.id } });
    const ledger = await ledgerRows(order.id);
    await deliver('payment_intent.succeeded', fake.succeed(extra.id)).expect(200);
    const refund = fake.requestsTo('POST', '/v1/refunds').find((r) => r.params.payment_intent === extra.id);
    expect(refund).toMatchObject({ idempotencyKey: `refund-duplicate-${extra.id}`, params: { amount: String(order.total * 100) } });
    expect(await paymentOf(order.id)).toMatchObject({ order_status: 'PAID', provider_reference: intent.id });
    expect(await ledgerRows(order.id)).toBe(ledger);

    await request(t.http).post('/bayar/kartu').type('form').send({ number: order.number, token: 'not-the-token' }).expect(404);
    await request(t.http).post('/bayar/kartu').set('Origin', 'https://evil.example').type('form').send({ number: order.number, token: order.token }).expect(403);
    // Paid: nothing to open, back to the order page.
    const settled = await request(t.http).post('/bayar/kartu').type('form').send({ number: order.number, token: order.token }).expect(303);
    expect(settled.headers.location).toBe(`/pesanan/${order.number}?token=${encodeURIComponent(order.token)}`);
  });

  it('closes the payment page when the order is cancelled, so it takes no money after the hold', async () => {
    const order = await placeCardOrder();
    await request(t.http).post(`/api/v1/orders/${order.number}/cancel`).set('X-Order-Token', order.token).send({}).expect(200);
    expect(fake.checkoutSession(sessionIdOf(order))?.status).toBe('expired');
    const page = await request(t.http).get(`/pesanan/${order.number}?token=${encodeURIComponent(order.token)}`).expect(200);
    expect(page.text).toContain('Dibatalkan');
    expect(page.text).not.toContain('Bayar lagi');
  });
});
