import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { CreatedWebhookView, WebhookDeliveryView, WebhookTestResultView, WebhookTestWebhookData, WebhookView } from './webhook.views.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';
import { WebhookTestsService } from './webhook-tests.service.js';

/** Where webhooks may be sent (webhook-target-policy.ts), as partners are told in the document. */
const TARGET_RULE =
  'In production (NODE_ENV=production) the URL must be https, to a public host name or address: no http, no localhost, single-label, .local or .internal names, ' +
  'no private, loopback or link-local addresses nor IPv6 forms that tunnel to them; every address the name resolves to is checked again when connecting. ' +
  'Outside production plain http and loopback are also accepted, for local receivers. A URL that breaks the rule answers 400 VALIDATION_FAILED (errors[].field "url").';

@ApiTags('admin: partners')
@Authenticated()
@ApiProblem(404, { description: 'No such partner, endpoint or delivery (NOT_FOUND)' })
// The `data` of each delivery, per event type (components/schemas/*WebhookData).
@ApiExtraModels(...Object.values(WEBHOOK_DATA_MODELS), WebhookTestWebhookData)
@Controller('admin/partners/:id/webhooks')
export class WebhooksAdminController {
  constructor(
    private readonly webhooks: WebhooksAdminService,
    private readonly tests: WebhookTestsService,
  ) {}

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
  @RequirePermission('partner.manage')
  @ApiOperation({
    summary: 'Register a webhook endpoint',
    description:
      'The answer\'s `secret` (shown once) verifies Etalase-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>. ' +
      'Each delivery is `{ id, type, createdAt, data }` with `data` as in the *WebhookData schemas; a failed delivery is retried with backoff for about a day, then the endpoint is disabled. ' +
      TARGET_RULE,
  })
  @ApiCreatedResponse({ type: CreatedWebhookView })
  @ApiProblem(400, { description: `VALIDATION_FAILED. ${TARGET_RULE}` })
  create(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: CreateWebhookDto): Promise<CreatedWebhookView> {
    return this.webhooks.create(user, params.id, body);
  }

  /** URL, events, or `active` (true re-enables an endpoint disabled after failures). */
  @Patch(':webhookId')
  @RequirePermission('partner.manage')
  @ApiOperation({ summary: 'Change a webhook endpoint', description: `URL, events, or active (true re-enables an endpoint disabled after failures). ${TARGET_RULE}` })
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

  /**
   * Sends a signed `webhook.test` event now and answers how it went. Never retried, not in the
   * delivery log, and a failure counts nothing against the endpoint.
   */
  @Post(':webhookId/test')
  @RequirePermission('partner.manage')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Send a test event',
    description:
      'POSTs one signed event `{ id, type: "webhook.test", createdAt, data: WebhookTestWebhookData }` to the endpoint now (also when it is disabled) and answers 200 with the outcome, ' +
      'delivered or not: a failed test is not retried (unlike deliveries, retried for about a day), is not in the delivery log, and does not count towards disabling the endpoint.',
  })
  @ApiOkResponse({ type: WebhookTestResultView })
  test(@Param() params: WebhookParams): Promise<WebhookTestResultView> {
    return this.tests.send(params.id, params.webhookId);
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
