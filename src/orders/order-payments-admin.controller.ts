import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { IdParam } from '../common/validation/params.js';
import { OrderPaymentsService } from './order-payments.service.js';
import { ConfirmedPaymentView } from './order-payments.views.js';

@ApiTags('admin: orders')
@Authenticated()
@Controller('admin/orders')
export class OrderPaymentsAdminController {
  constructor(private readonly orderPayments: OrderPaymentsService) {}

  /** The bank transfer of a manual-payment order arrived: the order becomes PAID; audited. */
  @Post(':id/confirm-payment')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ConfirmedPaymentView })
  @ApiNotFoundResponse({ description: 'No such order with a fulfilment in your scope (NOT_FOUND)' })
  @ApiConflictResponse({ description: 'CONFLICT: not a manual payment; INVALID_STATE: already paid, or cancelled' })
  confirmPayment(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<ConfirmedPaymentView> {
    return this.orderPayments.confirmManualPayment(user, params.id);
  }
}
