import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { FakeStripe } from '../../test/support/fake-stripe';
import { DomainError } from '../common/errors/domain-error';
import { PaymentAlreadySucceeded } from './payment.errors';
import type { HostedCheckoutRequest, PaymentRequest } from './payment-provider';
import { StripeProvider } from './stripe.provider';

const SECRET_KEY = 'sk_test_fake_0123456789';
const WEBHOOK_SECRET = 'whsec_fake_0123456789';

describe('StripeProvider against a fake Stripe API (the real SDK on the wire)', () => {
  let fake: FakeStripe;
  let provider: StripeProvider;

  beforeAll(async () => {
    fake = await FakeStripe.start();
    provider = new StripeProvider({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiUrl: fake.url });
  });

  afterAll(async () => {
    await fake.close();
  });

  beforeEach(() => {
    // Mapped Stripe errors are logged for operators; keep the test output quiet.
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  function paymentRequest(overrides: Partial<PaymentRequest> = {}): PaymentRequest {
    return { orderId: randomUUID(), orderNumber: 'ETL-260101-0001', amount: 150_000, customerEmail: 'siti@example.id', ...overrides };
  }

  describe('createPayment', () => {
    it('creates an IDR PaymentIntent in Stripe minor units, keyed by the order, and returns its client secret', async () => {
      const request = paymentRequest();
      const created = await provider.createPayment(request);

      expect(created.provider).toBe('stripe');
      expect(created.reference).toMatch(/^pi_/);
      expect(created.clientSecret).toMatch(new RegExp(`^${created.reference}_secret_`));
      const [sent] = fake.requestsTo('POST', '/v1/payment_intents').filter((r) => r.idempotencyKey === `pi-${request.orderId}`);
      expect(sent?.params).toEqual({
        amount: '15000000',
        currency: 'idr',
        'automatic_payment_methods[enabled]': 'true',
        receipt_email: 'siti@example.id',
        'metadata[orderId]': request.orderId,
        'metadata[orderNumber]': 'ETL-260101-0001',
      });
      expect(sent?.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
      expect(fake.paymentIntent(created.reference ?? '')).toMatchObject({ amount: 15_000_000, currency: 'idr', status: 'requires_payment_method' });
    });

    it('creates one intent for one order however often checkout asks', async () => {
      const request = paymentRequest();
      const first = await provider.createPayment(request);
      const second = await provider.createPayment(request);

      expect(second).toEqual(first);
      expect(fake.paymentIntents().filter((pi) => pi.metadata.orderId === request.orderId)).toHaveLength(1);
      expect(fake.requestsTo('POST', '/v1/payment_intents').filter((r) => r.idempotencyKey === `pi-${request.orderId}`)).toHaveLength(2);
    });

    it('refuses a non-integer rupiah amount before calling Stripe', async () => {
      const before = fake.requests.length;
      await expect(provider.createPayment(paymentRequest({ amount: 1500.5 }))).rejects.toThrow(RangeError);
      expect(fake.requests).toHaveLength(before);
    });

    it('maps Stripe 500s to PAYMENT_PROVIDER_ERROR without leaking the key', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const request = paymentRequest();
      fake.failNext(2); // the first try and its one retry
      const error = await provider.createPayment(request).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'PAYMENT_PROVIDER_ERROR' });
      expect((error as DomainError).detail).not.toContain(SECRET_KEY);
      expect(fake.requestsTo('POST', '/v1/payment_intents').filter((r) => r.idempotencyKey === `pi-${request.orderId}`)).toHaveLength(2);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('api_error'));
      expect(JSON.stringify(warn.mock.calls)).not.toContain(SECRET_KEY);
      expect(fake.paymentIntents().filter((pi) => pi.metadata.orderId === request.orderId)).toHaveLength(0);
    });

    it('retries one 500 with the same idempotency key and still creates one intent', async () => {
      const request = paymentRequest();
      fake.failNext(1);
      const created = await provider.createPayment(request);

      const sent = fake.requestsTo('POST', '/v1/payment_intents').filter((r) => r.idempotencyKey === `pi-${request.orderId}`);
      expect(sent).toHaveLength(2);
      expect(fake.paymentIntents().filter((pi) => pi.metadata.orderId === request.orderId)).toEqual([
        expect.objectContaining({ id: created.reference }),
      ]);
    });

    it('maps a rejected API key to PAYMENT_PROVIDER_ERROR', async () => {
      const wrongKey = new StripeProvider({ secretKey: 'not-a-key', webhookSecret: WEBHOOK_SECRET, apiUrl: fake.url }, { maxNetworkRetries: 0 });
      await expect(wrongKey.createPayment(paymentRequest())).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_ERROR' });
    });
  });

  describe('cancelPayment', () => {
    it('cancels the intent, and cancelling again is a no-op', async () => {
      const { reference } = await provider.createPayment(paymentRequest());

      await provider.cancelPayment(reference);
      expect(fake.paymentIntent(reference ?? '')?.status).toBe('canceled');
      await expect(provider.cancelPayment(reference)).resolves.toBeUndefined();
      expect(fake.requestsTo('POST', `/v1/payment_intents/${reference}/cancel`)).toHaveLength(2);
    });

    it('does nothing without a reference', async () => {
      const before = fake.requests.length;
      await provider.cancelPayment(null);
      expect(fake.requests).toHaveLength(before);
    });

    it('refuses to treat a payment that already succeeded as cancelled', async () => {
      const { reference } = await provider.createPayment(paymentRequest());
      fake.succeed(reference ?? '');

      await expect(provider.cancelPayment(reference)).rejects.toBeInstanceOf(PaymentAlreadySucceeded);
      expect(fake.paymentIntent(reference ?? '')?.status).toBe('succeeded');
    });

    it('looks the intent up when Stripe\'s error does not say its state', async () => {
      const canceled = await provider.createPayment(paymentRequest());
      const paid = await provider.createPayment(paymentRequest());
      await provider.cancelPayment(canceled.reference);
      fake.succeed(paid.reference ?? '');
      fake.includeIntentInErrors = false;
      try {
        await expect(provider.cancelPayment(canceled.reference)).resolves.toBeUndefined();
        await expect(provider.cancelPayment(paid.reference)).rejects.toBeInstanceOf(PaymentAlreadySucceeded);
        expect(fake.requestsTo('GET', `/v1/payment_intents/${canceled.reference}`)).toHaveLength(1);
        expect(fake.requestsTo('GET', `/v1/payment_intents/${paid.reference}`)).toHaveLength(1);
      } finally {
        fake.includeIntentInErrors = true;
      }
    });

    it('maps other failures (an unknown intent) to PAYMENT_PROVIDER_ERROR', async () => {
      await expect(provider.cancelPayment('pi_does_not_exist')).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_ERROR' });
    });
  });

  describe('hosted Checkout (the website\'s card payment)', () => {
    function pageRequest(expiresInMinutes: number, overrides: Partial<PaymentRequest> = {}): HostedCheckoutRequest {
      return {
        ...paymentRequest(overrides),
        description: 'Pesanan ETL-260101-0001',
        successUrl: 'https://etalase.example.id/pesanan/ETL-260101-0001?token=t&return=card',
        cancelUrl: 'https://etalase.example.id/pesanan/ETL-260101-0001?token=t',
        expiresAt: new Date(Date.now() + expiresInMinutes * 60_000),
        idempotencyKey: `cs-${randomUUID()}`,
      };
    }

    it('opens a session expiring with the order hold, clamped to Stripe\'s 30 minutes .. 24 hours', async () => {
      const now = Math.floor(Date.now() / 1000);
      const aligned = await provider.startHostedCheckout(pageRequest(90));
      expect(aligned.url).toBe(`${fake.url}/c/pay/${aligned.id}`);
      expect(fake.checkoutSession(aligned.id)?.expires_at).toBeGreaterThanOrEqual(now + 90 * 60 - 1);
      expect(fake.checkoutSession(aligned.id)?.expires_at).toBeLessThanOrEqual(now + 90 * 60 + 2);
      const short = await provider.startHostedCheckout(pageRequest(10));
      expect(fake.checkoutSession(short.id)?.expires_at).toBeGreaterThanOrEqual(now + 31 * 60);
      const long = await provider.startHostedCheckout(pageRequest(3 * 24 * 60));
      expect(fake.checkoutSession(long.id)?.expires_at).toBeLessThanOrEqual(now + 24 * 3600);
    });

    it('answers the same page for the same key, and maps Stripe failures to PAYMENT_PROVIDER_ERROR', async () => {
      const request = pageRequest(60);
      const first = await provider.startHostedCheckout(request);
      await expect(provider.startHostedCheckout(request)).resolves.toEqual(first);
      fake.failNext(2);
      await expect(provider.startHostedCheckout(pageRequest(60))).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_ERROR' });
    });

    it('closes an open page, and says so when a page was already paid or closed', async () => {
      const open = await provider.startHostedCheckout(pageRequest(60));
      await expect(provider.endHostedCheckout(open.id)).resolves.toBe('expired');
      expect(fake.checkoutSession(open.id)?.status).toBe('expired');
      await expect(provider.endHostedCheckout(open.id)).resolves.toBe('expired');
      const paid = await provider.startHostedCheckout(pageRequest(60));
      fake.completeSession(paid.id);
      await expect(provider.endHostedCheckout(paid.id)).resolves.toBe('complete');
      await expect(provider.endHostedCheckout('cs_test_unknown')).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_ERROR' });
    });
  });

  describe('refund', () => {
    async function paidIntent(): Promise<string> {
      const { reference } = await provider.createPayment(paymentRequest({ amount: 200_000 }));
      fake.succeed(reference ?? '');
      return reference ?? '';
    }

    it('refunds in Stripe minor units with the caller\'s idempotency key', async () => {
      const reference = await paidIntent();
      const { refundId } = await provider.refund({ reference, amount: 50_000, idempotencyKey: 'refund-1-' + reference });

      expect(refundId).toMatch(/^re_/);
      const [sent] = fake.requestsTo('POST', '/v1/refunds').filter((r) => r.params.payment_intent === reference);
      expect(sent?.params).toEqual({ payment_intent: reference, amount: '5000000' });
      expect(sent?.idempotencyKey).toBe('refund-1-' + reference);
    });

    it('a retried refund with the same key refunds once', async () => {
      const reference = await paidIntent();
      const key = `refund-retry-${reference}`;
      const first = await provider.refund({ reference, amount: 150_000, idempotencyKey: key });
      const again = await provider.refund({ reference, amount: 150_000, idempotencyKey: key });

      expect(again).toEqual(first);
      // Rp150.000 of Rp200.000 refunded once: Rp50.000 is still refundable, Rp50.001 is not.
      await expect(provider.refund({ reference, amount: 50_001, idempotencyKey: `${key}-b` })).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_ERROR' });
      await expect(provider.refund({ reference, amount: 50_000, idempotencyKey: `${key}-c` })).resolves.toEqual({ refundId: expect.stringMatching(/^re_/) });
    });

    it('maps a reused key with a different amount (Stripe idempotency_error) to PAYMENT_PROVIDER_ERROR', async () => {
      const reference = await paidIntent();
      const key = `refund-reuse-${reference}`;
      await provider.refund({ reference, amount: 10_000, idempotencyKey: key });
      await expect(provider.refund({ reference, amount: 20_000, idempotencyKey: key })).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER_ERROR' });
    });
  });

  describe('verifyWebhook', () => {
    function succeededEvent(secret = WEBHOOK_SECRET, timestamp?: number): { payload: string; header: string; event: Record<string, unknown> } {
      return fake.signedEvent('payment_intent.succeeded', { id: 'pi_123', object: 'payment_intent', status: 'succeeded' }, secret, { timestamp });
    }

    it('accepts a correctly signed payload and returns the event', () => {
      const { payload, header, event } = succeededEvent();
      const verified = provider.verifyWebhook(Buffer.from(payload), header);

      expect(verified.id).toBe(event.id);
      expect(verified.type).toBe('payment_intent.succeeded');
      expect((verified.data.object as Stripe.PaymentIntent).id).toBe('pi_123');
    });

    it('carries the order of a payment that went through (payment_intent.succeeded)', async () => {
      const request = paymentRequest();
      const { reference } = await provider.createPayment(request);
      const { payload, header } = fake.signedEvent('payment_intent.succeeded', fake.succeed(reference ?? ''), WEBHOOK_SECRET);

      const event = provider.verifyWebhook(Buffer.from(payload), header);
      expect(event.type).toBe('payment_intent.succeeded');
      const intent = event.data.object as Stripe.PaymentIntent;
      expect(intent).toMatchObject({ id: reference, status: 'succeeded', amount_received: 15_000_000 });
      expect(intent.metadata).toEqual({ orderId: request.orderId, orderNumber: request.orderNumber });
    });

    it('rejects a tampered body', () => {
      const { payload, header } = succeededEvent();
      const tampered = payload.replace('"succeeded"}', '"canceled"}');
      expect(tampered).not.toBe(payload);
      expect(() => provider.verifyWebhook(Buffer.from(tampered), header)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', detail: 'invalid signature' }),
      );
    });

    it('verifies before parsing: a body that is not even JSON is an invalid signature, not a parse error', () => {
      const { header } = succeededEvent();
      expect(() => provider.verifyWebhook(Buffer.from('{not json'), header)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', detail: 'invalid signature' }),
      );
    });

    it('rejects a payload signed with another secret', () => {
      const { payload, header } = succeededEvent('whsec_someone_else');
      expect(() => provider.verifyWebhook(Buffer.from(payload), header)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', detail: 'invalid signature' }),
      );
    });

    it('rejects a stale timestamp (older than the SDK tolerance) and accepts one just inside it', () => {
      const tolerance = Stripe.webhooks.DEFAULT_TOLERANCE;
      const nowSeconds = Math.floor(Date.now() / 1000);
      const stale = succeededEvent(WEBHOOK_SECRET, nowSeconds - tolerance - 30);
      const recent = succeededEvent(WEBHOOK_SECRET, nowSeconds - tolerance + 30);

      expect(() => provider.verifyWebhook(Buffer.from(stale.payload), stale.header)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED', detail: 'invalid signature' }),
      );
      expect(provider.verifyWebhook(Buffer.from(recent.payload), recent.header).id).toBe(recent.event.id);
    });

    it('rejects a missing or malformed signature header', () => {
      const { payload } = succeededEvent();
      for (const header of [undefined, '', 'garbage', 't=1,v1=abc']) {
        expect(() => provider.verifyWebhook(Buffer.from(payload), header)).toThrow(
          expect.objectContaining({ code: 'VALIDATION_FAILED', detail: 'invalid signature' }),
        );
      }
    });
  });
});
