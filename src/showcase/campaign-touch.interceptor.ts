import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { mergeMap, type Observable } from 'rxjs';
import { ShowcaseCartService } from './cart/showcase-cart.service.js';

/**
 * A showcase page opened with `?k={code}` (from a share link) records the campaign touch in the
 * shopper's cart cookie, for the order to be attributed at checkout. That answer is the shopper's
 * own, so it is not cached; pages without `k` stay publicly cacheable and set no cookie. A touch
 * that cannot be recorded never breaks the page.
 */
@Injectable()
export class CampaignTouchInterceptor implements NestInterceptor {
  private readonly logger = new Logger('CampaignTouch');

  constructor(private readonly cart: ShowcaseCartService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const code = request.query.k;
    if (request.method !== 'GET' || code === undefined) return next.handle();
    const response = http.getResponse<Response>();
    return next.handle().pipe(
      mergeMap(async (page: unknown) => {
        try {
          const cookie = response.statusCode === 200 ? await this.cart.touched(request.headers.cookie, code) : undefined;
          if (cookie) {
            response.setHeader('Set-Cookie', cookie);
            response.setHeader('Cache-Control', 'private, no-store');
          }
        } catch (error) {
          this.logger.warn({ err: error }, 'Campaign touch not recorded');
        }
        return page;
      }),
    );
  }
}
