import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiPage } from '../common/pagination/api-page.decorator.js';
import type { Page } from '../common/pagination/cursor.js';
import { IdParam } from '../common/validation/params.js';
import { ListAdminOrdersDto } from './dto/list-admin-orders.dto.js';
import { OrderAdminSummaryView, OrderAdminView } from './order-admin.views.js';
import { OrdersAdminService } from './orders-admin.service.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

@ApiTags('admin: orders')
@Authenticated()
@Controller('admin/orders')
export class OrdersAdminController {
  constructor(private readonly orders: OrdersAdminService) {}

  /** Orders with a fulfilment in your facility or Kanwil, newest first. */
  @Get()
  @ApiOperation({ summary: "List orders in the admin's scope" })
  @RequirePermission('order.read')
  @ApiPage(OrderAdminSummaryView)
  list(@CurrentUser() user: AuthUser, @Query() query: ListAdminOrdersDto): Promise<Page<OrderAdminSummaryView>> {
    return this.orders.list(user, query);
  }

  /** The order with only the fulfilments, lines and history in your scope. */
  @Get(':id')
  @ApiOperation({ summary: 'Get an order' })
  @RequirePermission('order.read')
  @ApiOkResponse({ type: OrderAdminView })
  @ApiProblem(404, { description: 'No such order with a fulfilment in your scope (NOT_FOUND)' })
  get(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<OrderAdminView> {
    return this.orders.get(user, params.id);
  }
}
