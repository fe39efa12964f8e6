import { Controller, Headers, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiOperation, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/public.decorator.js';
import { RawJsonBody } from '../common/http/json-body.js';
import { WebhookAckView } from './order-payments.views.js';
import { StripeEventsService } from './stripe-events.service.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

@ApiTags('payments')
@Public()
@Controller('payments/stripe')
export class StripeWebhookController {
  constructor(private readonly events: StripeEventsService) {}

  /** Stripe's event deliveries; the signature is checked on the raw body before anything is read. */
  @Post('webhook')
  @ApiOperation({
    summary: 'Receive a Stripe event',
    description:
      'payment_intent.succeeded pays the order (found by the intent, or by metadata.orderId for an intent made by a hosted Checkout Session, which the payment then follows). ' +
      'A second paid intent of an order already paid is refunded. checkout.session.completed and checkout.session.expired are recorded and change nothing. Each event id takes effect once.',
  })
  @RawJsonBody()
  @HttpCode(HttpStatus.OK)
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: 'Signed with STRIPE_WEBHOOK_SECRET' })
  @ApiOkResponse({ type: WebhookAckView, description: 'Applied, already applied (a replay), or not an event type we act on' })
  @ApiProblem(400, { description: 'Missing, malformed (e.g. an empty v1=), wrong or stale signature (VALIDATION_FAILED)' })
  @ApiProblem(404, { description: 'Stripe is not configured (NOT_FOUND)' })
  @ApiProblem(502, { description: 'Applying the event needed Stripe and Stripe failed (PAYMENT_PROVIDER_ERROR); nothing was recorded, so Stripe\'s redelivery applies it' })
  receive(@Req() request: RawBodyRequest<Request>, @Headers('stripe-signature') signature: string | undefined): Promise<WebhookAckView> {
    return this.events.receive(request.rawBody, signature);
  }
}
