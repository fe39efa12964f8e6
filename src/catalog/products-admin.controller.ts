import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { LargeJsonBody } from '../common/http/json-body.js';
import { ApiPage } from '../common/pagination/api-page.decorator.js';
import type { Page } from '../common/pagination/cursor.js';
import { IdParam } from '../common/validation/params.js';
import { CreateProductDto } from './dto/create-product.dto.js';
import { ListAdminProductsDto } from './dto/list-admin-products.dto.js';
import { StockChangeDto } from './dto/stock-change.dto.js';
import { PageQueryDto } from '../common/pagination/page-query.dto.js';
import { StockMovementView } from './stock-movement.views.js';
import { UpdateProductDto } from './dto/update-product.dto.js';
import { ProductAdminView } from './product.views.js';
import { ProductsAdminService } from './products-admin.service.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

@ApiTags('admin: products')
@Authenticated()
@ApiProblem(404, { description: 'No such product (or facility) in your scope (NOT_FOUND)' })
@Controller('admin/products')
export class ProductsAdminController {
  constructor(private readonly products: ProductsAdminService) {}

  /**
   * Products of your facility or Kanwil, newest first; drafts and archived included. Filters for the
   * console's home screen: low stock (`stockAtMost`) and permits about to expire (`permitExpiresBefore`).
   */
  @Get()
  @ApiOperation({ summary: "List products in the admin's scope" })
  @RequirePermission('product.manage')
  @ApiPage(ProductAdminView, { withTotal: true })
  list(@CurrentUser() user: AuthUser, @Query() query: ListAdminProductsDto): Promise<Page<ProductAdminView> & { total?: number }> {
    return this.products.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a product' })
  @RequirePermission('product.manage')
  @ApiOkResponse({ type: ProductAdminView })
  get(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<ProductAdminView> {
    return this.products.get(user, params.id);
  }

  // A 20,000-character description and 20 certificates do not fit the ordinary body limit.
  @Post()
  @ApiOperation({ summary: 'Create a product' })
  @RequirePermission('product.manage')
  @LargeJsonBody()
  @ApiCreatedResponse({ type: ProductAdminView })
  @ApiProblem(409, { description: 'FOOD_PERMIT_REQUIRED, INDIVIDUAL_CREDIT_NOT_ALLOWED (LPKA), CONSENT_REQUIRED, CONFLICT (slug)' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateProductDto): Promise<ProductAdminView> {
    return this.products.create(user, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a product' })
  @RequirePermission('product.manage')
  @LargeJsonBody()
  @ApiOkResponse({ type: ProductAdminView })
  @ApiProblem(409, { description: 'FOOD_PERMIT_REQUIRED, INDIVIDUAL_CREDIT_NOT_ALLOWED (LPKA), CONSENT_REQUIRED, CONFLICT (slug)' })
  update(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: UpdateProductDto): Promise<ProductAdminView> {
    return this.products.update(user, params.id, body);
  }

  /** Soft delete: partner mirrors see a tombstone. */
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a product (soft)' })
  @RequirePermission('product.manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @Param() params: IdParam): Promise<void> {
    return this.products.remove(user, params.id);
  }

  /** Sets (`{ set }`) or adjusts (`{ delta }`) stock atomically; never below zero; audited. */
  @Patch(':id/stock')
  @ApiOperation({ summary: "Set or change a product's stock" })
  @RequirePermission('product.manage')
  @ApiOkResponse({ type: ProductAdminView })
  @ApiProblem(409, { description: 'The change would take stock below zero (CONFLICT)' })
  changeStock(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Body() body: StockChangeDto): Promise<ProductAdminView> {
    return this.products.changeStock(user, params.id, body);
  }

  /** Every change of the product's stock, newest first: reservations, releases, sales, returns, adjustments. */
  @Get(':id/stock-movements')
  @RequirePermission('product.manage')
  @ApiOperation({ summary: "List a product's stock movements" })
  @ApiPage(StockMovementView)
  stockMovements(@CurrentUser() user: AuthUser, @Param() params: IdParam, @Query() query: PageQueryDto): Promise<Page<StockMovementView>> {
    return this.products.stockMovements(user, params.id, query);
  }
}
