import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { PublicCache } from '../common/http/cache-control.js';
import { ApiPage } from '../common/pagination/api-page.decorator.js';
import type { Page } from '../common/pagination/cursor.js';
import { SlugParam } from '../common/validation/params.js';
import { ListFacilitiesDto } from './dto/list-facilities.dto.js';
import { FacilitiesService } from './facilities.service.js';
import { FacilityDetailView, FacilityView } from './facility.views.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';
import { ApiKeyOptional } from '../common/openapi/api-key-optional.decorator.js';

@ApiTags('facilities')
@Public()
@ApiKeyOptional()
@Controller('facilities')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  /** Active facilities, by name, filterable by region, type and a name search. */
  @Get()
  @ApiOperation({ summary: 'List facilities' })
  @PublicCache(60)
  @ApiPage(FacilityView)
  list(@Query() query: ListFacilitiesDto): Promise<Page<FacilityView>> {
    return this.facilities.listPublic(query);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'Get a facility by slug' })
  @PublicCache(60)
  @ApiOkResponse({ type: FacilityDetailView })
  @ApiProblem(404, { description: 'No active facility with this slug (NOT_FOUND)' })
  get(@Param() params: SlugParam): Promise<FacilityDetailView> {
    return this.facilities.getPublicBySlug(params.slug);
  }
}
