import { Body, Controller, Delete, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { SlugParam } from '../common/validation/params.js';
import { CategoriesService } from './categories.service.js';
import { CategoryView } from './category.views.js';
import { CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

@ApiTags('admin: categories')
@Authenticated()
@Controller('admin/categories')
export class CategoriesAdminController {
  constructor(private readonly categories: CategoriesService) {}

  @Post()
  @ApiOperation({ summary: 'Create a category' })
  @ApiProblem(409, { description: 'A category with this slug exists (CONFLICT)' })
  @RequirePermission('category.manage')
  @ApiCreatedResponse({ type: CategoryView })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateCategoryDto): Promise<CategoryView> {
    return this.categories.create(user, body);
  }

  @Patch(':slug')
  @ApiOperation({ summary: 'Update a category' })
  @ApiProblem(404, { description: 'No such category (NOT_FOUND)' })
  @RequirePermission('category.manage')
  @ApiOkResponse({ type: CategoryView })
  update(@CurrentUser() user: AuthUser, @Param() params: SlugParam, @Body() body: UpdateCategoryDto): Promise<CategoryView> {
    return this.categories.update(user, params.slug, body);
  }

  /** Only empty leaves with no sales on record (409 CONFLICT otherwise). */
  @Delete(':slug')
  @ApiOperation({ summary: 'Delete a category' })
  @ApiProblem(404, { description: 'No such category (NOT_FOUND)' })
  @ApiProblem(409, { description: 'The category still has subcategories or products (CONFLICT)' })
  @RequirePermission('category.manage')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @Param() params: SlugParam): Promise<void> {
    return this.categories.remove(user, params.slug);
  }
}
