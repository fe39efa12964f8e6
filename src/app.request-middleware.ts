import type { MiddlewareConsumer } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LoggerModule } from 'nestjs-pino';
import { API_PREFIX, UNPREFIXED_ROUTES } from './app.prefix.js';
import { ApiKeyMiddleware } from './partners/api-key.middleware.js';
import { RateLimitMiddleware } from './rate-limit/rate-limit.middleware.js';

/**
 * The middleware of every route Nest serves, in this order: the response's log line and the
 * request's logger (nestjs-pino), the partner's API key, then the rate limit (per key when there is
 * one). One Express route holds them, over the API's paths and the routes served outside its
 * prefix, so a request meets them once.
 *
 * Not Nest's MiddlewareConsumer: with a global prefix that excludes routes, it mounts each
 * middleware once per excluded route (nestjs-pino's twice there, each writing the response's
 * line), 344 router entries that an API request tested before reaching its handler. The paths
 * are the ones it mounted them on, matched by Express as before: requests for no route (a 404
 * outside /api/v1, /media, /docs) still skip them. Mounted after the API docs (app.openapi.ts),
 * which never ran them either, and before Nest's routes (app.init()).
 */
export function mountRequestMiddleware(app: NestExpressApplication): void {
  const middleware = [...loggerMiddleware(app), handlerOf(app.get(ApiKeyMiddleware)), handlerOf(app.get(RateLimitMiddleware))];
  app.getHttpAdapter().getInstance().route(servedPaths()).all(...middleware);
}

function servedPaths(): string[] {
  return [`/${API_PREFIX}{/*path}`, ...UNPREFIXED_ROUTES.map((route) => (route.startsWith('/') ? route : `/${route}`))];
}

/** Nest's middleware classes here are async: a thrown 401 or 429 rejects, and Express 5 hands that to the problem+json filter, as Nest's proxy did. */
interface AsyncMiddleware {
  use(request: Request, response: Response, next: NextFunction): Promise<void>;
}

function handlerOf(middleware: AsyncMiddleware): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => middleware.use(request, response, next);
}

/**
 * nestjs-pino's own middleware: pino-http, then the binding of its request logger for the
 * `Logger` everything logs through. LoggerModule hands them to the consumer its configure() is
 * given and keeps the binding to itself otherwise; logging.module.ts gives it no routes, so
 * Nest's consumer mounts nothing and this one collects them.
 */
function loggerMiddleware(app: NestExpressApplication): RequestHandler[] {
  const collected: RequestHandler[] = [];
  const consumer: MiddlewareConsumer = {
    apply: (...middleware) => {
      collected.push(...middleware.flat().map(asRequestHandler));
      return config;
    },
  };
  const config: ReturnType<MiddlewareConsumer['apply']> = { exclude: () => config, forRoutes: () => consumer };
  app.get(LoggerModule).configure(consumer);
  return collected;
}

function asRequestHandler(middleware: unknown): RequestHandler {
  if (typeof middleware !== 'function') throw new TypeError('nestjs-pino applied something other than a middleware function');
  return middleware as RequestHandler;
}
