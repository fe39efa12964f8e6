import { Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { DomainError } from '../common/errors/domain-error.js';
import type { StripeConfig } from '../config/app-config.js';
import type { CreatedPayment, HostedCheckout, HostedCheckoutEnd, HostedCheckoutRequest, PaymentProvider, PaymentRequest, RefundRequest } from './payment-provider.js';
import { PaymentAlreadySucceeded } from './payment.errors.js';
import { rupiahToStripeAmount } from './stripe-amount.js';
import { isWellFormedStripeSignature } from './stripe-signature-header.js';

export interface StripeProviderOptions {
  /** Retries of connection errors, 409s and 5xx, each with the same idempotency key. */
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

type Operation = 'create the payment' | 'cancel the payment' | 'refund the payment' | 'look up the payment' | 'open the payment page' | 'close the payment page';

/** Stripe refuses a Checkout Session that expires sooner than 30 minutes or later than 24 hours after it is made. */
const SESSION_MIN_SECONDS = 31 * 60;
const SESSION_MAX_SECONDS = 24 * 3600 - 60;

/**
 * Card and e-wallet payments through Stripe PaymentIntents. Amounts cross this boundary as whole
 * rupiah and leave as Stripe's IDR minor units; Stripe's errors leave as PAYMENT_PROVIDER_ERROR.
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;
  private readonly webhookSecret: string;
  private readonly logger = new Logger(StripeProvider.name);

  constructor(config: Pick<StripeConfig, 'secretKey' | 'webhookSecret' | 'apiUrl'>, options: StripeProviderOptions = {}) {
    this.webhookSecret = config.webhookSecret;
    this.stripe = new Stripe(config.secretKey, {
      maxNetworkRetries: options.maxNetworkRetries ?? 1,
      timeout: options.timeoutMs ?? 20_000,
      ...(config.apiUrl === undefined ? {} : apiHost(config.apiUrl)),
    });
  }

  async createPayment(request: PaymentRequest): Promise<CreatedPayment> {
    const intent = await this.call('create the payment', () =>
      this.stripe.paymentIntents.create(
        {
          amount: rupiahToStripeAmount(request.amount),
          currency: 'idr',
          automatic_payment_methods: { enabled: true },
          receipt_email: request.customerEmail,
          metadata: { orderId: request.orderId, orderNumber: request.orderNumber },
        },
        // One intent per order however often checkout is retried; Stripe keeps keys for 24 hours.
        { idempotencyKey: `pi-${request.orderId}` },
      ),
    );
    if (!intent.client_secret) {
      throw new DomainError('PAYMENT_PROVIDER_ERROR', 'The payment provider returned a payment without a client secret');
    }
    return { provider: this.name, reference: intent.id, clientSecret: intent.client_secret };
  }

  async cancelPayment(reference: string | null): Promise<void> {
    if (reference === null) return;
    try {
      await this.stripe.paymentIntents.cancel(reference);
    } catch (error) {
      if (!isUnexpectedState(error)) throw this.toDomainError('cancel the payment', error);
      // The intent is past cancelling: fine if it is already canceled, never if the money was taken.
      const status = error.payment_intent?.status ?? (await this.retrieveStatus(reference));
      if (status === 'canceled') return;
      if (status === 'succeeded') throw new PaymentAlreadySucceeded(reference);
      throw this.toDomainError('cancel the payment', error);
    }
  }

  async refund(request: RefundRequest): Promise<{ refundId: string | null }> {
    const refund = await this.call('refund the payment', () =>
      this.stripe.refunds.create(
        { payment_intent: request.reference, amount: rupiahToStripeAmount(request.amount) },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    return { refundId: refund.id };
  }

  /**
   * A hosted Checkout Session for the order's total (our CSP forbids Stripe.js, so the shopper is
   * redirected). The order id is on the session (`client_reference_id`, metadata) and on the
   * PaymentIntent Stripe makes for it (`payment_intent_data.metadata`), which is how the webhook's
   * payment_intent.succeeded finds the order. Expiry follows the order's hold, within Stripe's
   * 30 minutes to 24 hours: an order with less hold left keeps a page a little longer, and a
   * payment after the hold is returned by the late-payment path.
   */
  async startHostedCheckout(request: HostedCheckoutRequest): Promise<HostedCheckout> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const wanted = Math.floor(request.expiresAt.getTime() / 1000);
    const expiresAt = Math.min(nowSeconds + SESSION_MAX_SECONDS, Math.max(nowSeconds + SESSION_MIN_SECONDS, wanted));
    const metadata = { orderId: request.orderId, orderNumber: request.orderNumber };
    const session = await this.call('open the payment page', () =>
      this.stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [{ quantity: 1, price_data: { currency: 'idr', unit_amount: rupiahToStripeAmount(request.amount), product_data: { name: request.description } } }],
          customer_email: request.customerEmail,
          client_reference_id: request.orderId,
          metadata,
          payment_intent_data: { metadata },
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          expires_at: expiresAt,
        },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    if (!session.url) throw new DomainError('PAYMENT_PROVIDER_ERROR', 'The payment provider returned a payment page without a URL');
    return { id: session.id, url: session.url };
  }

  async endHostedCheckout(id: string): Promise<HostedCheckoutEnd> {
    const session = await this.call('close the payment page', () => this.stripe.checkout.sessions.retrieve(id));
    if (session.status === 'complete') return 'complete';
    if (session.status === 'expired') return 'expired';
    const closed = await this.call('close the payment page', () => this.stripe.checkout.sessions.expire(id)).catch(async (error: unknown) => {
      // Paid (or expired) between the two calls: look again rather than guess.
      const again = await this.call('close the payment page', () => this.stripe.checkout.sessions.retrieve(id));
      if (again.status === 'open') throw error;
      return again;
    });
    return closed.status === 'complete' ? 'complete' : 'expired';
  }

  /**
   * Checks the `Stripe-Signature` header against the raw request body and only then parses it.
   * Throws VALIDATION_FAILED for a missing, wrong or stale (over 5 minutes) signature.
   */
  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): Stripe.Event {
    if (!signatureHeader) throw new DomainError('VALIDATION_FAILED', 'invalid signature');
    if (!isWellFormedStripeSignature(signatureHeader)) {
      throw new DomainError('VALIDATION_FAILED', 'invalid signature', {
        errors: [{ field: 'Stripe-Signature', message: 'must be t=<unix seconds>,v1=<64 hex digits>, as Stripe signs deliveries' }],
      });
    }
    try {
      return this.stripe.webhooks.constructEvent(rawBody, signatureHeader, this.webhookSecret);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        throw new DomainError('VALIDATION_FAILED', 'invalid signature');
      }
      // Signed by Stripe but not JSON: nothing a retry would fix.
      if (error instanceof SyntaxError) throw new DomainError('VALIDATION_FAILED', 'invalid payload');
      throw error;
    }
  }

  private async retrieveStatus(reference: string): Promise<Stripe.PaymentIntent.Status> {
    const intent = await this.call('look up the payment', () => this.stripe.paymentIntents.retrieve(reference));
    return intent.status;
  }

  private async call<T>(operation: Operation, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw this.toDomainError(operation, error);
    }
  }

  private toDomainError(operation: Operation, error: unknown): unknown {
    if (!(error instanceof Stripe.errors.StripeError)) return error;
    this.logger.warn(
      `Stripe could not ${operation}: ${error.rawType ?? error.type}${error.code ? `/${error.code}` : ''} ` +
        `(HTTP ${error.statusCode ?? 'none'}, request ${error.requestId ?? 'none'}): ${redactKeys(error.message)}`,
    );
    return new DomainError('PAYMENT_PROVIDER_ERROR', `The payment provider could not ${operation}; please try again later`);
  }
}

function isUnexpectedState(error: unknown): error is Stripe.errors.StripeInvalidRequestError {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'payment_intent_unexpected_state';
}

/** Stripe masks keys in its messages already; this keeps it so whatever the message says. */
function redactKeys(message: string): string {
  return message.replace(/\b(sk|rk|pk|whsec)_[A-Za-z0-9_*]+/g, '$1_[redacted]');
}

function apiHost(apiUrl: string): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { protocol, host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443) };
}
