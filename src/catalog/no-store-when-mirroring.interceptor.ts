import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';

/**
 * The product list is publicly cacheable, except as a mirroring feed (`updatedSince`): that answer
 * depends on the caller's credentials, and a shared cache must never hand it to someone else.
 * Runs after the global CacheControlInterceptor, so its header wins.
 */
@Injectable()
export class NoStoreWhenMirroring implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    if (http.getRequest<Request>().query.updatedSince !== undefined) {
      http.getResponse<Response>().setHeader('Cache-Control', 'private, no-store');
    }
    return next.handle();
  }
}
