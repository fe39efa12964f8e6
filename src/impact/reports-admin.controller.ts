import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { csvLine, UTF8_BOM } from './csv.js';
import { PnbpReportQueryDto, SalesReportQueryDto } from './dto/sales-report.dto.js';
import { REPORT_MEASURES } from './report.types.js';
import { PnbpReportView, SalesReportView } from './report.views.js';
import { GROUP_COLUMNS } from './sales-report.queries.js';
import { SalesReportsService } from './sales-reports.service.js';

const CSV = 'text/csv; charset=utf-8';
const camel = (snake: string): string => snake.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase());

function wantsCsv(request: Request): boolean {
  return request.accepts(['application/json', 'text/csv']) === 'text/csv';
}

/** Starts a CSV download: BOM first (Excel), then each line as it is written. */
function startCsv(response: Response, filename: string, header: string[]): void {
  response.status(200).setHeader('Content-Type', CSV);
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  response.write(UTF8_BOM + csvLine(header));
}

@ApiTags('admin: reports')
@Authenticated()
@Controller('admin/reports')
export class ReportsAdminController {
  constructor(private readonly reports: SalesReportsService) {}

  /**
   * Orders, items and the revenue split (gross, refunds, cost, profit, premi, PNBP, capital) for a
   * period, grouped as asked, scoped to you. `Accept: text/csv` gives a UTF-8 CSV (with BOM) of
   * the rows, raw integers, one column per group key and measure.
   */
  @Get('sales')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SalesReportView })
  async sales(@CurrentUser() user: AuthUser, @Query() query: SalesReportQueryDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    const report = await this.reports.sales(user, query);
    if (!wantsCsv(request)) {
      response.json(report);
      return;
    }
    const keys = report.groupBy.flatMap((group) => GROUP_COLUMNS[group].as.map(camel));
    startCsv(response, `etalase-sales-${report.from}-${report.to}.csv`, [...keys, ...REPORT_MEASURES]);
    for (const row of report.data) {
      const record = row as unknown as Record<string, string | number | null>;
      response.write(csvLine([...keys.map((key) => record[key] ?? null), ...REPORT_MEASURES.map((measure) => row[measure])]));
    }
    response.end();
  }

  /** One facility's month by product with its PNBP to deposit, as filed (`Accept: text/csv` for the file). */
  @Get('pnbp')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: PnbpReportView })
  async pnbp(@CurrentUser() user: AuthUser, @Query() query: PnbpReportQueryDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    const report = await this.reports.pnbp(user, query);
    if (!wantsCsv(request)) {
      response.json(report);
      return;
    }
    startCsv(response, `etalase-pnbp-${report.month}.csv`, ['facility', 'month', 'productId', 'productName', 'program', ...REPORT_MEASURES]);
    for (const line of report.lines) {
      response.write(csvLine([report.facilityName, report.month, line.productId, line.productName, line.program, ...REPORT_MEASURES.map((m) => line[m])]));
    }
    response.write(csvLine([report.facilityName, report.month, null, 'TOTAL', null, ...REPORT_MEASURES.map((m) => report.totals[m])]));
    response.end();
  }
}
