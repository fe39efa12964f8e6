import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { PublicCache } from '../common/http/cache-control.js';
import { RegionListView, toRegionView } from './region.views.js';
import { RegionsService } from './regions.service.js';

@ApiTags('regions')
@Public()
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  /** The 33 Kanwil (regional offices) with the 38 provinces they cover. */
  @Get()
  @PublicCache(300)
  @ApiOkResponse({ type: RegionListView })
  async list(): Promise<RegionListView> {
    return { data: (await this.regions.list()).map(toRegionView), nextCursor: null };
  }
}
