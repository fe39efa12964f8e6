import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../common/errors/domain-error.js';
import { isUnmetered } from '../common/http/unmetered-paths.js';
import { AppConfig } from '../config/app-config.js';
import { isDatabaseUnavailable } from '../database/database-unavailable.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import { RequestCounter, WINDOW_SECONDS } from './request-counter.js';

/**
 * A request as the API key middleware (partners/) leaves it: the key and its quota, when there is
 * one. Declared here so that rate-limit, plumbing below auth and partners, imports neither.
 */
interface QuotaRequest extends Request {
  partner?: { keyId: string; rateLimitPerMinute: number };
}

export class RateLimited extends DomainError {
  constructor(retryAfterSeconds: number, who: string) {
    super('RATE_LIMITED', `Too many requests for ${who}; wait ${retryAfterSeconds} s (see Retry-After)`, { retryAfterSeconds });
  }
}

/**
 * Per API key (the partner's own quota) or, without one, per client IP. Every response carries
 * `RateLimit-Policy` and `RateLimit` (and, deprecated, `RateLimit-Limit`, `-Remaining`, `-Reset`);
 * past the limit the answer is 429 with `Retry-After`. Counts are kept in memory and sent to the
 * store in batches (request-counter.ts); a quota under 20 is counted in the store on every request. If the counter store fails, requests go through (logged): an outage of
 * the limiter must not become an outage of the shop.
 */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware {
  private readonly logger = new Logger('RateLimit');

  constructor(
    private readonly counter: RequestCounter,
    private readonly config: AppConfig,
  ) {}

  async use(request: QuotaRequest, response: Response, next: NextFunction): Promise<void> {
    const limit = request.partner?.rateLimitPerMinute ?? this.config.rateLimit.anonymousPerMinute;
    if (limit === 0 || isUnmetered(request.originalUrl)) return next();
    const key = request.partner ? `key:${request.partner.keyId}` : `ip:${request.ip ?? 'unknown'}`;
    let counted;
    try {
      counted = await this.counter.hit(key, limit);
    } catch (error) {
      // With the database down, the request's own answer (a 503 if it needs the database) is the
      // one line that reports it; a second line per request would only double the flood.
      if (!isDatabaseUnavailable(error)) this.logger.error({ err: error }, 'Rate limit store failed; letting the request through');
      return next();
    }
    for (const [name, value] of Object.entries(rateLimitHeaders(limit, WINDOW_SECONDS, counted.count, counted.resetSeconds))) response.setHeader(name, value);
    if (counted.count > limit) throw new RateLimited(counted.resetSeconds, request.partner ? 'this API key' : 'this address');
    next();
  }
}
