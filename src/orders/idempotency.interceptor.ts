import { CallHandler, createParamDecorator, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import type { PartnerRequest } from '../auth/partner-caller.js';
import { CheckoutService } from './checkout.service.js';
import { IdempotencyService, parseIdempotencyKey } from './idempotency.service.js';
import type { IdempotencyRef } from './order-token.js';
import { IdempotencyKeyRequired } from './orders.errors.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

type IdempotentHttpRequest = PartnerRequest & { idempotency?: IdempotencyRef };

/** The checkout handler's Idempotency-Key and its requester's scope, once the interceptor claimed it. */
export const Idempotency = createParamDecorator((_data: unknown, context: ExecutionContext): IdempotencyRef | undefined => {
  return context.switchToHttp().getRequest<IdempotentHttpRequest>().idempotency;
});

/**
 * Applies Idempotency-Key to POST /orders. Without the header the request runs as usual, except
 * for partners (X-Api-Key), who must send one. With it, the key is the requester's own (see
 * IdempotencyService.scopeOf) and is claimed before the handler runs; the handler binds it to the
 * order it commits. A key already bound answers with that order (`Idempotent-Replayed: true`),
 * resumed by CheckoutService, and never runs the handler again; a failure before an order was
 * committed releases the key so the client may retry with it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly checkout: CheckoutService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<IdempotentHttpRequest>();
    const response = http.getResponse<Response>();
    const key = parseIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]);
    if (key === undefined) {
      if (request.partner) return throwError(() => new IdempotencyKeyRequired());
      return next.handle();
    }
    const ref: IdempotencyRef = { scope: this.idempotency.scopeOf({ ip: request.ip, partner: request.partner }), key };
    request.idempotency = ref;
    const path = request.originalUrl.split('?')[0] ?? request.originalUrl;
    return from(this.idempotency.claim({ ...ref, method: request.method, path, body: request.body as unknown })).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'bound') {
          response.setHeader('Idempotent-Replayed', 'true');
          return from(this.checkout.resume(claim.orderId, ref));
        }
        return next.handle().pipe(
          catchError((error: unknown) =>
            from(
              this.idempotency.release(ref).catch((releaseError: unknown) => {
                this.logger.error({ err: releaseError, key }, 'Could not release an idempotency key');
              }),
            ).pipe(mergeMap(() => throwError(() => error))),
          ),
        );
      }),
    );
  }
}
