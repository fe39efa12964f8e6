import { Logger as NestLogger, NotFoundException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Server } from 'node:http';
import type { DestinationStream } from 'pino';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { setUpOpenApi } from './app.openapi.js';
import { applyGlobalPrefix } from './app.prefix.js';
import { mountRequestMiddleware } from './app.request-middleware.js';
import { writeProblem } from './common/errors/problem-details.filter.js';
import { bodyDeadline } from './common/http/body-deadline.js';
import { corsOptionsFor, EXPOSED_HEADERS, varyOnOrigin } from './common/http/cors-policy.js';
import { requestContextMiddleware } from './common/http/request-context.js';
import { requireJsonBodyExcept } from './common/http/require-json.js';
import { weakEtag } from './common/http/weak-etag.js';
import { SHOWCASE_FORM_PATHS } from './showcase/showcase.routes.js';
import type { AppConfig } from './config/app-config.js';
import { StartupLogSummary } from './logging/startup-log-summary.js';
import { RATE_LIMIT_HEADER_NAMES } from './rate-limit/rate-limit-headers.js';
import { notFoundPage } from './showcase/not-found-page.js';
import { ShowcasePagesService } from './showcase/showcase-pages.service.js';

export { API_PREFIX } from './app.prefix.js';

export interface CreateAppOptions {
  /** Where log lines go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}

/**
 * Builds the HTTP application exactly as production runs it; tests call this too, so what they
 * exercise is what ships.
 */
export async function createApp(config: AppConfig, databaseUrl: string, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, databaseUrl, options.logDestination), {
    bufferLogs: true,
    // Bodies are read per route, at the route's own limit: common/http/json-body.ts.
    bodyParser: false,
    // A failed start is main's to report (one line) and clean up after, not Nest's to abort.
    abortOnError: false,
  });
  const startupLog = new StartupLogSummary(app.get(Logger));
  app.useLogger(startupLog);
  app.flushLogs();
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  app.disable('x-powered-by');
  app.set('etag', weakEtag);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI at /docs needs inline styles and data: images; nothing else here serves HTML.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  app.use(requestContextMiddleware);
  limitSlowSenders(app.getHttpServer(), config);
  app.use(bodyDeadline(config.httpTimeouts.bodyMs));
  if (config.media.driver === 'local') serveLocalMedia(app, config.media.uploadsDir);
  app.use(requireJsonBodyExcept(SHOWCASE_FORM_PATHS));
  const allowlist = { origins: config.corsOrigins, anyOriginMayRead: config.corsAnyOriginMayRead };
  if (allowlist.origins.length > 0 || allowlist.anyOriginMayRead) {
    app.use(varyOnOrigin);
    const exposedHeaders = [...EXPOSED_HEADERS, ...RATE_LIMIT_HEADER_NAMES];
    app.enableCors((request: Request, callback) => callback(null, corsOptionsFor(allowlist, exposedHeaders, request.headers.origin)));
  }
  applyGlobalPrefix(app);
  if (config.apiDocsEnabled) setUpOpenApi(app);
  mountRequestMiddleware(app);
  await app.init();
  startupLog.summarise();
  // Registered after Nest's routes: whatever they did not answer (paths outside /api/v1, /media
  // misses) still gets problem+json, never Express's HTML page.
  const logger = new NestLogger('Errors');
  app.use(notFoundPage(app.get(ShowcasePagesService), config));
  app.use((request: Request, _response: Response, next: NextFunction) => next(new NotFoundException(`Cannot ${request.method} ${request.path}`)));
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => writeProblem(error, request, response, logger));
  return app;
}

/**
 * Node's own limits: headers within HTTP_HEADERS_TIMEOUT_SECONDS, and a whole request within the
 * longest body limit (uploads) as a backstop; the per-route body limit is bodyDeadline's.
 */
function limitSlowSenders(server: Server, config: AppConfig): void {
  const { headersMs, bodyMs, uploadBodyMs } = config.httpTimeouts;
  server.headersTimeout = headersMs;
  server.requestTimeout = headersMs + Math.max(bodyMs, uploadBodyMs);
  // Node enforces both only when it sweeps its connections, every 30 s unless told otherwise (a
  // createServer option that Nest does not pass; Node reads the property when it starts
  // listening). A second keeps a limit of a few seconds meaning a few seconds.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = 1000;
}

/**
 * The local media store at /media. Files are named by their content hash, so they are cached
 * forever; anything not found (or outside the directory, or a dot-file) falls through to the
 * problem+json 404 registered last in createApp.
 */
function serveLocalMedia(app: NestExpressApplication, uploadsDir: string): void {
  app.useStaticAssets(uploadsDir, {
    prefix: '/media',
    immutable: true,
    maxAge: '365d',
    index: false,
    dotfiles: 'deny',
    fallthrough: true,
    redirect: false,
    setHeaders: (response: Response) => response.setHeader('X-Content-Type-Options', 'nosniff'),
  });
}
