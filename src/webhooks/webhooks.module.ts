import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { WebhookDeliveriesService } from './webhook-deliveries.service.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhooksAdminController } from './webhooks-admin.controller.js';
import { WebhooksAdminService } from './webhooks-admin.service.js';
import { WebhookTestsService } from './webhook-tests.service.js';

/** Outbound, signed webhooks to partner storefronts, from the outbox through pg-boss. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpoint, WebhookDelivery]), OutboxModule, AuditModule],
  controllers: [WebhooksAdminController],
  providers: [WebhookDeliveriesService, WebhooksAdminService, WebhookTestsService],
})
export class WebhooksModule {}
