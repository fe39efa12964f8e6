import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobQueue } from '../jobs/job-queue.js';
import { ProductEvents } from './product-events.js';
import { PERMIT_ALLOWS_SALE_SQL } from './sellability.js';

const FOOD_PERMIT_EXPIRY_QUEUE = 'catalog.food-permits-expired';

/**
 * A FOOD product leaves the catalog the day its permit lapses, without anyone editing it, so its
 * `updated_at` would not move and mirrors (`updatedSince`) would keep selling it. Just after each
 * UTC midnight this touches every product whose permit lapsed since it was last updated, once.
 */
@Injectable()
export class FoodPermitExpiry implements OnApplicationBootstrap {
  private readonly logger = new Logger('FoodPermitExpiry');

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly events: ProductEvents,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.register({ name: FOOD_PERMIT_EXPIRY_QUEUE, retryLimit: 5, retryDelay: 300 }, async () => {
      await this.touchLapsed();
    });
    await this.jobs.every(FOOD_PERMIT_EXPIRY_QUEUE, '5 0 * * *');
  }

  /** Returns how many products it touched; partner webhooks hear of each (product.updated). */
  async touchLapsed(): Promise<number> {
    const count = await this.dataSource.transaction(async (em) => {
      const touched = await em.query<{ id: string }[]>(
        `WITH touched AS (
           UPDATE product p SET updated_at = now()
            WHERE p.deleted_at IS NULL AND NOT ${PERMIT_ALLOWS_SALE_SQL}
              AND p.updated_at < (p.food_permit_valid_until + 1)::timestamp AT TIME ZONE 'UTC'
           RETURNING id)
         SELECT id FROM touched`,
      );
      for (const { id } of touched) await this.events.announce(em, id);
      return touched.length;
    });
    if (count > 0) this.logger.log({ count }, 'FOOD products left the catalog as their permits lapsed');
    return count;
  }
}
