import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiAcceptedResponse, ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiPage } from '../common/pagination/api-page.decorator.js';
import type { Page } from '../common/pagination/cursor.js';
import { IdParam } from '../common/validation/params.js';
import { CreateWebhookDto, DeliveryParams, ListDeliveriesDto, UpdateWebhookDto, WebhookParams } from './dto/webhook.dto.js';
import { WebhooksAdminService } from './webhooks-admin.service.js';
import { WEBHOOK_DATA_MODELS } from './public-events.js';
import { CreatedWebhookView, WebhookDeliveryView, WebhookView } from './webhook.views.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

@ApiTags('admin: partners')
@Authenticated()
@ApiProblem(404, { description: 'No such partner, endpoint or delivery (NOT_FOUND)' })
// The `data` of each delivery, per event type (components/schemas/*WebhookData).
@ApiExtraModels(...Object.values(WEBHOOK_DATA_MODELS))
@Controller('admin/partners/:id/webhooks')
export class WebhooksAdminController {
  constructor(private readonly webhooks: WebhooksAdminService) {}

  @Get()
  @ApiOperation({ summary: "List a partner's webhook endpoints" })
  @RequirePermission('partner.manage')
  @ApiPage(WebhookView)
  list(@Param() params: IdParam): Promise<{ data: WebhookView[]; nextCursor: null }> {
    return this.webhooks.list(params.id);
  }

  /**
   * Registers an endpoint; the answer's `secret` (shown once) verifies Etalase-Signature. Each
   * delivery is `{ id, type, createdAt, data }` with `data` as in OrderPaidWebhookData,
   * OrderCancelledWebhookData, FulfilmentShippedWebhookData, FulfilmentDeliveredWebhookData,
   * ProductUpdatedWebhookData or ProductDeletedWebhookData.
   */
  @Post()
  @ApiOperation({ summary: 'Add a webhook endpoint (the secret is shown once)' })
  @RequirePermission('partner.manage')
  @ApiCreatedResponse({ type: CreatedWebhookView })
  create(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: CreateWebhookDto): Promise<CreatedWebhookView> {
    return this.webhooks.create(user, params.id, body);
  }

  /** URL, events, or `active` (true re-enables an endpoint disabled after failures). */
  @Patch(':webhookId')
  @ApiOperation({ summary: 'Update a webhook endpoint' })
  @RequirePermission('partner.manage')
  @ApiOkResponse({ type: WebhookView })
  update(@CurrentUser() user: AuthUser, @Param() params: WebhookParams, @Body() body: UpdateWebhookDto): Promise<WebhookView> {
    return this.webhooks.update(user, params.id, params.webhookId, body);
  }

  @Delete(':webhookId')
  @ApiOperation({ summary: 'Delete a webhook endpoint' })
  @RequirePermission('partner.manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed, with its delivery log' })
  remove(@CurrentUser() user: AuthUser, @Param() params: WebhookParams): Promise<void> {
    return this.webhooks.remove(user, params.id, params.webhookId);
  }

  /** The delivery log, newest first: attempts, last status or error, outcome. */
  @Get(':webhookId/deliveries')
  @ApiOperation({ summary: "List an endpoint's deliveries" })
  @RequirePermission('partner.manage')
  @ApiPage(WebhookDeliveryView)
  deliveries(@Param() params: WebhookParams, @Query() query: ListDeliveriesDto): Promise<Page<WebhookDeliveryView>> {
    return this.webhooks.listDeliveries(params.id, params.webhookId, query);
  }

  /** Sends the delivery's event again (same event id), e.g. after the receiver was fixed. */
  @Post(':webhookId/deliveries/:deliveryId/replay')
  @ApiOperation({ summary: 'Send a delivery again' })
  @RequirePermission('partner.manage')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  @ApiProblem(409, { description: 'The endpoint is disabled (INVALID_STATE)' })
  replay(@CurrentUser() user: AuthUser, @Param() params: DeliveryParams): Promise<WebhookDeliveryView> {
    return this.webhooks.replay(user, params.id, params.webhookId, params.deliveryId);
  }
}
