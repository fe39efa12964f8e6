import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue.js';
import { OrderCancellationService } from './order-cancellation.service.js';
import { forgetSettledClientKeys } from './order-holds.queries.js';
import { Order } from './order.entity.js';

export const EXPIRY_REASON = 'The payment window expired';

/** One delayed job per order, sent by checkout in its own transaction, due at `expiresAt`. */
export const ORDER_EXPIRY_QUEUE = 'orders.expire';
/** Every five minutes: a backstop for any order whose own job was lost, plus housekeeping. */
const EXPIRY_SWEEP_QUEUE = 'orders.expiry-sweep';

interface OrderExpiryJob {
  orderId: string;
}

/**
 * Cancels unpaid orders past `expiresAt` and gives their stock back. Checkout schedules a pg-boss
 * job per order for the exact moment; the sweep catches anything that job missed. Both lock the
 * order row, so a payment confirmed at the same instant either lands first (the order is PAID and
 * expiry leaves it) or finds the order cancelled (and takes the late-payment path).
 */
@Injectable()
export class OrderExpiryService implements OnApplicationBootstrap {
  private readonly logger = new Logger('OrderExpiry');

  constructor(
    private readonly dataSource: DataSource,
    private readonly cancellation: OrderCancellationService,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.register<OrderExpiryJob>({ name: ORDER_EXPIRY_QUEUE, retryLimit: 10, retryDelay: 30, retryBackoff: true }, async ({ orderId }) => {
      await this.expireOrder(orderId);
    });
    await this.jobs.register({ name: EXPIRY_SWEEP_QUEUE, retryLimit: 0 }, async () => {
      await this.sweep();
    });
    await this.jobs.every(EXPIRY_SWEEP_QUEUE, '*/5 * * * *');
  }

  /** Sends the order's expiry job inside the checkout transaction. */
  async schedule(em: EntityManager, order: Pick<Order, 'id' | 'expiresAt'>): Promise<void> {
    await this.jobs.sendWith(em, ORDER_EXPIRY_QUEUE, { orderId: order.id } satisfies OrderExpiryJob, { startAfter: order.expiresAt });
  }

  /** Expires one order if it is still unpaid and due; true when it did. */
  async expireOrder(orderId: string): Promise<boolean> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const [due] = await em.query<{ id: string }[]>(
        `SELECT id FROM shop_order WHERE id = $1 AND status = 'PENDING_PAYMENT' AND expires_at <= now() FOR UPDATE`,
        [orderId],
      );
      return due ? this.cancelLocked(em, due.id) : null;
    });
    if (!outcome) return false;
    await this.cancellation.cancelAtProvider(outcome.orderId, outcome.payment);
    this.logger.log({ orderId }, 'Expired an unpaid order');
    return true;
  }

  async sweep(): Promise<number> {
    const expired = await this.expireDue();
    await this.forgetExpiredIdempotencyRecords();
    await this.dataSource.transaction((em) => forgetSettledClientKeys(em));
    return expired;
  }

  /**
   * Idempotency records hold checkout responses (with the shopper's one-time token) for 24 h;
   * past that they only take space and keep a secret longer than needed.
   */
  async forgetExpiredIdempotencyRecords(): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      'WITH gone AS (DELETE FROM idempotency_record WHERE expires_at <= now() RETURNING 1) SELECT count(*)::int AS count FROM gone',
    );
    return row?.count ?? 0;
  }

  /**
   * Cancels up to `limit` expired orders; returns how many. `SKIP LOCKED` lets several processes
   * sweep at once; one order per transaction so one bad order cannot stall the rest.
   */
  async expireDue(limit = 200): Promise<number> {
    let expired = 0;
    while (expired < limit) {
      const outcome = await this.dataSource.transaction(async (em) => {
        const [due] = await em.query<{ id: string }[]>(
          `SELECT id FROM shop_order
            WHERE status = 'PENDING_PAYMENT' AND expires_at <= now()
            ORDER BY expires_at
            LIMIT 1
            FOR UPDATE SKIP LOCKED`,
        );
        return due ? this.cancelLocked(em, due.id) : null;
      });
      if (!outcome) break;
      await this.cancellation.cancelAtProvider(outcome.orderId, outcome.payment);
      expired += 1;
    }
    if (expired > 0) this.logger.log({ expired }, 'Expiry sweep cancelled unpaid orders');
    return expired;
  }

  private async cancelLocked(em: EntityManager, orderId: string) {
    const order = await em.getRepository(Order).findOneByOrFail({ id: orderId });
    const payment = await this.cancellation.cancelUnpaid(em, order, 'SYSTEM', EXPIRY_REASON);
    return { orderId: order.id, payment };
  }
}
