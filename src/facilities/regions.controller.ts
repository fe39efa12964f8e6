import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { PublicCache } from '../common/http/cache-control.js';
import { RegionListView, toRegionView } from './region.views.js';
import { RegionsService } from './regions.service.js';
import { ApiKeyOptional } from '../common/openapi/api-key-optional.decorator.js';

@ApiTags('regions')
@Public()
@ApiKeyOptional()
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  /** The 33 Kanwil (regional offices) with the 38 provinces they cover. */
  @Get()
  @ApiOperation({ summary: 'List provinces (Kanwil) with their facility counts' })
  @PublicCache(300)
  @ApiOkResponse({ type: RegionListView })
  async list(): Promise<RegionListView> {
    return { data: (await this.regions.list()).map(toRegionView), nextCursor: null };
  }
}
