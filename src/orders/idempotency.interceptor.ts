import { CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { from, lastValueFrom, map, Observable, throwError } from 'rxjs';
import type { PartnerRequest } from '../auth/partner-caller.js';
import { IdempotencyService, parseIdempotencyKey } from './idempotency.service.js';
import { KeyedCheckoutService } from './keyed-checkout.service.js';
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
 * first attempt failed after the order was committed) the order is resumed and that answer is
 * kept. A failure before an order was committed releases the key so the client may retry with it.
 * The sequence itself lives in KeyedCheckoutService, shared with the showcase's checkout form.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor<CreatedOrderView, CreatedOrderView> {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly keyed: KeyedCheckoutService,
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
    // The handler runs only on a fresh claim; it binds the key to the order through @Idempotency().
    const run = this.keyed.run({ ...ref, method: request.method, path, body: request.body as unknown }, () => lastValueFrom(next.handle()));
    return from(run).pipe(
      map(({ answer, replayed }) => {
        if (replayed) response.setHeader('Idempotent-Replayed', 'true');
        return answer;
      }),
    );
  }
}
