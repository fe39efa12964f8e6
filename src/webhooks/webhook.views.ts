import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_STATUSES, WEBHOOK_EVENTS, type DeliveryStatus, type WebhookEvent } from './webhook.types.js';
import type { WebhookDelivery } from './webhook-delivery.entity.js';
import type { WebhookEndpoint } from './webhook-endpoint.entity.js';

export class WebhookView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) partnerId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events!: WebhookEvent[];
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: String, nullable: true }) disabledReason!: string | null;
  @ApiProperty({ description: 'Failed attempts since the last success' }) consecutiveFailures!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** As created: the only time the signing secret is shown. */
export class CreatedWebhookView extends WebhookView {
  @ApiProperty({ description: 'Verifies Etalase-Signature; shown once' }) secret!: string;
}

export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'Etalase-Event-Id: the same for every attempt and replay' }) eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastAttemptAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastStatusCode!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toWebhookView(endpoint: WebhookEndpoint): WebhookView {
  return {
    id: endpoint.id,
    partnerId: endpoint.partnerId,
    url: endpoint.url,
    events: endpoint.events,
    active: endpoint.active,
    disabledReason: endpoint.disabledReason,
    consecutiveFailures: endpoint.consecutiveFailures,
    createdAt: endpoint.createdAt.toISOString(),
  };
}

export function toDeliveryView(delivery: WebhookDelivery): WebhookDeliveryView {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
  };
}

/** The data of a `webhook.test` event: sent only on request, never subscribed to. */
export class WebhookTestWebhookData {
  @ApiProperty({ format: 'uuid' }) webhookId!: string;
  @ApiProperty({ example: 'A test event from Etalase; no action needed' }) message!: string;
}

/** How a test event fared: answered at once, never retried. */
export class WebhookTestResultView {
  @ApiProperty({ format: 'uuid', description: 'Etalase-Event-Id of the test event' }) eventId!: string;
  @ApiProperty({ description: 'The endpoint answered 2xx within the timeout' }) delivered!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'The HTTP status it answered, or null when it did not answer' }) statusCode!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was not delivered (connection refused, timeout, refused address, HTTP status)' }) error!: string | null;
  @ApiProperty({ description: 'Milliseconds until it answered or failed' }) durationMs!: number;
}
