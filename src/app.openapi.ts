import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject, type PathItemObject } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppModule } from './app.module.js';
import { applyGlobalPrefix } from './app.prefix.js';
import { completeDocument } from './common/openapi/complete-document.js';
import { ProblemView } from './common/openapi/problem.view.js';
import { AppConfig } from './config/app-config.js';
import { parseEnvironment } from './config/environment.js';
import { WEBHOOK_DATA_MODELS } from './webhooks/public-events.js';
import { WEBHOOK_EVENTS } from './webhooks/webhook.types.js';
import { WebhookTestWebhookData } from './webhooks/webhook.views.js';

/** Where the document is served: API.md names the first, partners' generators were pointed at the second (issue 14). */
export const OPENAPI_JSON_PATHS = ['/docs/openapi.json', '/api/v1/openapi.json'] as const;

const TAGS: [name: string, description: string][] = [
  ['regions', 'Provinces (Kanwil) with facilities'],
  ['facilities', 'Correctional facilities and what they make'],
  ['categories', 'Product categories (a tree by parentSlug)'],
  ['products', 'Published products; with a key, the mirroring feed'],
  ['stories', 'Published stories about makers, facilities and products'],
  ['impact', 'National and regional totals'],
  ['checkout', 'Orders by shoppers and partners'],
  ['payments', 'Payment provider callbacks'],
  ['auth', 'Admin sign-in and sessions'],
  ['admin: facilities', 'Facility profiles, shipping fees, revenue split'],
  ['admin: users', 'Admin accounts'],
  ['admin: categories', 'Category tree'],
  ['admin: products', 'Products, photos, stock'],
  ['admin: maker consents', 'Recorded consent for individual maker credit'],
  ['admin: orders', 'Orders, payments, refunds, fulfilment'],
  ['admin: stories', 'Editorial workflow'],
  ['admin: partners', 'Partners, API keys, webhook endpoints and deliveries'],
  ['admin: reports', 'Sales and state revenue reports (JSON, CSV, XLSX)'],
  ['admin: humas', 'Public relations: showcase visits counted without tracking (views, daily unique visitors, sources)'],
  ['admin: share kit', 'Pictures (1200x630, 1080x1080, 1080x1920) and a ready caption to post a product or story'],
  ['admin: audit', 'Who changed what, when'],
  ['health', 'Probes for orchestrators'],
  ['webhooks', 'Events POSTed to partner endpoints'],
];

const DESCRIPTION =
  "Catalog and shop for goods made by warga binaan in Indonesia's correctional facilities. " +
  'Errors are RFC 9457 application/problem+json (schema `Problem`) with a stable `code`. ' +
  'Every response carries the quota it counts against, per API key or per IP without one, as in draft-ietf-httpapi-ratelimit-headers: RateLimit-Policy: "default";q=<requests>;w=<seconds> and RateLimit: "default";r=<remaining>;t=<seconds until the quota is whole>; past it, 429 RATE_LIMITED with Retry-After. RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (earlier drafts) carry the same numbers but are deprecated and will be removed. ' +
  'JSON bodies are limited per route (64 KB unless configured; story and product editing 512 KB): 413 PAYLOAD_TOO_LARGE above. ' +
  'A validation problem lists at most 20 `errors` ({field, message}) and counts the rest in `moreErrors`. ' +
  'A request body still arriving after HTTP_BODY_TIMEOUT_SECONDS (default 30; photo uploads UPLOAD_BODY_TIMEOUT_SECONDS, default 300) is answered 408 REQUEST_TIMEOUT and the connection closed. ' +
  'Any route may answer 503 SERVICE_UNAVAILABLE with Retry-After while the database is briefly unreachable: retry after that many seconds. ' +
  'Every GET answers 304 to an If-None-Match that matches its ETag. ' +
  'Public products, facilities and stories carry `webUrl`: the absolute URL of their page on the showcase website (Indonesian, at the root of WEB_BASE_URL; English under /en), for partners to link to.';

/**
 * The OpenAPI 3.1 document: what the decorators say, the webhooks partners receive, and the
 * answers every route gives because of global middleware (completeDocument). Needs only the
 * application's metadata, so it can be built in preview mode (scripts/openapi-dump) without a database.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Etalase API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Admin access token from POST /auth/login' }, 'bearer')
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-Api-Key',
        description:
          'Partner key `etk_<prefix>_<secret>`, issued by Etalase with scopes catalog:read, orders:write, orders:read. An unknown, revoked or expired key answers 401; after API_KEY_MAX_FAILURES_PER_IP (default 20) of those from one address in a window, 429 RATE_LIMITED with Retry-After (valid keys from that address keep working)',
      },
      'apiKey',
    );
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const config = builder.build();
  config.info.contact = { name: 'Etalase', url: 'https://etalase.dev' };
  const document = SwaggerModule.createDocument(
    app,
    { ...config, webhooks: webhooks() },
    { extraModels: [ProblemView, ...Object.values(WEBHOOK_DATA_MODELS), WebhookTestWebhookData] },
  );
  return completeDocument(document);
}

/**
 * The document without a database or a server (scripts, unit tests): Nest's preview mode resolves
 * the modules and their metadata, all the document needs, but instantiates nothing, so nothing
 * connects anywhere.
 */
export async function buildOpenApiDocumentOffline(): Promise<OpenAPIObject> {
  const databaseUrl = 'postgres://openapi-document@127.0.0.1:1/never-connected';
  const jwtSecret = 'openapi-document-only-never-used-to-sign-anything';
  const config = new AppConfig(parseEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret }), { jwtSecret });
  const app = await NestFactory.create(AppModule.register(config, databaseUrl), { preview: true, logger: false, abortOnError: false });
  applyGlobalPrefix(app);
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** Serves Swagger UI at /docs and the document at every OPENAPI_JSON_PATHS entry. */
export function setUpOpenApi(app: NestExpressApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: OPENAPI_JSON_PATHS[0].slice(1), useGlobalPrefix: false });
  for (const path of OPENAPI_JSON_PATHS.slice(1)) {
    app.getHttpAdapter().getInstance().get(path, (_request: Request, response: Response) => {
      response.json(document);
    });
  }
}

/** One entry per public event: the envelope partners receive, with the event's own `data` schema. */
function webhooks(): Record<string, PathItemObject> {
  const events = WEBHOOK_EVENTS.map((event): [string, PathItemObject] => [event, { post: webhookOperation(event, WEBHOOK_DATA_MODELS[event]) }]);
  return Object.fromEntries<PathItemObject>([...events, [TEST_EVENT, { post: testWebhookOperation() }]]);
}

/** Sent only when an admin asks (POST .../webhooks/{webhookId}/test): no delivery, so no Etalase-Delivery-Id. */
const TEST_EVENT = 'webhook.test';

function testWebhookOperation(): NonNullable<PathItemObject['post']> {
  const operation = webhookOperation(TEST_EVENT, WebhookTestWebhookData);
  return {
    ...operation,
    description: 'POSTed once to one endpoint when an admin sends a test event; never retried, not subscribed to. Verify Etalase-Signature as for every event.',
    parameters: (operation.parameters ?? []).filter((parameter) => !('name' in parameter) || parameter.name !== 'Etalase-Delivery-Id'),
    responses: { '200': { description: 'Received: a 2xx within 10 s counts as delivered; the test answer says what happened' } },
  };
}

function webhookOperation(event: string, dataModel: new () => object): NonNullable<PathItemObject['post']> {
  const header = (name: string, description: string) => ({ name, in: 'header' as const, required: true, description, schema: { type: 'string' } });
  return {
    operationId: `webhook_${event.replace('.', '_')}`,
    summary: `The ${event} event`,
    description:
      'POSTed to every endpoint subscribed to this event (order and fulfilment events only for the partner whose order it is). ' +
      'Verify Etalase-Signature before reading the body; dedupe on Etalase-Event-Id, which stays the same across retries.',
    tags: ['webhooks'],
    parameters: [
      header('Etalase-Event-Id', 'The event id (also `id` in the body); the same on every retry'),
      header('Etalase-Event-Type', `\`${event}\``),
      header('Etalase-Delivery-Id', 'This delivery (see GET /admin/partners/{id}/webhooks/{webhookId}/deliveries)'),
      header('Etalase-Signature', '`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`'),
    ],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'type', 'createdAt', 'data'],
            properties: {
              id: { type: 'string', format: 'uuid' },
              type: { type: 'string', enum: [event] },
              createdAt: { type: 'string', format: 'date-time' },
              data: { $ref: getSchemaPath(dataModel) },
            },
          },
        },
      },
    },
    responses: {
      '200': { description: 'Received. Any 2xx within 10 s counts; anything else is retried with backoff for about a day, then the endpoint is disabled' },
    },
  };
}
