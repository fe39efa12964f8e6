import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { Observable } from 'rxjs';

const PUBLIC_CACHE_SECONDS = 'etalase:publicCacheSeconds';

/**
 * Marks a public read as cacheable by browsers and CDNs for a short time. Express adds a weak
 * ETag to every body and answers a matching If-None-Match with 304.
 */
export const PublicCache = (maxAgeSeconds = 60): MethodDecorator & ClassDecorator =>
  SetMetadata(PUBLIC_CACHE_SECONDS, maxAgeSeconds);

/** Everything else may carry personal data, so nothing is cached unless a route says so. */
@Injectable()
export class CacheControlInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const maxAge = this.reflector.getAllAndOverride<number | undefined>(PUBLIC_CACHE_SECONDS, [
      context.getHandler(),
      context.getClass(),
    ]);
    const response = context.switchToHttp().getResponse<Response>();
    response.setHeader(
      'Cache-Control',
      maxAge === undefined ? 'no-store' : `public, max-age=${maxAge}, stale-while-revalidate=${maxAge}`,
    );
    return next.handle();
  }
}
