import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import type { CreatedOrderView } from './order.views.js';

/**
 * `Location` of a created order (RFC 9110 for 201): the path it is read at, relative to the path
 * it was created at, so it holds behind any prefix. Outside the idempotency interceptor, so a replay
 * carries the same Location as the first answer.
 */
@Injectable()
export class OrderLocationInterceptor implements NestInterceptor<CreatedOrderView, CreatedOrderView> {
  intercept(context: ExecutionContext, next: CallHandler<CreatedOrderView>): Observable<CreatedOrderView> {
    const http = context.switchToHttp();
    const path = (http.getRequest<Request>().originalUrl.split('?')[0] ?? '').replace(/\/+$/, '');
    const response = http.getResponse<Response>();
    return next.handle().pipe(
      map((order) => {
        response.setHeader('Location', `${path}/${encodeURIComponent(order.number)}`);
        return order;
      }),
    );
  }
}
