import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { PartnerRequest } from '../auth/partner-caller.js';
import { ApiKeyAuthenticator } from './api-key-authenticator.js';

/**
 * Identifies partners by `X-Api-Key` on every route. Without the header nothing happens (public
 * and admin routes work as before); with a bad one the request stops with 401 and a code saying
 * why, rather than quietly continuing as anonymous.
 */
@Injectable()
export class ApiKeyMiddleware implements NestMiddleware {
  constructor(private readonly keys: ApiKeyAuthenticator) {}

  async use(request: PartnerRequest, _response: Response, next: NextFunction): Promise<void> {
    const header = request.headers['x-api-key'];
    if (header !== undefined) {
      // Thrown, not passed to next(): Nest's middleware proxy hands it to the problem+json filter.
      request.partner = await this.keys.authenticate(Array.isArray(header) ? (header[0] ?? '') : header);
    }
    next();
  }
}
