import { type CallHandler, createParamDecorator, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { AppConfig } from '../config/app-config.js';
import type { Response } from 'express';
import { mediaOrigins } from '../common/http/media-origins.js';
import { nextCspNonce } from './csp-nonce.js';

/**
 * Makes the response an HTML page with a strict Content-Security-Policy and returns its nonce:
 * the page's inline style (and any script a later slice adds) must carry it; nothing else runs or
 * styles the page, and nothing comes from a third party. Images come from this site or the media
 * store (`mediaOrigins`). Idempotent per response: the error filter may call it again.
 */
export function startPage(response: Response, mediaOrigins: readonly string[], formOrigins: readonly string[] = []): string {
  const existing = (response.locals as { cspNonce?: string }).cspNonce;
  if (existing) return existing;
  const nonce = nextCspNonce();
  (response.locals as { cspNonce?: string }).cspNonce = nonce;
  response.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      `img-src 'self' ${mediaOrigins.join(' ')}`.trim(),
      // Our own scripts may call this site (the cart's enhancements); crawlers' tools read robots.txt through it.
      "connect-src 'self'",
      // Forms post here only; the checkout's answer may redirect to the card provider's hosted page, which browsers check against this too.
      `form-action 'self' ${formOrigins.join(' ')}`.trim(),
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  return nonce;
}


/** Where the website's forms may end up after a redirect: Stripe's hosted Checkout, when card payment is on. */
export function formOrigins(config: AppConfig): string[] {
  return config.stripe ? [config.stripe.checkoutOrigin] : [];
}

/** Starts every page response (startPage) before its handler runs. */
@Injectable()
export class PageSecurityInterceptor implements NestInterceptor {
  private readonly origins: string[];
  private readonly forms: string[];

  constructor(config: AppConfig) {
    this.origins = mediaOrigins(config);
    this.forms = formOrigins(config);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    startPage(context.switchToHttp().getResponse<Response>(), this.origins, this.forms);
    return next.handle();
  }
}

/** The page's CSP nonce, for its inline style (PageSecurityInterceptor made it). */
export const PageNonce = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const response = context.switchToHttp().getResponse<Response>();
  const nonce = (response.locals as { cspNonce?: string }).cspNonce;
  if (!nonce) throw new Error('PageSecurityInterceptor did not run for this page');
  return nonce;
});
