import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { IdParam } from '../common/validation/params.js';
import { RefundOrderDto } from './dto/refund-order.dto.js';
import { ManualPaymentsService } from './manual-payments.service.js';
import { ConfirmedPaymentView, RefundedOrderView } from './order-payments.views.js';
import { OrderRefundsService } from './order-refunds.service.js';

@ApiTags('admin: orders')
@Authenticated()
@Controller('admin/orders')
export class OrderPaymentsAdminController {
  constructor(
    private readonly manualPayments: ManualPaymentsService,
    private readonly orderRefunds: OrderRefundsService,
  ) {}

  /**
   * The bank transfer of a manual-payment order arrived: the order becomes PAID; audited once per
   * facility the order touches. Regional admins (for orders wholly in their Kanwil) and national
   * admins only, and never the admin who placed the order.
   */
  @Post(':id/confirm-payment')
  @RequirePermission('payment.confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ConfirmedPaymentView })
  @ApiForbiddenResponse({
    description:
      'FORBIDDEN: facility admins cannot confirm payments; the order has facilities outside your Kanwil (ask a national admin); or you placed the order yourself (ask another admin)',
  })
  @ApiNotFoundResponse({ description: 'No such order with a fulfilment in your scope (NOT_FOUND)' })
  @ApiConflictResponse({ description: 'CONFLICT: not a manual payment; INVALID_STATE: already paid, or cancelled' })
  confirmPayment(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<ConfirmedPaymentView> {
    return this.manualPayments.confirm(user, params.id);
  }

  /**
   * Gives money back: without `items`, everything not yet refunded plus shipping; with `items`,
   * those units only. The provider refunds before the transaction commits; audited.
   */
  @Post(':id/refund')
  @RequirePermission('order.refund')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: RefundedOrderView })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: more units than are left to refund' })
  @ApiNotFoundResponse({ description: 'No such order with a fulfilment in your scope, or no such line (NOT_FOUND)' })
  @ApiConflictResponse({ description: 'INVALID_STATE: the order is not PAID, COMPLETED or PARTIALLY_REFUNDED' })
  @ApiBadGatewayResponse({ description: 'PAYMENT_PROVIDER_ERROR: the provider refused or failed; nothing was changed' })
  refund(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() dto: RefundOrderDto): Promise<RefundedOrderView> {
    return this.orderRefunds.refund(user, params.id, dto);
  }
}
