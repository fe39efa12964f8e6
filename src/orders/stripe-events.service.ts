import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type Stripe from 'stripe';
import { NotFoundError, ValidationError } from '../common/errors/domain-error.js';
import type { PaymentStatus } from '../payments/payment.types.js';
import { StripeProvider } from '../payments/stripe.provider.js';
import { stripeAmountToWholeRupiah } from '../payments/stripe-amount.js';
import { lockOrder } from './order-locks.js';
import type { WebhookAckView } from './order-payments.views.js';
import { PaymentFailuresService } from './payment-failures.service.js';
import { PaymentSuccessService } from './payment-success.service.js';
import { ProviderRefundsService } from './provider-refunds.service.js';

const MONEY_TAKEN: readonly PaymentStatus[] = ['SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns verified Stripe events into order outcomes, one service per kind of news. The event id is recorded in the same
 * transaction as its effect: a replay finds it and does nothing, and a failure records nothing,
 * so the error answer makes Stripe deliver it again.
 */
@Injectable()
export class StripeEventsService {
  private readonly logger = new Logger('StripeEvents');

  constructor(
    private readonly dataSource: DataSource,
    private readonly success: PaymentSuccessService,
    private readonly failures: PaymentFailuresService,
    private readonly refunds: ProviderRefundsService,
    @Inject(StripeProvider) private readonly stripe: StripeProvider | null,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookAckView> {
    // Without Stripe there is no webhook to speak of.
    if (!this.stripe) throw new NotFoundError('Stripe webhook');
    if (signature && !rawBody) throw new ValidationError('body', 'is required');
    const stripe = this.stripe;
    const event = stripe.verifyWebhook(rawBody ?? Buffer.alloc(0), signature);
    const superseded = await this.dataSource.transaction(async (em): Promise<string | null> => {
      const orderId = await this.orderOf(em, event);
      // A concurrent copy waits here on the unique key until the first commits, then inserts nothing.
      const recorded = await em.query<{ id: string }[]>(
        `INSERT INTO payment_event (id, provider, type, order_id) VALUES ($1, 'stripe', $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.type, orderId],
      );
      if (recorded.length === 0) return null;
      if (orderId === null) {
        this.logger.warn({ eventId: event.id, type: event.type }, 'Stripe event for no order of ours; recorded and ignored');
        return null;
      }
      return this.apply(em, event, orderId);
    });
    if (superseded !== null) {
      // The intent made at checkout was never paid (the shopper paid on a hosted page): nothing to keep it open for.
      await stripe.cancelPayment(superseded).catch((error: unknown) => this.logger.warn({ err: error, reference: superseded }, 'Could not cancel a superseded PaymentIntent'));
    }
    return { received: true };
  }

  /** Applies the event in its transaction; returns a PaymentIntent the order no longer uses, to cancel once committed. */
  private async apply(em: EntityManager, event: Stripe.Event, orderId: string): Promise<string | null> {
    switch (event.type) {
      case 'payment_intent.succeeded': {
        const intent = event.data.object;
        const adopted = await this.adoptIntent(em, orderId, intent.id);
        if (adopted.kind === 'duplicate') {
          // A second payment of an order already paid through another intent (two payment pages both paid): give it back.
          this.logger.warn({ orderId, intentId: intent.id }, 'A second payment of a paid order; refunding it');
          await this.stripe?.refund({ reference: intent.id, amount: stripeAmountToWholeRupiah(intent.amount_received), idempotencyKey: `refund-duplicate-${intent.id}` });
          return null;
        }
        await this.success.markPaid(
          orderId,
          // In rupiah with any fraction kept, so a collected amount off by even one sen is caught.
          { actorType: 'PAYMENT_PROVIDER', reference: intent.id, amountReceived: intent.amount_received / 100 },
          em,
        );
        return adopted.kind === 'adopted' ? adopted.superseded : null;
      }
      case 'payment_intent.payment_failed':
        // A declined card on a payment page the order no longer uses (or whose intent is not the order's) changes nothing.
        if (await this.isStale(em, orderId, event.data.object.id)) return null;
        await this.failures.markFailed(orderId, event.data.object.last_payment_error?.message ?? 'The payment failed', em);
        return null;
      case 'payment_intent.canceled':
        // Stripe cancels the intent of an expired payment page; the order's own payment is untouched by it.
        if (await this.isStale(em, orderId, event.data.object.id)) return null;
        await this.failures.markCanceledByProvider(orderId, em);
        return null;
      case 'charge.refunded':
        await this.refunds.recordRefund(orderId, stripeAmountToWholeRupiah(event.data.object.amount_refunded), em);
        return null;
      default:
        // checkout.session.completed / expired: recorded, nothing more. The money is payment_intent.succeeded's news
        // (one source of truth); the session only says the shopper finished the page.
        return null;
    }
  }

  /**
   * The order's payment now follows the intent that was paid, when that is not the one made at
   * checkout (a hosted Checkout Session makes its own): refunds and late returns must reach the
   * money. A paid order whose payment follows another intent is a duplicate payment.
   */
  private async adoptIntent(em: EntityManager, orderId: string, intentId: string): Promise<{ kind: 'same' | 'duplicate' } | { kind: 'adopted'; superseded: string | null }> {
    await lockOrder(em, orderId);
    const [payment] = await em.query<{ provider_reference: string | null; status: PaymentStatus }[]>(
      'SELECT provider_reference, status FROM payment WHERE order_id = $1 FOR UPDATE',
      [orderId],
    );
    if (!payment || payment.provider_reference === intentId) return { kind: 'same' };
    if (MONEY_TAKEN.includes(payment.status)) return { kind: 'duplicate' };
    await em.query('UPDATE payment SET provider_reference = $2, updated_at = now() WHERE order_id = $1', [orderId, intentId]);
    return { kind: 'adopted', superseded: payment.provider_reference };
  }

  /** The event's intent is not the one the order's payment follows (it has one, and another). */
  private async isStale(em: EntityManager, orderId: string, intentId: string): Promise<boolean> {
    const [payment] = await em.query<{ provider_reference: string | null }[]>('SELECT provider_reference FROM payment WHERE order_id = $1', [orderId]);
    const current = payment?.provider_reference ?? null;
    return current !== null && current !== intentId;
  }

  /** The order an event is about: by its PaymentIntent id, else by the orderId put in its metadata. */
  private async orderOf(em: EntityManager, event: Stripe.Event): Promise<string | null> {
    switch (event.type) {
      case 'payment_intent.succeeded':
      case 'payment_intent.payment_failed':
      case 'payment_intent.canceled':
        return this.findOrder(em, event.data.object.id, event.data.object.metadata.orderId);
      case 'charge.refunded': {
        const intent = event.data.object.payment_intent;
        return this.findOrder(em, typeof intent === 'string' ? intent : (intent?.id ?? null), event.data.object.metadata.orderId);
      }
      case 'checkout.session.completed':
      case 'checkout.session.expired':
        return this.findOrder(em, null, event.data.object.client_reference_id ?? event.data.object.metadata?.orderId);
      default:
        return null;
    }
  }

  private async findOrder(em: EntityManager, intentId: string | null, metadataOrderId: string | undefined): Promise<string | null> {
    if (intentId !== null) {
      const [byReference] = await em.query<{ order_id: string }[]>(`SELECT order_id FROM payment WHERE provider = 'stripe' AND provider_reference = $1`, [intentId]);
      if (byReference) return byReference.order_id;
    }
    if (metadataOrderId === undefined || !UUID.test(metadataOrderId)) return null;
    const [byMetadata] = await em.query<{ order_id: string }[]>(`SELECT order_id FROM payment WHERE provider = 'stripe' AND order_id = $1`, [metadataOrderId]);
    return byMetadata?.order_id ?? null;
  }
}
