import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { Authenticated } from '../../auth/authenticated.decorator.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { RequirePermission } from '../../auth/require-permission.decorator.js';
import { ApiProblem } from '../../common/openapi/api-problem.decorator.js';
import { VisitsQueryDto } from './dto/visits-query.dto.js';
import { VisitsReportService } from './visits-report.service.js';
import { VisitsReportView } from './visits.views.js';

@ApiTags('admin: humas')
@Authenticated()
@ApiProblem(404, { description: 'The facility or Kanwil asked for does not exist or is outside your scope (NOT_FOUND)' })
@Controller('admin/humas')
export class VisitsAdminController {
  constructor(private readonly reports: VisitsReportService) {}

  /**
   * Showcase page views and daily unique visitors, day by day, with views by referrer source and
   * the most viewed pages; for your scope, or a facility or Kanwil within it. Counted on the
   * server without cookies; today's numbers trail the pages by a few seconds.
   */
  @Get('visits')
  @ApiOperation({ summary: 'Showcase visits by day and source' })
  @RequirePermission('humas.read')
  @ApiOkResponse({ type: VisitsReportView })
  visits(@CurrentUser() user: AuthUser, @Query() query: VisitsQueryDto): Promise<VisitsReportView> {
    return this.reports.report(user, query);
  }
}
