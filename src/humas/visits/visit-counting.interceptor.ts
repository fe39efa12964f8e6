import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Observable, tap } from 'rxjs';
import { VISIT_PAGE_KINDS, type VisitPageKind } from './visit-buffer.js';
import { VisitCounter } from './visit-counter.service.js';

const PAGE_KINDS: ReadonlySet<string> = new Set(VISIT_PAGE_KINDS);

/**
 * Counts a showcase page once its handler has produced the page (an error page is not a view).
 * The page kind is the handler's name (`product`, `story`, `home` ...), the key its `:slug`.
 * Only adds to the in-memory buffer: the page never waits for the database.
 */
@Injectable()
export class VisitCountingInterceptor implements NestInterceptor {
  constructor(private readonly counter: VisitCounter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const kind = context.getHandler().name;
    if (!this.counter.enabled || !PAGE_KINDS.has(kind)) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    return next.handle().pipe(
      tap(() => {
        const params = request.params as Record<string, string | undefined>;
        this.counter.recordSafely({
          kind: kind as VisitPageKind,
          key: params.slug ?? '',
          method: request.method,
          status: response.statusCode,
          userAgent: request.headers['user-agent'],
          headers: request.headers,
          url: request.originalUrl,
          referer: request.headers.referer,
          ip: request.ip,
          host: request.headers.host,
        });
      }),
    );
  }
}
