import type { ReportGroup } from './report.types.js';
import { REPORT_TIME_ZONE } from './report.types.js';

/** How each grouping reads: the columns it selects and groups by, and the names in the result. */
export const GROUP_COLUMNS: Record<ReportGroup, { select: string[]; as: string[] }> = {
  facility: { select: ['f.id', 'f.name'], as: ['facility_id', 'facility_name'] },
  region: { select: ['k.code', 'k.name'], as: ['kanwil_code', 'kanwil_name'] },
  program: { select: ['p.program::text'], as: ['program'] },
  category: { select: ['c.slug', 'c.name'], as: ['category_slug', 'category_name'] },
  product: { select: ['p.id', 'p.name'], as: ['product_id', 'product_name'] },
  month: { select: [`to_char(le.created_at AT TIME ZONE '${REPORT_TIME_ZONE}', 'YYYY-MM')`], as: ['month'] },
};

export interface SalesReportFilter {
  from: string;
  to: string;
  groups: ReportGroup[];
  facilityId?: string;
  scope: { facilityId?: string; kanwilId?: string };
}

/** Only the joins the groups and scope need: a report by month reads the ledger alone. */
function joinsFor(filter: SalesReportFilter): string {
  const needs = new Set(filter.groups);
  const joins: string[] = [];
  if (needs.has('facility') || needs.has('region') || filter.scope.kanwilId) joins.push('JOIN facility f ON f.id = le.facility_id');
  if (needs.has('region')) joins.push('JOIN kanwil k ON k.id = f.kanwil_id');
  if (needs.has('product') || needs.has('program') || needs.has('category')) joins.push('JOIN product p ON p.id = le.product_id');
  if (needs.has('category')) joins.push('JOIN category c ON c.id = p.category_id');
  return joins.join('\n  ');
}

/**
 * One pass over the ledger for the period: the groups asked for and, through GROUPING SETS, the
 * totals row (distinct orders cannot be summed from groups: an order with two facilities is one
 * order). Refunds are negative ledger entries: measures are net of them, and `refunds` shows them.
 */
export function salesReportQuery(filter: SalesReportFilter): { text: string; values: unknown[] } {
  const values: unknown[] = [filter.from, filter.to];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions = [
    `le.created_at >= ($1::date)::timestamp AT TIME ZONE '${REPORT_TIME_ZONE}'`,
    `le.created_at < ($2::date + 1)::timestamp AT TIME ZONE '${REPORT_TIME_ZONE}'`,
  ];
  if (filter.facilityId) conditions.push(`le.facility_id = ${param(filter.facilityId)}`);
  if (filter.scope.facilityId) conditions.push(`le.facility_id = ${param(filter.scope.facilityId)}`);
  if (filter.scope.kanwilId) conditions.push(`f.kanwil_id = ${param(filter.scope.kanwilId)}`);
  const keys = filter.groups.flatMap((group) => GROUP_COLUMNS[group].select.map((column, i) => ({ column, as: GROUP_COLUMNS[group].as[i] ?? column })));
  const keySelect = keys.map((key) => `${key.column} AS ${key.as}`);
  const grouping = keys.length > 0 ? `GROUP BY GROUPING SETS ((${keys.map((key) => key.column).join(', ')}), ())` : '';
  return {
    text: `SELECT ${[...keySelect, keys.length > 0 ? `GROUPING(${keys[0]?.column}) = 1 AS is_total` : 'true AS is_total'].join(', ')},
       count(DISTINCT le.order_id) FILTER (WHERE le.kind = 'SALE')::float8 AS orders,
       coalesce(sum(le.quantity), 0)::float8 AS items,
       coalesce(sum(le.gross) FILTER (WHERE le.kind = 'SALE'), 0)::float8 AS gross,
       coalesce(-sum(le.gross) FILTER (WHERE le.kind = 'REFUND'), 0)::float8 AS refunds,
       coalesce(sum(le.cost), 0)::float8 AS cost, coalesce(sum(le.profit), 0)::float8 AS profit,
       coalesce(sum(le.premi), 0)::float8 AS premi, coalesce(sum(le.pnbp), 0)::float8 AS pnbp,
       coalesce(sum(le.capital), 0)::float8 AS capital
  FROM ledger_entry le
  ${joinsFor(filter)}
 WHERE ${conditions.join('\n   AND ')}
 ${grouping}
 ORDER BY ${keys.length > 0 ? `${keys.map((_, i) => String(i + 1)).join(', ')}` : '1'}`,
    values,
  };
}
