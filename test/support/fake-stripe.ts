import { randomBytes } from 'node:crypto';
import { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/** A request as the fake received it; `params` are the form fields, nested keys kept flat (`metadata[orderId]`). */
export interface RecordedStripeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  idempotencyKey: string | undefined;
  params: Record<string, string>;
}

export interface FakePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  automatic_payment_methods: { enabled: boolean; allow_redirects: 'always' } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: 'automatic_async';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: null;
  description: null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  payment_method: null;
  payment_method_types: string[];
  receipt_email: string | null;
  status: Stripe.PaymentIntent.Status;
}

export interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  charge: string | null;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded';
}

export interface FakeCheckoutSession {
  id: string;
  object: 'checkout.session';
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  metadata: Record<string, string>;
  mode: 'payment';
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: 'paid' | 'unpaid';
  status: 'open' | 'complete' | 'expired';
  success_url: string | null;
  url: string | null;
  /** Not a Stripe field (it is write-only there): kept so `completeSession` can give the PaymentIntent its metadata. */
  intent_metadata: Record<string, string>;
}

interface Reply {
  status: number;
  body: unknown;
}

interface StoredIdempotentReply {
  fingerprint: string;
  reply: Reply;
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; code?: string; param?: string; payment_intent?: FakePaymentIntent },
    message: string,
  ) {
    super(message);
  }
}

const CANCELABLE: readonly Stripe.PaymentIntent.Status[] = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];

/**
 * A small stand-in for api.stripe.com, enough for StripeProvider and the real SDK pointed at it
 * (`STRIPE_API_URL=fake.url`): PaymentIntents (create, retrieve, cancel), Checkout Sessions
 * (create, retrieve, expire; `url` is a page of this server), refunds, Stripe-style
 * errors and idempotency keys (same key and params replay the first reply; same key and other
 * params are an idempotency_error). Failures injected with `failNext` happen before the
 * idempotency layer, like a dropped connection, so a retry with the same key can still succeed.
 */
export class FakeStripe {
  readonly requests: RecordedStripeRequest[] = [];
  /** Stripe puts the PaymentIntent in an unexpected-state error; false leaves it out. */
  includeIntentInErrors = true;
  private readonly intents = new Map<string, FakePaymentIntent>();
  private readonly refunded = new Map<string, number>();
  private readonly sessions = new Map<string, FakeCheckoutSession>();
  private readonly idempotent = new Map<string, StoredIdempotentReply>();
  private failures: { remaining: number; status: number } = { remaining: 0, status: 500 };

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeStripe> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeStripe(server, `http://127.0.0.1:${port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
      });
    });
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  /** Answers the next `count` requests with `status` (an api_error), whatever they are. */
  failNext(count: number, status = 500): void {
    this.failures = { remaining: count, status };
  }

  requestsTo(method: string, path: string | RegExp): RecordedStripeRequest[] {
    return this.requests.filter(
      (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
    );
  }

  paymentIntent(id: string): FakePaymentIntent | undefined {
    const intent = this.intents.get(id);
    return intent && structuredClone(intent);
  }

  paymentIntents(): FakePaymentIntent[] {
    return [...this.intents.values()].map((intent) => structuredClone(intent));
  }

  /** What the shopper's browser would do with the client secret: the payment goes through. */
  succeed(id: string): FakePaymentIntent {
    const intent = this.intents.get(id);
    if (!intent) throw new Error(`No payment intent ${id}`);
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.latest_charge = `ch_${token(24)}`;
    return structuredClone(intent);
  }

  checkoutSession(id: string): FakeCheckoutSession | undefined {
    const session = this.sessions.get(id);
    return session && structuredClone(session);
  }

  checkoutSessions(): FakeCheckoutSession[] {
    return [...this.sessions.values()].map((session) => structuredClone(session));
  }

  /**
   * The shopper paid on the hosted page: Stripe makes a PaymentIntent with the session's
   * `payment_intent_data.metadata`, it succeeds, and the session completes. Returns both, as the
   * events `payment_intent.succeeded` and `checkout.session.completed` would carry them.
   */
  completeSession(id: string): { session: Omit<FakeCheckoutSession, 'intent_metadata'>; intent: FakePaymentIntent } {
    const session = this.sessions.get(id);
    if (!session) throw new Error(`No checkout session ${id}`);
    if (session.status !== 'open') throw new Error(`Checkout session ${id} is ${session.status}`);
    const created = this.createIntent({
      amount: String(session.amount_total),
      currency: session.currency,
      ...Object.fromEntries(Object.entries(session.intent_metadata).map(([key, value]) => [`metadata[${key}]`, value])),
    });
    const intent = this.succeed(created.id);
    session.status = 'complete';
    session.payment_status = 'paid';
    session.payment_intent = intent.id;
    session.url = null;
    return { session: publicSession(session), intent };
  }

  /** A Stripe event as it would be delivered to a webhook, signed with the SDK's own helper. */
  signedEvent(
    type: string,
    object: object,
    secret: string,
    options: { timestamp?: number; id?: string } = {},
  ): { payload: string; header: string; event: Record<string, unknown> } {
    const event = {
      id: options.id ?? `evt_${token(24)}`,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: options.timestamp ?? now(),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    const payload = JSON.stringify(event);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: options.timestamp });
    return { payload, header, event };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', this.url).pathname;
    const hostedPage = /^\/c\/pay\/([^/]+)$/.exec(path);
    if (method === 'GET' && hostedPage?.[1]) {
      // Stands in for checkout.stripe.com: a browser redirected to the session's URL lands here.
      const session = this.sessions.get(hostedPage[1]);
      res.writeHead(session ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><title>Fake Stripe Checkout</title><h1>Fake Stripe Checkout</h1><p>${session ? `Pay IDR ${session.amount_total / 100}` : 'No such session'}</p></html>`);
      return;
    }
    const params = Object.fromEntries(new URLSearchParams(body));
    const idempotencyKey = headerValue(req.headers['idempotency-key']);
    this.requests.push({ method, path, headers: req.headers, idempotencyKey, params });

    const reply = this.reply(method, path, params, idempotencyKey, req.headers.authorization);
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      'request-id': `req_${token(14)}`,
      ...(reply.replayed ? { 'idempotent-replayed': 'true' } : {}),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    });
    res.end(JSON.stringify(reply.body));
  }

  private reply(
    method: string,
    path: string,
    params: Record<string, string>,
    idempotencyKey: string | undefined,
    authorization: string | undefined,
  ): Reply & { replayed?: boolean } {
    if (this.failures.remaining > 0) {
      this.failures.remaining -= 1;
      return { status: this.failures.status, body: { error: { type: 'api_error', message: 'Fake Stripe was told to fail this request.' } } };
    }
    if (!authorization || !/^Bearer (sk|rk)_(test|live)_\S+$/.test(authorization)) {
      return errorReply(new StripeApiError(401, { type: 'invalid_request_error' }, 'Invalid API Key provided.'));
    }
    if (method !== 'POST' || !idempotencyKey) return this.route(method, path, params);

    const fingerprint = `${method} ${path} ${canonical(params)}`;
    const stored = this.idempotent.get(idempotencyKey);
    if (stored && stored.fingerprint !== fingerprint) {
      return errorReply(
        new StripeApiError(
          400,
          { type: 'idempotency_error' },
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        ),
      );
    }
    if (stored) return { ...stored.reply, replayed: true };
    const reply = this.route(method, path, params);
    this.idempotent.set(idempotencyKey, { fingerprint, reply });
    return reply;
  }

  private route(method: string, path: string, params: Record<string, string>): Reply {
    try {
      if (method === 'POST' && path === '/v1/payment_intents') return ok(this.createIntent(params));
      if (method === 'POST' && path === '/v1/refunds') return ok(this.createRefund(params));
      if (method === 'POST' && path === '/v1/checkout/sessions') return ok(publicSession(this.createSession(params)));
      const expire = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path);
      if (method === 'POST' && expire?.[1]) return ok(publicSession(this.expireSession(expire[1])));
      const session = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
      if (method === 'GET' && session?.[1]) return ok(publicSession(this.findSession(session[1])));
      const cancel = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path);
      if (method === 'POST' && cancel?.[1]) return ok(this.cancelIntent(cancel[1], params));
      const retrieve = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
      if (method === 'GET' && retrieve?.[1]) return ok(structuredClone(this.findIntent(retrieve[1])));
      throw new StripeApiError(404, { type: 'invalid_request_error' }, `Unrecognized request URL (${method}: ${path}).`);
    } catch (error) {
      if (error instanceof StripeApiError) return errorReply(error);
      throw error;
    }
  }

  private createIntent(params: Record<string, string>): FakePaymentIntent {
    const amount = requiredInteger(params, 'amount');
    const currency = params.currency;
    if (!currency) throw missing('currency');
    const id = `pi_${token(24)}`;
    const metadata = Object.fromEntries(
      Object.entries(params)
        .map(([key, value]) => [/^metadata\[(.+)\]$/.exec(key)?.[1], value] as const)
        .filter((entry): entry is readonly [string, string] => entry[0] !== undefined),
    );
    const intent: FakePaymentIntent = {
      id,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      automatic_payment_methods:
        params['automatic_payment_methods[enabled]'] === 'true' ? { enabled: true, allow_redirects: 'always' } : null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: 'automatic_async',
      client_secret: `${id}_secret_${token(24)}`,
      confirmation_method: 'automatic',
      created: now(),
      currency: currency.toLowerCase(),
      customer: null,
      description: null,
      latest_charge: null,
      livemode: false,
      metadata,
      payment_method: null,
      payment_method_types: ['card'],
      receipt_email: params.receipt_email ?? null,
      status: 'requires_payment_method',
    };
    this.intents.set(id, intent);
    return structuredClone(intent);
  }

  private cancelIntent(id: string, params: Record<string, string>): FakePaymentIntent {
    const intent = this.findIntent(id);
    if (!CANCELABLE.includes(intent.status)) {
      throw new StripeApiError(
        400,
        {
          type: 'invalid_request_error',
          code: 'payment_intent_unexpected_state',
          ...(this.includeIntentInErrors ? { payment_intent: structuredClone(intent) } : {}),
        },
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
      );
    }
    intent.status = 'canceled';
    intent.canceled_at = now();
    intent.cancellation_reason = params.cancellation_reason ?? null;
    return structuredClone(intent);
  }

  private createRefund(params: Record<string, string>): FakeRefund {
    const intentId = params.payment_intent;
    if (!intentId) throw missing('payment_intent');
    const intent = this.findIntent(intentId);
    if (intent.status !== 'succeeded') {
      throw new StripeApiError(
        400,
        { type: 'invalid_request_error', code: 'charge_not_refundable' },
        `This PaymentIntent (${intentId}) does not have a successful charge to refund.`,
      );
    }
    const alreadyRefunded = this.refunded.get(intentId) ?? 0;
    const remaining = intent.amount_received - alreadyRefunded;
    if (remaining <= 0) {
      throw new StripeApiError(400, { type: 'invalid_request_error', code: 'charge_already_refunded' }, `Charge ${intent.latest_charge} has already been refunded.`);
    }
    const amount = params.amount === undefined ? remaining : requiredInteger(params, 'amount');
    if (amount <= 0 || amount > remaining) {
      throw new StripeApiError(
        400,
        { type: 'invalid_request_error', code: 'amount_too_large', param: 'amount' },
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining}).`,
      );
    }
    this.refunded.set(intentId, alreadyRefunded + amount);
    return {
      id: `re_${token(24)}`,
      object: 'refund',
      amount,
      charge: intent.latest_charge,
      created: now(),
      currency: intent.currency,
      metadata: {},
      payment_intent: intentId,
      reason: params.reason ?? null,
      status: 'succeeded',
    };
  }

  /** Payment mode with `price_data` line items, as StripeProvider sends them; the checks Stripe makes that matter to us. */
  private createSession(params: Record<string, string>): FakeCheckoutSession {
    if (params.mode !== 'payment') throw missing('mode');
    for (const url of ['success_url', 'cancel_url']) if (!params[url]) throw missing(url);
    const expiresAt = params.expires_at === undefined ? now() + 24 * 3600 : requiredInteger(params, 'expires_at');
    if (expiresAt < now() + 30 * 60 || expiresAt > now() + 24 * 3600) {
      throw new StripeApiError(400, { type: 'invalid_request_error', param: 'expires_at' }, 'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.');
    }
    let total = 0;
    let currency: string | undefined;
    for (let index = 0; params[`line_items[${index}][quantity]`] !== undefined; index += 1) {
      const quantity = requiredInteger(params, `line_items[${index}][quantity]`);
      const unitAmount = requiredInteger(params, `line_items[${index}][price_data][unit_amount]`);
      currency = params[`line_items[${index}][price_data][currency]`];
      if (!currency) throw missing(`line_items[${index}][price_data][currency]`);
      total += quantity * unitAmount;
    }
    if (currency === undefined) throw missing('line_items');
    const id = `cs_test_${token(40)}`;
    const session: FakeCheckoutSession = {
      id,
      object: 'checkout.session',
      amount_subtotal: total,
      amount_total: total,
      cancel_url: params.cancel_url ?? null,
      client_reference_id: params.client_reference_id ?? null,
      created: now(),
      currency: currency.toLowerCase(),
      customer_email: params.customer_email ?? null,
      expires_at: expiresAt,
      livemode: false,
      metadata: prefixed(params, 'metadata'),
      mode: 'payment',
      payment_intent: null,
      payment_method_types: ['card'],
      payment_status: 'unpaid',
      status: 'open',
      success_url: params.success_url ?? null,
      url: `${this.url}/c/pay/${id}`,
      intent_metadata: prefixed(params, 'payment_intent_data[metadata]'),
    };
    this.sessions.set(id, session);
    return session;
  }

  private expireSession(id: string): FakeCheckoutSession {
    const session = this.findSession(id);
    if (session.status !== 'open') {
      throw new StripeApiError(400, { type: 'invalid_request_error' }, `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`);
    }
    session.status = 'expired';
    session.url = null;
    return session;
  }

  private findSession(id: string): FakeCheckoutSession {
    const session = this.sessions.get(id);
    if (!session) throw new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'session' }, `No such checkout.session: '${id}'`);
    return session;
  }

  private findIntent(id: string): FakePaymentIntent {
    const intent = this.intents.get(id);
    if (!intent) {
      throw new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'intent' }, `No such payment_intent: '${id}'`);
    }
    return intent;
  }
}

/** The session as Stripe shows it (without the fake's own bookkeeping). */
function publicSession(session: FakeCheckoutSession): Omit<FakeCheckoutSession, 'intent_metadata'> {
  const { intent_metadata: _kept, ...shown } = structuredClone(session);
  return shown;
}

/** Form fields under a prefix (`metadata[orderId]`) as a plain object. */
function prefixed(params: Record<string, string>, prefix: string): Record<string, string> {
  const head = `${prefix}[`;
  return Object.fromEntries(
    Object.entries(params)
      .filter(([key]) => key.startsWith(head) && key.endsWith(']') && !key.slice(head.length, -1).includes('['))
      .map(([key, value]) => [key.slice(head.length, -1), value]),
  );
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function errorReply(error: StripeApiError): Reply {
  return { status: error.status, body: { error: { ...error.body, message: error.message } } };
}

function missing(param: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code: 'parameter_missing', param }, `Missing required param: ${param}.`);
}

function requiredInteger(params: Record<string, string>, param: string): number {
  const raw = params[param];
  if (raw === undefined) throw missing(param);
  if (!/^\d+$/.test(raw)) {
    throw new StripeApiError(400, { type: 'invalid_request_error', code: 'parameter_invalid_integer', param }, `Invalid integer: ${raw}`);
  }
  return Number(raw);
}

function canonical(params: Record<string, string>): string {
  return JSON.stringify(Object.entries(params).sort(([a], [b]) => a.localeCompare(b)));
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function token(length: number): string {
  return randomBytes(length).toString('base64url').replace(/[-_]/g, 'x').slice(0, length);
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}
