import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { PartnerRequest } from '../auth/partner-caller.js';
import { isUnmetered } from '../common/http/unmetered-paths.js';
import { ApiKeyAuthenticator } from './api-key-authenticator.js';
import { ApiKeyFailureThrottle } from './api-key-failure-throttle.js';
import { ApiKeyExpired, ApiKeyInvalid, ApiKeyRevoked } from './partner.errors.js';

/**
 * Identifies partners by `X-Api-Key` on every route but probes, docs, media and Stripe's webhook
 * (unmetered-paths.ts: a probe's answer must not hang on a header). Without the header nothing
 * happens (public and admin routes work as before); with a bad one the request stops with 401 and
 * a code saying why, rather than quietly continuing as anonymous, or with 429 once its address has
 * sent too many bad keys.
 */
@Injectable()
export class ApiKeyMiddleware implements NestMiddleware {
  constructor(
    private readonly keys: ApiKeyAuthenticator,
    private readonly failures: ApiKeyFailureThrottle,
  ) {}

  async use(request: PartnerRequest, _response: Response, next: NextFunction): Promise<void> {
    const header = request.headers['x-api-key'];
    if (header !== undefined && !isUnmetered(request.originalUrl)) {
      // Thrown, not passed to next(): Nest's middleware proxy hands it to the problem+json filter.
      try {
        request.partner = await this.keys.authenticate(Array.isArray(header) ? (header[0] ?? '') : header);
      } catch (error) {
        if (error instanceof ApiKeyInvalid || error instanceof ApiKeyRevoked || error instanceof ApiKeyExpired) {
          await this.failures.recordFailure(request.ip ?? 'unknown');
        }
        throw error;
      }
    }
    next();
  }
}
