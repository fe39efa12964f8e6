import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface.js';
import type { NextFunction, Request, Response } from 'express';
import type { CorsAllowlist } from '../../config/cors-origins.js';

/** What a listed origin may send: every method the API has, and every header it reads. */
const METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'];
const REQUEST_HEADERS = ['Authorization', 'Content-Type', 'X-Api-Key', 'Idempotency-Key', 'X-Order-Token', 'If-None-Match', 'X-Request-Id'];

/** What any page may do when `*` is allowed: read the public catalog, revalidating with its ETag. */
const PUBLIC_READ_METHODS = ['GET', 'HEAD'];
const PUBLIC_READ_HEADERS = ['If-None-Match'];

/** What a page may read of an answer, besides the rate-limit headers (app.factory.ts adds those). */
export const EXPOSED_HEADERS = ['ETag', 'Location', 'Retry-After', 'Idempotent-Replayed', 'X-Request-Id'];

const MAX_AGE_SECONDS = 600;

/**
 * The CORS answer for a request's Origin: a listed origin gets itself back with every method and
 * header; with `*`, any other origin gets `*` for public reads only (the browser refuses it a key,
 * a token or a POST); anyone else gets no CORS headers at all. Never credentials: the API uses no
 * cookies, and `Access-Control-Allow-Credentials` would only widen what a page could do.
 */
export function corsOptionsFor(allowlist: CorsAllowlist, exposedHeaders: readonly string[], origin: string | undefined): CorsOptions {
  const exposed = [...exposedHeaders];
  if (origin !== undefined && allowlist.origins.includes(origin)) {
    return { origin, methods: METHODS, allowedHeaders: REQUEST_HEADERS, exposedHeaders: exposed, maxAge: MAX_AGE_SECONDS, credentials: false };
  }
  if (allowlist.anyOriginMayRead) {
    return { origin: '*', methods: PUBLIC_READ_METHODS, allowedHeaders: PUBLIC_READ_HEADERS, exposedHeaders: exposed, maxAge: MAX_AGE_SECONDS, credentials: false };
  }
  return { origin: false };
}

/**
 * The answer depends on Origin whenever any origin is listed, so caches must keep one per Origin
 * (the cors package says so only when it echoes an origin, not for its `*` or its silence).
 */
export function varyOnOrigin(_request: Request, response: Response, next: NextFunction): void {
  response.vary('Origin');
  next();
}
