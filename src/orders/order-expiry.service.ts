import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { OrderCancellationService } from './order-cancellation.service.js';
import { Order } from './order.entity.js';

export const EXPIRY_REASON = 'The payment window expired';

/**
 * Cancels unpaid orders past `expiresAt` and gives their stock back (and drops expired
 * idempotency records). Every process sweeps on a
 * timer; `FOR UPDATE SKIP LOCKED` lets several processes sweep at once without touching the same
 * order, so no coordinator is needed. One order per transaction: one bad order cannot stall the rest.
 */
@Injectable()
export class OrderExpiryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OrderExpiry');
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cancellation: OrderCancellationService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.orderExpirySweepSeconds;
    if (seconds === 0) return;
    this.timer = setInterval(() => void this.sweep(), seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** One sweep at a time per process; a slow sweep is not stacked on by the next tick. */
  sweep(): Promise<number> {
    this.sweeping ??= this.expireDue()
      .then(async (expired) => {
        await this.forgetExpiredIdempotencyRecords();
        return expired;
      })
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'Expiry sweep failed');
        return 0;
      })
      .finally(() => {
        this.sweeping = undefined;
      });
    return this.sweeping;
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

  /** Cancels up to `limit` expired orders; returns how many. */
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
        if (!due) return null;
        const order = await em.getRepository(Order).findOneByOrFail({ id: due.id });
        const payment = await this.cancellation.cancelUnpaid(em, order, 'SYSTEM', EXPIRY_REASON);
        return { orderId: order.id, payment };
      });
      if (!outcome) break;
      await this.cancellation.cancelAtProvider(outcome.orderId, outcome.payment);
      expired += 1;
    }
    if (expired > 0) this.logger.log({ expired }, 'Expired unpaid orders');
    return expired;
  }
}
