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
 * (`STRIPE_API_URL=fake.url`): PaymentIntents (create, retrieve, cancel), refunds, Stripe-style
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

  private findIntent(id: string): FakePaymentIntent {
    const intent = this.intents.get(id);
    if (!intent) {
      throw new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'intent' }, `No such payment_intent: '${id}'`);
    }
    return intent;
  }
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
