import { Logger as NestLogger, NotFoundException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Server } from 'node:http';
import type { DestinationStream } from 'pino';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { writeProblem } from './common/errors/problem-details.filter.js';
import { bodyDeadline } from './common/http/body-deadline.js';
import { requestContextMiddleware } from './common/http/request-context.js';
import { requireJsonBody } from './common/http/require-json.js';
import type { AppConfig } from './config/app-config.js';
import { StartupLogSummary } from './logging/startup-log-summary.js';
import { RATE_LIMIT_HEADER_NAMES } from './rate-limit/rate-limit-headers.js';
import { SHOWCASE_ROUTES } from './showcase/showcase.routes.js';
import { notFoundPage } from './showcase/not-found-page.js';
import { ShowcasePagesService } from './showcase/showcase-pages.service.js';

export const API_PREFIX = 'api/v1';

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
  app.use(requireJsonBody);
  app.enableCors({
    origin: config.corsOrigins.includes('*') ? true : [...config.corsOrigins],
    exposedHeaders: ['X-Request-Id', 'ETag', 'Retry-After', ...RATE_LIMIT_HEADER_NAMES],
    maxAge: 600,
  });
  // The showcase website's pages live at the root, beside the API (showcase/showcase.routes.ts).
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', ...SHOWCASE_ROUTES] });
  if (config.apiDocsEnabled) setUpOpenApi(app);
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

function setUpOpenApi(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Etalase API')
      .setDescription(
        'Catalog and shop for goods made by warga binaan in Indonesia\'s correctional facilities. ' +
          'Errors are RFC 9457 application/problem+json with a stable `code`. ' +
          'Every response carries the quota it counts against, per API key or per IP without one, as in draft-ietf-httpapi-ratelimit-headers: RateLimit-Policy: "default";q=<requests>;w=<seconds> and RateLimit: "default";r=<remaining>;t=<seconds until the quota is whole>; past it, 429 RATE_LIMITED with Retry-After. RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (earlier drafts) carry the same numbers but are deprecated and will be removed. ' +
          'JSON bodies are limited per route (64 KB unless configured; story and product editing 512 KB): 413 PAYLOAD_TOO_LARGE above. ' +
          'A validation problem lists at most 20 `errors` ({field, message}) and counts the rest in `moreErrors`. ' +
          'A request body still arriving after HTTP_BODY_TIMEOUT_SECONDS (default 30; photo uploads UPLOAD_BODY_TIMEOUT_SECONDS, default 300) is answered 408 REQUEST_TIMEOUT and the connection closed. ' +
          'Any route may answer 503 SERVICE_UNAVAILABLE with Retry-After while the database is briefly unreachable: retry after that many seconds. ' +
          'Public products, facilities and stories carry `webUrl`: the absolute URL of their page on the showcase website (Indonesian, at the root of WEB_BASE_URL; English under /en), for partners to link to.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addApiKey(
        { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'Partner key `etk_<prefix>_<secret>`, issued by Etalase with scopes catalog:read, orders:write, orders:read. An unknown, revoked or expired key answers 401; after API_KEY_MAX_FAILURES_PER_IP (default 20) of those from one address in a window, 429 RATE_LIMITED with Retry-After (valid keys from that address keep working)' },
        'apiKey',
      )
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', useGlobalPrefix: false });
}
