import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { CurrentPartner, type PartnerCaller } from '../auth/partner-caller.js';
import { AuthorizationHeader } from '../common/http/authorization-header.js';
import { PublicCache } from '../common/http/cache-control.js';
import type { Page } from '../common/pagination/cursor.js';
import { SlugParam } from '../common/validation/params.js';
import { CatalogService } from './catalog.service.js';
import { ProductTombstoneView } from './catalog.views.js';
import { ListProductsDto } from './dto/list-products.dto.js';
import { NoStoreWhenMirroring } from './no-store-when-mirroring.interceptor.js';
import { ProductDetailView, ProductView } from './product.views.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';
import { ApiKeyOptional } from '../common/openapi/api-key-optional.decorator.js';

@ApiTags('products')
@Public()
@ApiKeyOptional()
@Controller('products')
export class ProductsController {
  constructor(private readonly catalog: CatalogService) {}

  /**
   * Products on sale: searched, filtered, sorted, one keyset page at a time. With `updatedSince`
   * (credentials required) it is the mirroring feed instead, with tombstones for what left the catalog.
   */
  @Get()
  @ApiOperation({ summary: 'List products on sale, or mirror the catalog with updatedSince' })
  @PublicCache(60)
  @UseInterceptors(NoStoreWhenMirroring)
  @ApiExtraModels(ProductView, ProductTombstoneView)
  @ApiOkResponse({
    description: 'A page of products; with `updatedSince`, tombstones for products no longer on sale',
    schema: {
      type: 'object',
      required: ['data', 'nextCursor'],
      properties: {
        data: { type: 'array', items: { oneOf: [{ $ref: getSchemaPath(ProductView) }, { $ref: getSchemaPath(ProductTombstoneView) }] } },
        nextCursor: { type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' },
      },
    },
  })
  // An admin token is the alternative to a key for updatedSince: one more security alternative.
  @ApiBearerAuth('bearer')
  @ApiProblem(401, { description: 'updatedSince without an API key or access token (UNAUTHENTICATED), or a bad key (API_KEY_INVALID, API_KEY_REVOKED, API_KEY_EXPIRED)' })
  @ApiProblem(403, { description: 'updatedSince with a key lacking catalog:read (INSUFFICIENT_SCOPE)' })
  list(
    @Query() query: ListProductsDto,
    @CurrentPartner() partner: PartnerCaller | undefined,
    @AuthorizationHeader() authorization: string | undefined,
  ): Promise<Page<ProductView | ProductTombstoneView>> {
    return this.catalog.listProducts(query, { authorization, partner });
  }

  @Get(':slug')
  @ApiOperation({ summary: 'Get a product on sale by slug' })
  @PublicCache(60)
  @ApiOkResponse({ type: ProductDetailView })
  @ApiProblem(404, { description: 'No product on sale with this slug (NOT_FOUND)' })
  get(@Param() params: SlugParam): Promise<ProductDetailView> {
    return this.catalog.getProduct(params.slug);
  }
}
