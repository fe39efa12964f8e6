import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertInScope, scopeOf, targetFacilityId } from '../auth/access-policy.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ValidationError } from '../common/errors/domain-error.js';
import { runSql } from '../database/sql-query.js';
import { Facility } from '../facilities/facility.entity.js';
import { Kanwil } from '../facilities/kanwil.entity.js';
import type { PnbpReportQueryDto, SalesReportQueryDto } from './dto/sales-report.dto.js';
import { REPORT_MEASURES, REPORT_TIME_ZONE, type ReportGroup, type ReportMeasures } from './report.types.js';
import type { PnbpReportView, SalesReportRowView, SalesReportView } from './report.views.js';
import { GROUP_COLUMNS, salesReportQuery } from './sales-report.queries.js';

type ReportRow = Record<string, string | number | boolean | null> & { is_total: boolean };

const CAMEL: Record<string, keyof SalesReportRowView> = {
  facility_id: 'facilityId',
  facility_name: 'facilityName',
  kanwil_code: 'kanwilCode',
  kanwil_name: 'kanwilName',
  program: 'program',
  category_slug: 'categorySlug',
  category_name: 'categoryName',
  product_id: 'productId',
  product_name: 'productName',
  month: 'month',
};

/** Longest period one request may cover: beyond it the answer is an export, not a page. */
const MAX_DAYS = 3 * 366;

function measures(row: ReportRow): ReportMeasures {
  return Object.fromEntries(REPORT_MEASURES.map((measure) => [measure, Number(row[measure] ?? 0)])) as ReportMeasures;
}

/** Today's date on the WIB calendar. */
function todayInJakarta(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: REPORT_TIME_ZONE }).format(new Date());
}

/**
 * Sales reports from the revenue-split ledger, scoped like everything else: a facility admin sees
 * its facility, a regional admin its Kanwil, a superadmin the nation.
 */
@Injectable()
export class SalesReportsService {
  constructor(private readonly dataSource: DataSource) {}

  async sales(user: AuthUser, query: SalesReportQueryDto): Promise<SalesReportView> {
    const to = query.to ?? todayInJakarta();
    const from = query.from ?? `${to.slice(0, 8)}01`;
    if (from > to) throw new ValidationError('from', 'must not be after to');
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw new ValidationError('from', `and to may span at most ${MAX_DAYS} days`);
    if (query.facilityId) await this.facilityInScope(user, query.facilityId);
    const groups: ReportGroup[] = query.groupBy ?? [];
    const scope = scopeOf(user);
    const rows = await runSql<ReportRow>(
      this.dataSource,
      salesReportQuery({
        from,
        to,
        groups,
        facilityId: query.facilityId,
        scope: scope.kind === 'facility' ? { facilityId: scope.facilityId } : scope.kind === 'kanwil' ? { kanwilId: scope.kanwilId } : {},
      }),
    );
    const keys = groups.flatMap((group) => GROUP_COLUMNS[group].as);
    const totalsRow = rows.find((row) => row.is_total);
    return {
      from,
      to,
      groupBy: groups,
      currency: 'IDR',
      data: rows
        .filter((row) => !row.is_total)
        .map((row) => ({ ...Object.fromEntries(keys.map((key) => [CAMEL[key] ?? key, row[key]])), ...measures(row) })),
      totals: totalsRow ? measures(totalsRow) : measures({ is_total: true }),
    };
  }

  /**
   * One facility's month by product, as it files it; refunds made that month count against it.
   * The programme is the one each sale was made under: a product moved to another programme within
   * the month has a line for each.
   */
  async pnbp(user: AuthUser, query: PnbpReportQueryDto): Promise<PnbpReportView> {
    const facility = await this.facilityInScope(user, targetFacilityId(user, query.facilityId));
    const month = query.month ?? previousMonth(todayInJakarta());
    const from = `${month}-01`;
    const to = lastDayOf(month);
    const report = await this.sales(user, { from, to, groupBy: ['product', 'program'], facilityId: facility.id });
    const kanwil = await this.dataSource.getRepository(Kanwil).findOneByOrFail({ id: facility.kanwilId });
    return {
      facilityId: facility.id,
      facilityName: facility.name,
      kanwilName: kanwil.name,
      month,
      currency: 'IDR',
      lines: report.data.map((row) => ({
        productId: row.productId ?? '',
        productName: row.productName ?? '',
        program: row.program ?? '',
        ...pickMeasures(row),
      })),
      totals: report.totals,
      pnbpToDeposit: report.totals.pnbp,
    };
  }

  private async facilityInScope(user: AuthUser, facilityId: string): Promise<Facility> {
    const facility = await this.dataSource.getRepository(Facility).findOneBy({ id: facilityId });
    assertInScope(user, facility, 'Facility');
    return facility;
  }
}

function pickMeasures(row: ReportMeasures): ReportMeasures {
  return Object.fromEntries(REPORT_MEASURES.map((measure) => [measure, row[measure]])) as ReportMeasures;
}

function previousMonth(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}
