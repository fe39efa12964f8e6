import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { JobQueue } from '../jobs/job-queue.js';
import { CancelledBatch, OrderCancellationService } from './order-cancellation.service.js';
import { lockAbandonedCheckouts, lockDueOrders } from './order-cancellation.queries.js';
import { forgetSettledClientKeys } from './order-holds.queries.js';
import { Order } from './order.entity.js';

export const EXPIRY_REASON = 'The payment window expired';
export const ABANDONED_CHECKOUT_REASON = 'The payment could not be set up at checkout';

/**
 * How old an order's payment may be without a provider reference before the order counts as
 * abandoned: far longer than any checkout's provider call (Stripe: 20 s timeout, one retry).
 */
export const PAYMENT_SETUP_GRACE_SECONDS = 180;

/** How often the sweep runs (its cron below). */
export const SWEEP_INTERVAL_SECONDS = 60;

/** One delayed job per order, sent by checkout in its own transaction, due at `expiresAt`. */
export const ORDER_EXPIRY_QUEUE = 'orders.expire';
/** Every minute: a backstop for any order whose own job was lost, abandoned checkouts, housekeeping. */
const EXPIRY_SWEEP_QUEUE = 'orders.expiry-sweep';

/** Orders cancelled per transaction: big enough to drain a backlog fast, small enough to hold locks briefly. */
const BATCH_SIZE = 200;
/** Expiry jobs a worker takes per fetch; each batch is one transaction. */
const JOB_BATCH_SIZE = 100;

interface OrderExpiryJob {
  orderId: string;
}

/**
 * Cancels unpaid orders past `expiresAt` and gives their stock back. Checkout schedules a pg-boss
 * job per order for the exact moment (workers take them in batches); the sweep catches anything a
 * job missed, and cancels abandoned checkouts: orders whose payment the provider never confirmed
 * (the process died or the provider failed mid-checkout), which no shopper can pay. Everything is
 * set-based, a batch per transaction, with `SKIP LOCKED` so several workers share a backlog; an
 * order a payment is being confirmed for at that instant is skipped (the payment lands first) or
 * found cancelled (and takes the late-payment path).
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
    await this.jobs.registerBatch<OrderExpiryJob>(
      { name: ORDER_EXPIRY_QUEUE, retryLimit: 10, retryDelay: 30, retryBackoff: true },
      JOB_BATCH_SIZE,
      async (jobs) => {
        await this.expireOrders(jobs.map((job) => job.orderId));
      },
    );
    await this.jobs.register({ name: EXPIRY_SWEEP_QUEUE, retryLimit: 0 }, async () => {
      await this.sweep();
    });
    await this.jobs.every(EXPIRY_SWEEP_QUEUE, '* * * * *');
  }

  /** Sends the order's expiry job inside the checkout transaction. */
  async schedule(em: EntityManager, order: Pick<Order, 'id' | 'expiresAt'>): Promise<void> {
    await this.jobs.sendWith(em, ORDER_EXPIRY_QUEUE, { orderId: order.id } satisfies OrderExpiryJob, { startAfter: order.expiresAt });
  }

  /** Expires those of the given orders that are still unpaid and due; returns how many it did. */
  async expireOrders(orderIds: readonly string[]): Promise<number> {
    if (orderIds.length === 0) return 0;
    return this.cancelBatch((em) => lockDueOrders(em, orderIds.length, orderIds), EXPIRY_REASON);
  }

  /** Everything the minute job does; returns how many orders it cancelled. */
  async sweep(): Promise<number> {
    const expired = await this.expireDue();
    const abandoned = await this.cancelAbandonedCheckouts();
    await this.forgetExpiredIdempotencyRecords();
    await forgetSettledClientKeys(this.dataSource.manager);
    return expired + abandoned;
  }

  /** Idempotency keys answer for 24 h; past that they only take space. */
  async forgetExpiredIdempotencyRecords(): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      'WITH gone AS (DELETE FROM idempotency_record WHERE expires_at <= now() RETURNING 1) SELECT count(*)::int AS count FROM gone',
    );
    return row?.count ?? 0;
  }

  /** Cancels due unpaid orders, a batch per transaction, until none is left or `limit` is reached. */
  async expireDue(limit = 10_000): Promise<number> {
    const expired = await this.drain((em, size) => lockDueOrders(em, size), EXPIRY_REASON, limit);
    if (expired > 0) this.logger.log({ expired }, 'Expiry sweep cancelled unpaid orders');
    return expired;
  }

  /**
   * Cancels orders whose payment never got a provider reference within the grace period: their
   * checkout died between the commit and the provider's answer (or the provider failed), so no
   * shopper holds a token or a payment for them. Their stock comes back now, not at expiry.
   */
  async cancelAbandonedCheckouts(limit = 10_000): Promise<number> {
    const cancelled = await this.drain((em, size) => lockAbandonedCheckouts(em, PAYMENT_SETUP_GRACE_SECONDS, size), ABANDONED_CHECKOUT_REASON, limit);
    if (cancelled > 0) this.logger.warn({ cancelled }, 'Cancelled checkouts whose payment was never set up');
    return cancelled;
  }

  private async drain(lock: (em: EntityManager, size: number) => Promise<string[]>, reason: string, limit: number): Promise<number> {
    let total = 0;
    while (total < limit) {
      const size = Math.min(BATCH_SIZE, limit - total);
      const cancelled = await this.cancelBatch((em) => lock(em, size), reason);
      total += cancelled;
      if (cancelled < size) break;
    }
    return total;
  }

  /** One transaction: lock a batch, cancel it; then, after the commit, cancel its payments at the provider. */
  private async cancelBatch(lock: (em: EntityManager) => Promise<string[]>, reason: string): Promise<number> {
    const batch: CancelledBatch = await this.dataSource.transaction(async (em) =>
      this.cancellation.cancelUnpaidMany(em, await lock(em), 'SYSTEM', reason),
    );
    await this.cancellation.cancelManyAtProvider(batch.payments);
    return batch.orders.length;
  }
}
