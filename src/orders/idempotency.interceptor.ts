import { CallHandler, createParamDecorator, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, from, map, mergeMap, Observable, of, throwError } from 'rxjs';
import type { PartnerRequest } from '../auth/partner-caller.js';
import { CheckoutService } from './checkout.service.js';
import { IdempotencyService, parseIdempotencyKey } from './idempotency.service.js';
import { answerToKeep } from './idempotent-answer.js';
import type { IdempotencyRef } from './order-token.js';
import type { CreatedOrderView } from './order.views.js';
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
 * order it commits, and its answer is kept. A key already bound answers with the kept answer, the
 * same bytes (`Idempotent-Replayed: true`), and never runs the handler again; without one (the
 * first attempt failed after the order was committed) the order is resumed by CheckoutService and
 * that answer is kept. A failure before an order was committed releases the key so the client may
 * retry with it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor<CreatedOrderView, CreatedOrderView> {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly checkout: CheckoutService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler<CreatedOrderView>): Observable<CreatedOrderView> {
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
          if (claim.firstAnswer !== undefined) return of(this.checkout.replay(claim.firstAnswer, ref));
          return from(this.checkout.resume(claim.orderId, ref)).pipe(mergeMap((answer) => this.keep(ref, answer)));
        }
        return next.handle().pipe(
          catchError((error: unknown) =>
            from(
              this.idempotency.release(ref).catch((releaseError: unknown) => {
                this.logger.error({ err: releaseError, key }, 'Could not release an idempotency key');
              }),
            ).pipe(mergeMap(() => throwError(() => error))),
          ),
          mergeMap((answer) => this.keep(ref, answer)),
        );
      }),
    );
  }

  /**
   * Keeps the answer before giving it, so a replay right after finds it. The order is committed
   * either way: if keeping fails the client still gets its answer, and a replay rebuilds it.
   */
  private keep(ref: IdempotencyRef, answer: CreatedOrderView): Observable<CreatedOrderView> {
    return from(
      this.idempotency.keepAnswer(ref, answerToKeep(answer)).catch((error: unknown) => {
        this.logger.error({ err: error, key: ref.key }, 'Could not keep the answer of an idempotent checkout');
      }),
    ).pipe(map(() => answer));
  }
}
