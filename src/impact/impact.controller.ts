import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { PublicCache } from '../common/http/cache-control.js';
import { ImpactService } from './impact.service.js';
import { ImpactView } from './impact.views.js';

@ApiTags('impact')
@Public()
@Controller('impact')
export class ImpactController {
  constructor(private readonly impact: ImpactService) {}

  /** National totals of what inmates' work achieved, and the same per Kanwil. */
  @Get()
  @PublicCache(30)
  @ApiOkResponse({ type: ImpactView })
  get(): Promise<ImpactView> {
    return this.impact.national();
  }
}
