import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { sendSignedWebhook } from './webhook-send.js';
import { refusedUrl } from './webhook-target-policy.js';
import type { WebhookTestResultView, WebhookTestWebhookData } from './webhook.views.js';

export const TEST_EVENT_TYPE = 'webhook.test';
const TEST_MESSAGE = 'A test event from Etalase; no action needed';

/**
 * Test events: one signed POST to an endpoint, right now, and its outcome in the answer. A test is
 * never queued, retried or logged as a delivery, and a failure counts nothing against the endpoint:
 * whoever sets up a receiver needs to see at once whether it works, not have the failure retried
 * for a day and the endpoint disabled for it. Disabled endpoints may be tested (before re-enabling).
 */
@Injectable()
export class WebhookTestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async send(partnerId: string, webhookId: string): Promise<WebhookTestResultView> {
    const endpoint = await this.dataSource.getRepository(WebhookEndpoint).findOneBy({ id: webhookId, partnerId });
    if (!endpoint) throw new NotFoundError('Webhook endpoint');
    const eventId = randomUUID();
    const data: WebhookTestWebhookData = { webhookId: endpoint.id, message: TEST_MESSAGE };
    const body = JSON.stringify({ id: eventId, type: TEST_EVENT_TYPE, createdAt: new Date().toISOString(), data });
    const started = performance.now();
    // The rules may have tightened since the URL was registered (NODE_ENV=production): judge it again.
    const refusal = refusedUrl(endpoint.url, this.config.webhooks);
    const outcome = refusal
      ? { ok: false, status: null, error: `The URL ${refusal}` }
      : await sendSignedWebhook({ url: endpoint.url, secret: endpoint.secret, body, eventId, eventType: TEST_EVENT_TYPE }, this.config.webhooks);
    return { eventId, delivered: outcome.ok, statusCode: outcome.status, error: outcome.error, durationMs: Math.round(performance.now() - started) };
  }
}
