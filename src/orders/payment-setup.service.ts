import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Outbox } from '../outbox/outbox.js';
import { PAYMENT_PROVIDER, type CreatedPayment, type PaymentProvider } from '../payments/payment-provider.js';
import type { PaymentStatus } from '../payments/payment.types.js';
import { eventBase, eventLines, totalsOf } from './order-event-payloads.js';
import type { OrderEventPayloads } from './order-events.js';
import type { OrderItem } from './order-item.entity.js';
import type { Order } from './order.entity.js';
import type { OrderPaymentView } from './order.views.js';
import { PaymentSetupFailed } from './orders.errors.js';

interface StoredRow {
  status: PaymentStatus;
  provider_reference: string | null;
  stored: boolean;
}

/**
 * The payment step of a checkout, after the order is committed: asks the provider for the payment
 * and stores its reference on the order's payment row. Safe to repeat (a retried checkout with the
 * same Idempotency-Key runs it again): the provider call carries the order's own idempotency key,
 * so it answers with the same payment, and a reference already stored is left as is. Only the
 * first time it is stored does `order.created` go out (the shopper's e-mail with the transfer to
 * make), so an order whose payment was never set up never tells anyone how to pay it. If the sweep
 * cancelled the order meanwhile, the provider's payment is cancelled and nobody receives it.
 */
@Injectable()
export class PaymentSetupService {
  private readonly logger = new Logger('PaymentSetup');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
  ) {}

  async start(order: Order, items: readonly OrderItem[]): Promise<OrderPaymentView> {
    let created: CreatedPayment;
    try {
      created = await this.payments.createPayment({ orderId: order.id, orderNumber: order.number, amount: order.total, customerEmail: order.customerEmail });
    } catch (error) {
      this.logger.error({ err: error, orderId: order.id, provider: this.payments.name }, 'Payment provider failed at checkout');
      throw new PaymentSetupFailed(order.number);
    }
    const status = await this.dataSource.transaction(async (em) => {
      // Locks the payment row, and stores the reference only where none is yet and the payment still waits.
      const [row] = await em.query<StoredRow[]>(
        `WITH current AS (SELECT id, status, provider_reference FROM payment WHERE order_id = $1 FOR UPDATE),
              stored AS (
                UPDATE payment p SET provider_reference = $2, updated_at = now()
                  FROM current c WHERE p.id = c.id AND c.status = 'PENDING' AND c.provider_reference IS NULL
                RETURNING p.id)
         SELECT c.status, c.provider_reference, EXISTS (SELECT 1 FROM stored) AS stored FROM current c`,
        [order.id, created.reference],
      );
      if (row?.stored) {
        await this.outbox.publish(em, {
          type: 'order.created',
          aggregateType: 'order',
          aggregateId: order.id,
          payload: {
            ...eventBase(order),
            ...totalsOf(order),
            lines: eventLines(items),
            facilityIds: [...new Set(items.map((item) => item.facilityId))],
            paymentProvider: created.provider,
          } satisfies OrderEventPayloads['order.created'],
        });
        return row.status;
      }
      return row?.provider_reference === created.reference ? row.status : null;
    });
    if (status === null) {
      this.logger.warn({ orderId: order.id }, 'The order was cancelled while its payment was being set up; cancelling the payment');
      await this.payments.cancelPayment(created.reference).catch((error: unknown) => {
        this.logger.error({ err: error, orderId: order.id, reference: created.reference }, 'Could not cancel the payment at the provider');
      });
      throw new PaymentSetupFailed(order.number);
    }
    return {
      provider: created.provider,
      status,
      ...(created.clientSecret !== undefined && { clientSecret: created.clientSecret }),
      ...(created.instructions !== undefined && { instructions: created.instructions }),
    };
  }
}
