import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiExtraModels, ApiOkResponse, ApiProduces, type ApiResponseOptions, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { PnbpReportQueryDto, SalesReportQueryDto } from './dto/sales-report.dto.js';
import { reportFormat, sendTable } from './report-download.js';
import { pnbpTable, salesTable } from './report-table.js';
import { XLSX_CONTENT_TYPE } from './report-xlsx.js';
import { PnbpReportView, SalesReportView } from './report.views.js';
import { SalesReportsService } from './sales-reports.service.js';
import { ApiProblem } from '../common/openapi/api-problem.decorator.js';

/** The three representations of a report, by Accept header, as OpenAPI content. */
function reportContent(view: typeof SalesReportView | typeof PnbpReportView, what: string): ApiResponseOptions {
  return {
    description:
      `JSON by default. Accept: text/csv gives UTF-8 CSV with BOM (${what}); Accept: ${XLSX_CONTENT_TYPE} gives an XLSX workbook ` +
      '(header row, typed cells: text, integer counts, rupiah with a number format, months as dates; a bold TOTAL row; no formulas; a second sheet "About" with the period). ' +
      'Text that a spreadsheet could read as a formula (starting with = + - @, tab or CR, also after a comma, semicolon or line break) is prefixed with an apostrophe in CSV.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(view) } },
      'text/csv': { schema: { type: 'string' } },
      [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
    headers: {
      'Content-Disposition': { description: 'CSV and XLSX only: `attachment; filename="<report>.<csv|xlsx>"`', schema: { type: 'string' } },
    },
  };
}

@ApiTags('admin: reports')
@Authenticated()
@ApiExtraModels(SalesReportView, PnbpReportView)
@ApiProblem(404, { description: 'The facility asked for does not exist or is outside your scope (NOT_FOUND)' })
@Controller('admin/reports')
export class ReportsAdminController {
  constructor(private readonly reports: SalesReportsService) {}

  /**
   * Orders, items and the revenue split (gross, refunds, cost, profit, premi, PNBP, capital) for a
   * period, grouped as asked, scoped to you; as JSON, CSV or XLSX by the Accept header.
   */
  @Get('sales')
  @ApiOperation({ summary: 'Sales report (JSON, CSV or XLSX)' })
  @RequirePermission('report.read')
  @ApiProduces('application/json', 'text/csv', XLSX_CONTENT_TYPE)
  @ApiOkResponse(reportContent(SalesReportView, 'the rows, raw integers, one column per group key and measure'))
  async sales(@CurrentUser() user: AuthUser, @Query() query: SalesReportQueryDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    const format = reportFormat(request);
    const report = await this.reports.sales(user, query);
    if (format === 'json') response.json(report);
    else await sendTable(response, format, salesTable(report));
  }

  /** One facility's month by product (and the programme each sale was made under) with its PNBP to deposit, as filed; JSON, CSV or XLSX by the Accept header. */
  @Get('pnbp')
  @ApiOperation({ summary: 'State revenue (PNBP) report (JSON, CSV or XLSX)' })
  @RequirePermission('report.read')
  @ApiProduces('application/json', 'text/csv', XLSX_CONTENT_TYPE)
  @ApiOkResponse(reportContent(PnbpReportView, 'a line per product and programme it was sold under, and the TOTAL line'))
  async pnbp(@CurrentUser() user: AuthUser, @Query() query: PnbpReportQueryDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    const format = reportFormat(request);
    const report = await this.reports.pnbp(user, query);
    if (format === 'json') response.json(report);
    else await sendTable(response, format, pnbpTable(report));
  }
}
