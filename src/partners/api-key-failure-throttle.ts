import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { RATE_LIMIT_STORE, type RateLimitStore } from '../rate-limit/rate-limit-store.js';
import { TooManyApiKeyFailures } from './partner.errors.js';

/**
 * Counts refused X-Api-Keys (unknown, revoked, expired) per client IP in the shared rate-limit
 * store. Past the limit a wrong key answers 429 instead of 401 until the window ends: a scanner
 * or a client stuck on an old key is told to back off, and is visible in the logs.
 *
 * Only failures count, after the key was looked up: a valid key from the same address (a partner
 * behind the same NAT, or its own deploy with one stale key) keeps working. Counting and deciding
 * are one atomic step, so parallel wrong keys get exactly `limit` 401s.
 */
@Injectable()
export class ApiKeyFailureThrottle {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    private readonly config: AppConfig,
  ) {}

  /** Counts a refused key from `ip`; throws 429 when the address has used up its failures. */
  async recordFailure(ip: string): Promise<void> {
    const { maxFailuresPerIp, windowSeconds } = this.config.apiKeyThrottle;
    const key = `api-key:ip:${ip}`;
    let verdict;
    try {
      verdict = await this.store.reserveAttempt([{ key, limit: maxFailuresPerIp }], windowSeconds);
      if (verdict.allowed) await this.store.settleAttempt([{ key, outcome: 'failed' }]);
    } catch (error) {
      // The key is refused either way (401); only the count is lost.
      this.logger.error({ err: error }, 'API key failure count failed');
      return;
    }
    if (!verdict.allowed) {
      this.logger.warn({ ip }, 'Too many failed API keys from one address');
      throw new TooManyApiKeyFailures(verdict.retryAfterSeconds);
    }
  }
}
