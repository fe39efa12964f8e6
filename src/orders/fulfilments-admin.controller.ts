import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { IdParam } from '../common/validation/params.js';
import { ShipFulfilmentDto } from './dto/ship-fulfilment.dto.js';
import { FulfilmentsService } from './fulfilments.service.js';
import { OrderAdminView } from './order-admin.views.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

@ApiTags('admin: orders')
@Authenticated()
@ApiProblem(404, { description: 'No such fulfilment in your scope (NOT_FOUND)' })
@Controller('admin/fulfilments')
export class FulfilmentsAdminController {
  constructor(private readonly fulfilments: FulfilmentsService) {}

  /** Hands a paid order's parcel to a courier the facility offers; answers the order as you see it. */
  @Post(':id/ship')
  @ApiOperation({ summary: 'Mark a fulfilment shipped' })
  @RequirePermission('fulfilment.manage')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OrderAdminView })
  @ApiProblem(400, { description: 'VALIDATION_FAILED, also when the facility does not offer the courier' })
  @ApiProblem(409, { description: 'INVALID_STATE: order not paid, pickup fulfilment, or already shipped' })
  ship(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: ShipFulfilmentDto): Promise<OrderAdminView> {
    return this.fulfilments.ship(user, params.id, body);
  }

  /** Records delivery of a shipped parcel, or the handover of a pickup; the last one completes the order. */
  @Post(':id/deliver')
  @ApiOperation({ summary: 'Mark a fulfilment delivered' })
  @RequirePermission('fulfilment.manage')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: OrderAdminView })
  @ApiProblem(409, { description: 'INVALID_STATE: order not paid, not shipped yet, or already delivered' })
  deliver(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<OrderAdminView> {
    return this.fulfilments.deliver(user, params.id);
  }
}
