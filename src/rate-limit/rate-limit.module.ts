import { Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { JobQueue } from '../jobs/job-queue.js';
import { PostgresRateLimitStore } from './postgres-rate-limit.store.js';
import { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit-store.js';
import { RateLimitMiddleware } from './rate-limit.middleware.js';
import { RedisRateLimitStore } from './redis-rate-limit.store.js';
import { RequestCounter } from './request-counter.js';

const FORGET_OLD_WINDOWS_QUEUE = 'rate-limit.forget-old-windows';

/** Closes the store with the app, and sweeps old Postgres windows every five minutes. */
@Injectable()
class RateLimitHousekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const store = this.store;
    if (!(store instanceof PostgresRateLimitStore)) return;
    await this.jobs.register({ name: FORGET_OLD_WINDOWS_QUEUE, retryLimit: 0 }, async () => {
      await store.forgetOld();
    });
    await this.jobs.every(FORGET_OLD_WINDOWS_QUEUE, '*/5 * * * *');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Request quotas shared by every process (Postgres, or Redis with REDIS_URL). */
@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORE,
      inject: [AppConfig, DataSource],
      useFactory: (config: AppConfig, dataSource: DataSource): RateLimitStore =>
        config.rateLimit.redisUrl ? new RedisRateLimitStore(config.rateLimit.redisUrl) : new PostgresRateLimitStore(dataSource),
    },
    RequestCounter,
    RateLimitMiddleware,
    RateLimitHousekeeping,
  ],
  exports: [RateLimitMiddleware, RequestCounter, RATE_LIMIT_STORE],
})
export class RateLimitModule {}
