import { CallHandler, ExecutionContext, HttpStatus, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { PartnerRequest } from '../auth/partner-caller.js';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { IdempotencyService, parseIdempotencyKey } from './idempotency.service.js';
import { IdempotencyKeyRequired } from './orders.errors.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/**
 * Applies Idempotency-Key to a creating POST: claims the key, runs the handler once, stores its
 * response; a replay answers the stored response with `Idempotent-Replayed: true`. Without the
 * header the request runs as usual, except for partners (X-Api-Key), who must send one. Keys are
 * scoped per partner (`partner:<id>`) or shared by anonymous callers (`anon`), so one partner's
 * key can never replay another's order.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<PartnerRequest>();
    const response = http.getResponse<Response>();
    const key = parseIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]);
    if (key === undefined) {
      if (request.partner) return throwError(() => new IdempotencyKeyRequired());
      return next.handle();
    }
    const scope = request.partner ? `partner:${request.partner.partnerId}` : 'anon';

    // Nest sets the status after interceptors run, so take it from the route as Nest will.
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const path = request.originalUrl.split('?')[0] ?? request.originalUrl;
    return from(this.idempotency.claim({ scope, key, method: request.method, path, body: request.body as unknown })).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'replay') {
          response.setHeader('Idempotent-Replayed', 'true');
          return of(claim.body);
        }
        return next.handle().pipe(
          mergeMap((body: unknown) =>
            from(this.idempotency.complete(claim, status, body as Record<string, unknown>).then(() => body)),
          ),
          catchError((error: unknown) =>
            from(
              this.idempotency.release(claim).catch((releaseError: unknown) => {
                this.logger.error({ err: releaseError, key }, 'Could not release an idempotency key');
              }),
            ).pipe(mergeMap(() => throwError(() => error))),
          ),
        );
      }),
    );
  }
}
