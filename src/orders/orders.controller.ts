import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Ip, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { CurrentPartner, type PartnerCaller } from '../auth/partner-caller.js';
import { CheckoutService } from './checkout.service.js';
import { CancelOrderDto } from './dto/cancel-order.dto.js';
import { CreateOrderDto } from './dto/create-order.dto.js';
import { OrderNumberParam } from './dto/order-number.param.js';
import { Idempotency, IdempotencyInterceptor } from './idempotency.interceptor.js';
import { OrderLocationInterceptor } from './order-location.interceptor.js';
import type { IdempotencyRef } from './order-token.js';
import { CreatedOrderView, OrderView } from './order.views.js';
import { ShopperOrdersService } from './shopper-orders.service.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';
import { ApiKeyOptional } from '../common/openapi/api-key-optional.decorator.js';

/** Set on whatever POST /orders answers for an Idempotency-Key already bound to an order. */
const IDEMPOTENT_REPLAYED = {
  'Idempotent-Replayed': {
    description: '`true` when the answer is about the order an earlier request with the same Idempotency-Key created; absent otherwise',
    schema: { type: 'string', enum: ['true'] },
  },
};

const ORDER_TOKEN_HEADER = {
  name: 'X-Order-Token',
  // Shoppers need it; a partner's own order opens with its X-Api-Key alone, so it is not required.
  required: false,
  description: 'The accessToken from the create response: required for shoppers (a wrong or missing token answers 404); a partner needs none for its own orders with its X-Api-Key',
};

@ApiTags('checkout')
@Public()
@ApiKeyOptional()
@ApiProblem(403, { description: 'The X-Api-Key lacks the scope this needs: orders:write to place or cancel, orders:read to read (INSUFFICIENT_SCOPE)' })
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly orders: ShopperOrdersService,
  ) {}

  /**
   * Reserves stock atomically and starts the payment; `accessToken` is shown only here. Each
   * product may be ordered up to its `maxPerOrder`; a client may hold only a few unpaid orders at
   * once and make only so many attempts per window (partners: per partner, with higher limits).
   */
  @Post()
  @ApiOperation({ summary: 'Place an order' })
  @UseInterceptors(OrderLocationInterceptor, IdempotencyInterceptor)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      '1..255 printable ASCII, random (a UUID). Keys are per requester: per partner with an X-Api-Key (required then), else per client address. ' +
      'The same key and body within 24 h answer with the first answer, byte for byte, whatever happened to the order since (header Idempotent-Replayed: true), its accessToken still working; ' +
      'after a 502 the retry finishes that order\'s payment instead of ordering twice. Another body with the key: 422',
  })
  @ApiCreatedResponse({
    type: CreatedOrderView,
    headers: {
      Location: { description: 'Where the order is read: /api/v1/orders/{number}', schema: { type: 'string' } },
      ...IDEMPOTENT_REPLAYED,
    },
  })
  @ApiProblem(404, { description: 'A product does not exist (NOT_FOUND)' })
  @ApiProblem(409, {
    description:
      'OUT_OF_STOCK; INVALID_STATE (product not for sale, facility not selling, pickup not offered, pickup-only item shipped); FOOD_PERMIT_REQUIRED; ' +
      'CONFLICT (same Idempotency-Key still in progress); INVALID_STATE also when the order this Idempotency-Key created was cancelled before its payment could be set up (use a new key); TOO_MANY_UNPAID_ORDERS (this address, e-mail or partner already has its limit of unpaid orders: ' +
      'pay or cancel one, or retry after the Retry-After seconds, when the oldest expires)',
    retryAfter: 'sometimes',
    headers: IDEMPOTENT_REPLAYED,
  })
  @ApiProblem(422, {
    description:
      'IDEMPOTENCY_KEY_REUSED: same key, different body; QUANTITY_LIMIT_EXCEEDED: a line asks for more than its product\'s maxPerOrder ' +
      '(errors[].field names the line; the detail gives the facility to contact for wholesale); OUTSIDE_DELIVERY_ZONE: lines the facility does not deliver ' +
      'to the address\'s province (perishables and services: its LOCAL_DELIVERY zone, by default its own province; goods: its COURIER zone, by default ' +
      'the whole country); errors[] has one entry per such line, field `items.<index>.productId`, message starting with the product id; the detail names the province',
  })
  @ApiProblem(429, { description: 'RATE_LIMITED: too many checkout attempts from this address (or partner) in the window; retry after Retry-After seconds' })
  @ApiProblem(502, {
    description:
      'PAYMENT_PROVIDER_ERROR: the order was created (the detail names it) but its payment could not be; retry with the same Idempotency-Key to finish it, ' +
      'otherwise it is cancelled unpaid within minutes',
    headers: IDEMPOTENT_REPLAYED,
  })
  create(
    @Body() body: CreateOrderDto,
    @Ip() ip: string | undefined,
    @CurrentPartner() partner: PartnerCaller | undefined,
    @Idempotency() idempotency: IdempotencyRef | undefined,
  ): Promise<CreatedOrderView> {
    return this.checkout.checkout(body, { ip, partner }, idempotency);
  }

  @Get(':number')
  @ApiOperation({ summary: 'Get an order by number' })
  @ApiHeader(ORDER_TOKEN_HEADER)
  @ApiOkResponse({ type: OrderView })
  @ApiProblem(404, { description: 'No such order, or the token does not match (NOT_FOUND)' })
  get(
    @Param() params: OrderNumberParam,
    @Headers('x-order-token') token: string | undefined,
    @CurrentPartner() partner: PartnerCaller | undefined,
  ): Promise<OrderView> {
    return this.orders.get(params.number, { token, partner });
  }

  /** Only while unpaid; the stock is released. */
  @Post(':number/cancel')
  @ApiOperation({ summary: 'Cancel an unpaid order' })
  @HttpCode(HttpStatus.OK)
  @ApiHeader(ORDER_TOKEN_HEADER)
  @ApiOkResponse({ type: OrderView })
  @ApiProblem(404, { description: 'No such order, or the token does not match (NOT_FOUND)' })
  @ApiProblem(409, { description: 'INVALID_STATE: the order is no longer awaiting payment' })
  cancel(
    @Param() params: OrderNumberParam,
    @Headers('x-order-token') token: string | undefined,
    @CurrentPartner() partner: PartnerCaller | undefined,
    @Body() body: CancelOrderDto,
  ): Promise<OrderView> {
    return this.orders.cancel(params.number, { token, partner }, body.reason);
  }
}
