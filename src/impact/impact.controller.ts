import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { PublicCache } from '../common/http/cache-control.js';
import { ImpactService } from './impact.service.js';
import { ImpactView } from './impact.views.js';
import { ApiKeyOptional } from '../common/openapi/api-key-optional.decorator.js';

@ApiTags('impact')
@Public()
@ApiKeyOptional()
@Controller('impact')
export class ImpactController {
  constructor(private readonly impact: ImpactService) {}

  /** National totals of what inmates' work achieved, and the same per Kanwil. */
  @Get()
  @ApiOperation({ summary: 'National and regional impact totals' })
  @PublicCache(30)
  @ApiOkResponse({ type: ImpactView })
  get(): Promise<ImpactView> {
    return this.impact.national();
  }
}
