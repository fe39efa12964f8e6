import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { isDatabaseUnavailable } from '../database/database-unavailable.js';
import { FLUSH_EVERY_MS, HitTally } from './hit-tally.js';
import { RATE_LIMIT_STORE, type RateLimitStore, type WindowCount } from './rate-limit-store.js';

/** Request quotas are per minute. */
export const WINDOW_SECONDS = 60;

/**
 * The request limiter's counts (rate-limit.middleware.ts): kept in memory per process and sent to
 * the shared store every FLUSH_EVERY_MS in one statement (hit-tally.ts has the rules). Only the
 * per-minute request quotas go through here; sign-in attempts, wrong API keys and checkout
 * attempts are counted in the store on every attempt, as before.
 */
@Injectable()
export class RequestCounter implements OnModuleInit, BeforeApplicationShutdown, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly tally: HitTally;
  private timer: NodeJS.Timeout | undefined;

  constructor(@Inject(RATE_LIMIT_STORE) store: RateLimitStore) {
    this.tally = new HitTally(store, { windowSeconds: WINDOW_SECONDS });
  }

  hit(key: string, limit: number): Promise<WindowCount> {
    return this.tally.hit(key, limit);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  /** What was counted here goes to the store before the store closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stop();
    await this.flush();
  }

  onModuleDestroy(): void {
    this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async flush(): Promise<void> {
    try {
      await this.tally.flush();
    } catch (error) {
      // The database being down shows in every request's own answer; no line per flush.
      if (!isDatabaseUnavailable(error)) this.logger.error({ err: error }, 'Rate limit counts could not be sent; kept for the next flush');
    }
  }
}
