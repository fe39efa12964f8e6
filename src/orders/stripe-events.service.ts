import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type Stripe from 'stripe';
import { NotFoundError, ValidationError } from '../common/errors/domain-error.js';
import { StripeProvider } from '../payments/stripe.provider.js';
import { stripeAmountToWholeRupiah } from '../payments/stripe-amount.js';
import type { WebhookAckView } from './order-payments.views.js';
import { PaymentFailuresService } from './payment-failures.service.js';
import { PaymentSuccessService } from './payment-success.service.js';
import { ProviderRefundsService } from './provider-refunds.service.js';

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
    const event = this.stripe.verifyWebhook(rawBody ?? Buffer.alloc(0), signature);
    await this.dataSource.transaction(async (em) => {
      const orderId = await this.orderOf(em, event);
      // A concurrent copy waits here on the unique key until the first commits, then inserts nothing.
      const recorded = await em.query<{ id: string }[]>(
        `INSERT INTO payment_event (id, provider, type, order_id) VALUES ($1, 'stripe', $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.type, orderId],
      );
      if (recorded.length === 0) return;
      if (orderId === null) {
        this.logger.warn({ eventId: event.id, type: event.type }, 'Stripe event for no order of ours; recorded and ignored');
        return;
      }
      await this.apply(em, event, orderId);
    });
    return { received: true };
  }

  private async apply(em: EntityManager, event: Stripe.Event, orderId: string): Promise<void> {
    switch (event.type) {
      case 'payment_intent.succeeded':
        await this.success.markPaid(
          orderId,
          // In rupiah with any fraction kept, so a collected amount off by even one sen is caught.
          { actorType: 'PAYMENT_PROVIDER', reference: event.data.object.id, amountReceived: event.data.object.amount_received / 100 },
          em,
        );
        return;
      case 'payment_intent.payment_failed':
        await this.failures.markFailed(orderId, event.data.object.last_payment_error?.message ?? 'The payment failed', em);
        return;
      case 'payment_intent.canceled':
        await this.failures.markCanceledByProvider(orderId, em);
        return;
      case 'charge.refunded':
        await this.refunds.recordRefund(orderId, stripeAmountToWholeRupiah(event.data.object.amount_refunded), em);
        return;
      default:
        return;
    }
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
