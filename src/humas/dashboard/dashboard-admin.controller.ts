import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../auth/auth-user.js';
import { Authenticated } from '../../auth/authenticated.decorator.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { RequirePermission } from '../../auth/require-permission.decorator.js';
import { ApiProblem } from '../../common/openapi/api-problem.decorator.js';
import { sendTable } from '../../impact/report-download.js';
import { XLSX_CONTENT_TYPE } from '../../impact/report-xlsx.js';
import { HumasDashboardService } from './dashboard.service.js';
import { HumasDashboardView } from './dashboard.views.js';
import { DashboardQueryDto } from './dto/dashboard-query.dto.js';
import { MonthlyReportQueryDto } from './dto/monthly-report-query.dto.js';
import { RankingQueryDto } from './dto/ranking-query.dto.js';
import { monthlyReportHtml } from './monthly-report-html.js';
import { writeMonthlyReportPdf } from './monthly-report-pdf.js';
import { HumasMonthlyReportService } from './monthly-report.service.js';
import { monthlyReportTable } from './monthly-report-table.js';
import { HumasMonthlyReportView } from './monthly-report.views.js';
import { HumasRankingService } from './ranking.service.js';
import { HumasRankingView } from './ranking.views.js';

@ApiTags('admin: humas')
@Authenticated()
@ApiProblem(404, { description: 'The facility or Kanwil asked for does not exist or is outside your scope (NOT_FOUND)' })
@Controller('admin/humas')
@ApiExtraModels(HumasMonthlyReportView)
export class DashboardAdminController {
  constructor(
    private readonly dashboards: HumasDashboardService,
    private readonly rankings: HumasRankingService,
    private readonly reports: HumasMonthlyReportService,
  ) {}

  /**
   * Humas performance of your facility, your Kanwil or the nation (or a facility or Kanwil within
   * your scope) over a period of WIB days: stories against the "One Day One News" target, visits,
   * daily unique visitors summed over days, share clicks by channel, orders and paid revenue by
   * campaign and source (last touch, or `touch=first`), conversion, new listings, review
   * turnaround; with weekly and monthly trends. Money in integer rupiah.
   */
  @Get('dashboard')
  @ApiOperation({ summary: 'Humas dashboard' })
  @RequirePermission('humas.read')
  @ApiOkResponse({ type: HumasDashboardView })
  dashboard(@CurrentUser() user: AuthUser, @Query() query: DashboardQueryDto): Promise<HumasDashboardView> {
    return this.dashboards.dashboard(user, query);
  }

  /**
   * Regional offices (or facilities) ranked on the composite Humas score for a month: 40% One Day
   * One News attainment (capped at 100%), 20% each for daily unique visitors, orders and new
   * listings, each relative to the best of the list. National staff see whole lists; other
   * offices their own place (rank of total); a regional admin its facilities' list whole.
   */
  @Get('ranking')
  @ApiOperation({ summary: 'Humas ranking of regional offices or facilities' })
  @RequirePermission('humas.read')
  @ApiProblem(403, { description: 'A facility admin asking for the list of regional offices (FORBIDDEN)' })
  @ApiOkResponse({ type: HumasRankingView })
  ranking(@CurrentUser() user: AuthUser, @Query() query: RankingQueryDto): Promise<HumasRankingView> {
    return this.rankings.ranking(user, query);
  }

  /**
   * A regional office's monthly PR report for its head to sign and send upward: JSON, a printable
   * A4 HTML page or PDF with a signature block, or CSV/XLSX (a row per facility and a TOTAL row;
   * CSV text is formula-safe, XLSX cells are typed and hold no formulas).
   */
  @Get('reports/monthly')
  @ApiOperation({ summary: 'Monthly Humas report of a regional office (JSON, HTML, PDF, CSV or XLSX)' })
  @RequirePermission('humas.report')
  @ApiProduces('application/json', 'text/html', 'application/pdf', 'text/csv', XLSX_CONTENT_TYPE)
  @ApiOkResponse({
    description: 'By `format`: JSON (default), text/html (A4 print page), application/pdf, text/csv (UTF-8 with BOM), or XLSX',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(HumasMonthlyReportView) } },
      'text/html': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
      'text/csv': { schema: { type: 'string' } },
      [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
    headers: {
      'Content-Disposition': { description: 'PDF, CSV and XLSX only: `attachment; filename="etalase-humas-<month>-<kanwil>.<pdf|csv|xlsx>"`', schema: { type: 'string' } },
    },
  })
  async monthly(@CurrentUser() user: AuthUser, @Query() query: MonthlyReportQueryDto, @Res() response: Response): Promise<void> {
    const report = await this.reports.report(user, query);
    const format = query.format ?? 'json';
    const name = `etalase-humas-${report.month}-${report.kanwil.id.slice(0, 8)}`;
    if (format === 'json') {
      response.json(report);
    } else if (format === 'csv' || format === 'xlsx') {
      await sendTable(response, format, monthlyReportTable(report));
    } else if (format === 'html') {
      // The page styles itself inline and runs nothing.
      response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      response.status(200).type('html').send(monthlyReportHtml(report));
    } else {
      response.status(200).setHeader('Content-Type', 'application/pdf');
      response.setHeader('Content-Disposition', `attachment; filename="${name}.pdf"`);
      await writeMonthlyReportPdf(response, report);
    }
  }
}
