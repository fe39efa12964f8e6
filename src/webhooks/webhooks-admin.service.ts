import { Injectable } from '@nestjs/common';
import { mapPage, type Page } from '../common/pagination/cursor.js';
import { newestFirstPage } from '../common/pagination/newest-first.js';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { DomainError, NotFoundError, ValidationError } from '../common/errors/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { Partner } from '../partners/partner.entity.js';
import type { CreateWebhookDto, ListDeliveriesDto, UpdateWebhookDto } from './dto/webhook.dto.js';
import { WebhookDeliveriesService } from './webhook-deliveries.service.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { refusedUrl } from './webhook-target-policy.js';
import { CreatedWebhookView, toDeliveryView, toWebhookView, WebhookDeliveryView, WebhookView } from './webhook.views.js';

class EndpointDisabled extends DomainError {
  constructor() {
    super('INVALID_STATE', 'The endpoint is disabled; enable it (PATCH active: true) before replaying');
  }
}

/** Partners' webhook endpoints and their delivery log; superadmin only (the controller says so). */
@Injectable()
export class WebhooksAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: WebhookDeliveriesService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async list(partnerId: string): Promise<{ data: WebhookView[]; nextCursor: null }> {
    await this.partner(this.dataSource.manager, partnerId);
    const endpoints = await this.dataSource.getRepository(WebhookEndpoint).find({ where: { partnerId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { data: endpoints.map(toWebhookView), nextCursor: null };
  }

  async create(user: AuthUser, partnerId: string, dto: CreateWebhookDto): Promise<CreatedWebhookView> {
    this.assertTarget(dto.url);
    return this.dataSource.transaction(async (em) => {
      await this.partner(em, partnerId);
      const endpoint = await em.save(
        em.create(WebhookEndpoint, { partnerId, url: dto.url, events: dto.events, secret: `whsec_${randomBytes(24).toString('base64url')}`, active: true, disabledReason: null, consecutiveFailures: 0 }),
      );
      await this.record(em, user, 'webhook.create', endpoint, null);
      return { ...toWebhookView(endpoint), secret: endpoint.secret };
    });
  }

  async update(user: AuthUser, partnerId: string, webhookId: string, dto: UpdateWebhookDto): Promise<WebhookView> {
    if (dto.url !== undefined) this.assertTarget(dto.url);
    return this.dataSource.transaction(async (em) => {
      const endpoint = await this.endpoint(em, partnerId, webhookId);
      const before = toWebhookView(endpoint);
      if (dto.url !== undefined) endpoint.url = dto.url;
      if (dto.events !== undefined) endpoint.events = dto.events;
      if (dto.active !== undefined) {
        endpoint.active = dto.active;
        endpoint.disabledReason = dto.active ? null : 'Disabled by an admin';
        if (dto.active) endpoint.consecutiveFailures = 0;
      }
      await em.save(endpoint);
      await this.record(em, user, 'webhook.update', endpoint, before);
      return toWebhookView(endpoint);
    });
  }

  async remove(user: AuthUser, partnerId: string, webhookId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const endpoint = await this.endpoint(em, partnerId, webhookId);
      await em.delete(WebhookEndpoint, { id: endpoint.id });
      await this.record(em, user, 'webhook.delete', endpoint, toWebhookView(endpoint), true);
    });
  }

  async listDeliveries(partnerId: string, webhookId: string, query: ListDeliveriesDto): Promise<Page<WebhookDeliveryView>> {
    await this.endpoint(this.dataSource.manager, partnerId, webhookId, false);
    const qb = this.dataSource.getRepository(WebhookDelivery).createQueryBuilder('d').where('d.endpoint_id = :webhookId', { webhookId });
    return mapPage(await newestFirstPage(qb, query), toDeliveryView);
  }

  /** Sends the same event (same Etalase-Event-Id) again, with a fresh series of attempts. */
  async replay(user: AuthUser, partnerId: string, webhookId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    return this.dataSource.transaction(async (em) => {
      const endpoint = await this.endpoint(em, partnerId, webhookId);
      if (!endpoint.active) throw new EndpointDisabled();
      const delivery = await em.findOne(WebhookDelivery, { where: { id: deliveryId, endpointId: endpoint.id }, lock: { mode: 'pessimistic_write' } });
      if (!delivery) throw new NotFoundError('Webhook delivery');
      delivery.status = 'PENDING';
      await em.save(delivery);
      await this.deliveries.enqueue(em, delivery.id);
      await this.audit.record(em, user, { action: 'webhook.replay', entityType: 'webhook_delivery', entityId: delivery.id, before: null, after: { eventId: delivery.eventId, partnerId } });
      return toDeliveryView(delivery);
    });
  }

  private assertTarget(url: string): void {
    const refusal = refusedUrl(url, this.config.webhooks);
    if (refusal) throw new ValidationError('url', `${refusal}; give an https URL on a public host name or address that your server answers`);
  }

  private async partner(em: EntityManager, id: string): Promise<Partner> {
    const partner = await em.findOneBy(Partner, { id });
    if (!partner) throw new NotFoundError('Partner');
    return partner;
  }

  private async endpoint(em: EntityManager, partnerId: string, webhookId: string, lock = true): Promise<WebhookEndpoint> {
    const endpoint = await em.findOne(WebhookEndpoint, { where: { id: webhookId, partnerId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!endpoint) throw new NotFoundError('Webhook endpoint');
    return endpoint;
  }

  private async record(em: EntityManager, user: AuthUser, action: string, endpoint: WebhookEndpoint, before: WebhookView | null, gone = false): Promise<void> {
    const after = gone ? null : toWebhookView(endpoint);
    await this.audit.record(em, user, {
      action,
      entityType: 'webhook_endpoint',
      entityId: endpoint.id,
      before: before as unknown as Record<string, unknown> | null,
      after: after as unknown as Record<string, unknown> | null,
    });
  }
}
