import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { IdParam } from '../common/validation/params.js';
import { RefundOrderDto } from './dto/refund-order.dto.js';
import { ManualPaymentsService } from './manual-payments.service.js';
import { ConfirmedPaymentView, RefundedOrderView } from './order-payments.views.js';
import { OrderRefundsService } from './order-refunds.service.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

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
  @ApiOperation({ summary: 'Confirm a manual payment' })
  @RequirePermission('payment.confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ConfirmedPaymentView })
  @ApiProblem(403, {
    description:
      'FORBIDDEN: facility admins cannot confirm payments; the order has facilities outside your Kanwil (ask a national admin); or you placed the order yourself (ask another admin)',
  })
  @ApiProblem(404, { description: 'No such order with a fulfilment in your scope (NOT_FOUND)' })
  @ApiProblem(409, { description: 'CONFLICT: not a manual payment; INVALID_STATE: already paid, or cancelled' })
  confirmPayment(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<ConfirmedPaymentView> {
    return this.manualPayments.confirm(user, params.id);
  }

  /**
   * Gives money back: without `items`, everything not yet refunded plus shipping; with `items`,
   * those units only. The provider refunds before the transaction commits; audited.
   */
  @Post(':id/refund')
  @ApiOperation({ summary: 'Refund an order, in full or in part' })
  @RequirePermission('order.refund')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: RefundedOrderView })
  @ApiProblem(400, { description: 'VALIDATION_FAILED: more units than are left to refund' })
  @ApiProblem(404, { description: 'No such order with a fulfilment in your scope, or no such line (NOT_FOUND)' })
  @ApiProblem(409, { description: 'INVALID_STATE: the order is not PAID, COMPLETED or PARTIALLY_REFUNDED' })
  @ApiProblem(502, { description: 'PAYMENT_PROVIDER_ERROR: the provider refused or failed; nothing was changed' })
  refund(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() dto: RefundOrderDto): Promise<RefundedOrderView> {
    return this.orderRefunds.refund(user, params.id, dto);
  }
}
