import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { PublicCache } from '../common/http/cache-control.js';
import { CatalogService } from './catalog.service.js';
import { CategoryListView } from './catalog.views.js';
import { ApiKeyOptional } from '../common/openapi/api-key-optional.decorator.js';

@ApiTags('categories')
@Public()
@ApiKeyOptional()
@Controller('categories')
export class CategoriesController {
  constructor(private readonly catalog: CatalogService) {}

  /** The whole two-level tree as one flat list: each parent followed by its subcategories. */
  @Get()
  @ApiOperation({ summary: 'List product categories' })
  @PublicCache(60)
  @ApiOkResponse({ type: CategoryListView })
  list(): Promise<CategoryListView> {
    return this.catalog.listCategories();
  }
}
