import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { JobQueue } from '../jobs/job-queue.js';
import type { OutboxEvent } from '../outbox/outbox-event.entity.js';
import { Outbox } from '../outbox/outbox.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { sendSignedWebhook } from './webhook-send.js';
import { toWebhookBody } from './public-events.js';
import { isPublicEvent, ORDER_SCOPED_EVENTS, WEBHOOK_EVENTS, type WebhookEvent } from './webhook.types.js';

const FAN_OUT_QUEUE = 'webhooks.fan-out';
export const DELIVERY_QUEUE = 'webhooks.deliver';

interface DeliveryJob {
  deliveryId: string;
}

/**
 * Partner webhooks from the outbox. Each event becomes one delivery per subscribed endpoint (order
 * events only for the partner whose order it is), each delivery its own pg-boss job: retried with
 * exponential backoff and jitter (pg-boss's retryBackoff) for about a day, then given up, and the
 * endpoint disabled. Deliveries are at least once; receivers dedupe on Etalase-Event-Id.
 */
@Injectable()
export class WebhookDeliveriesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.outbox.subscribe({ queue: FAN_OUT_QUEUE, types: WEBHOOK_EVENTS, handle: (event) => this.fanOut(event) });
    await this.jobs.register<DeliveryJob>(
      // 60 s doubling with jitter, capped at 6 h: twelve attempts span about 21 hours.
      { name: DELIVERY_QUEUE, retryLimit: this.config.webhooks.maxAttempts - 1, retryDelay: 60, retryBackoff: true, retryDelayMax: 6 * 3600, concurrency: 5 },
      async ({ deliveryId }, job) => this.attempt(deliveryId, job.retryCount + 1),
    );
  }

  /** Creates the event's deliveries (once, however often this runs) and their jobs, atomically. */
  async fanOut(event: OutboxEvent): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const endpoints = await this.subscribers(em, event);
      for (const endpoint of endpoints) {
        const [created] = await em.query<{ id: string }[]>(
          `WITH created AS (
             INSERT INTO webhook_delivery (endpoint_id, event_id, event_type) VALUES ($1, $2, $3)
             ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id)
           SELECT id FROM created`,
          [endpoint.id, event.id, event.type],
        );
        if (created) await this.jobs.sendWith(em, DELIVERY_QUEUE, { deliveryId: created.id } satisfies DeliveryJob);
      }
    });
  }

  /** Sends a delivery again (admin replay), as a fresh series of attempts. */
  async enqueue(em: EntityManager, deliveryId: string): Promise<void> {
    await this.jobs.sendWith(em, DELIVERY_QUEUE, { deliveryId } satisfies DeliveryJob);
  }

  /** One attempt. Throws to have pg-boss retry; returns when done (delivered, given up, or moot). */
  async attempt(deliveryId: string, attemptOfJob: number): Promise<void> {
    const delivery = await this.dataSource.getRepository(WebhookDelivery).findOne({ where: { id: deliveryId }, relations: { endpoint: true, event: true } });
    if (!delivery?.endpoint || !delivery.event || delivery.status === 'SUCCEEDED') return;
    const { endpoint, event } = delivery;
    if (!isPublicEvent(event.type)) {
      // Fan-out only creates deliveries of public events; anything else is never sent.
      await this.record(delivery.id, { ok: false, status: null, error: `${event.type} is an internal event` }, { final: true, endpointId: endpoint.id, countFailure: false });
      return;
    }
    if (!endpoint.active) {
      await this.record(delivery.id, { ok: false, status: null, error: 'The endpoint is disabled' }, { final: true, endpointId: endpoint.id, countFailure: false });
      return;
    }
    // Only the public shape of the event leaves: its internal payload carries personal data.
    const body = JSON.stringify(toWebhookBody({ ...event, type: event.type }));
    const outcome = await sendSignedWebhook({ url: endpoint.url, secret: endpoint.secret, body, eventId: event.id, eventType: event.type, deliveryId: delivery.id }, this.config.webhooks);
    const final = !outcome.ok && attemptOfJob >= this.config.webhooks.maxAttempts;
    await this.record(delivery.id, outcome, { final, endpointId: endpoint.id, countFailure: true });
    if (!outcome.ok && !final) throw new Error(`Webhook delivery ${delivery.id} failed (${outcome.error ?? 'unknown'}); pg-boss retries it`);
  }

  private async record(
    deliveryId: string,
    outcome: { ok: boolean; status: number | null; error: string | null },
    options: { final: boolean; endpointId: string; countFailure: boolean },
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `UPDATE webhook_delivery
            SET attempts = attempts + 1, last_attempt_at = now(), last_status_code = $2, last_error = $3, updated_at = now(),
                status = CASE WHEN $4 THEN 'SUCCEEDED'::webhook_delivery_status WHEN $5 THEN 'FAILED'::webhook_delivery_status ELSE status END,
                delivered_at = CASE WHEN $4 THEN now() ELSE delivered_at END
          WHERE id = $1`,
        [deliveryId, outcome.status, outcome.error, outcome.ok, options.final],
      );
      if (outcome.ok) {
        await em.query('UPDATE webhook_endpoint SET consecutive_failures = 0 WHERE id = $1', [options.endpointId]);
        return;
      }
      if (options.countFailure) await em.query('UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1 WHERE id = $1', [options.endpointId]);
      if (options.final && options.countFailure) {
        await em.query(
          `UPDATE webhook_endpoint SET active = false, disabled_reason = $2, updated_at = now() WHERE id = $1 AND active`,
          [options.endpointId, `Disabled after a delivery failed ${this.config.webhooks.maxAttempts} times (last: ${outcome.error ?? 'unknown'})`],
        );
        this.logger.warn({ endpointId: options.endpointId, deliveryId }, 'Webhook endpoint disabled after repeated failure');
      }
    });
  }

  private async subscribers(em: EntityManager, event: OutboxEvent): Promise<{ id: string }[]> {
    const type = event.type as WebhookEvent;
    if (!ORDER_SCOPED_EVENTS.includes(type)) {
      return em.query<{ id: string }[]>(`SELECT id FROM webhook_endpoint WHERE active AND $1 = ANY(events::text[])`, [type]);
    }
    const orderId = event.payload['orderId'];
    if (typeof orderId !== 'string') return [];
    return em.query<{ id: string }[]>(
      `SELECT e.id FROM webhook_endpoint e JOIN shop_order o ON o.partner_id = e.partner_id
        WHERE o.id = $1 AND e.active AND $2 = ANY(e.events::text[])`,
      [orderId, type],
    );
  }
}
