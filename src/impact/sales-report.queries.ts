import type { ReportGroup } from './report.types.js';
import { REPORT_TIME_ZONE } from './report.types.js';

interface GroupDefinition {
  /** What the aggregation groups by: ids and codes, never names (cheaper to hash and sort). */
  keys: { expr: string; as: string }[];
  /** Names looked up after aggregating, one row per group instead of one per ledger line. */
  labels: { expr: string; as: string }[];
  labelJoin?: string;
  /** The result's columns for this group, in order. */
  as: string[];
}

export const GROUP_COLUMNS: Record<ReportGroup, GroupDefinition> = {
  facility: {
    keys: [{ expr: 'le.facility_id', as: 'facility_id' }],
    labels: [{ expr: 'lf.name', as: 'facility_name' }],
    labelJoin: 'LEFT JOIN facility lf ON lf.id = agg.facility_id',
    as: ['facility_id', 'facility_name'],
  },
  region: {
    keys: [{ expr: 'f.kanwil_id', as: 'kanwil_id' }],
    labels: [
      { expr: 'lk.code', as: 'kanwil_code' },
      { expr: 'lk.name', as: 'kanwil_name' },
    ],
    labelJoin: 'LEFT JOIN kanwil lk ON lk.id = agg.kanwil_id',
    as: ['kanwil_code', 'kanwil_name'],
  },
  // Programme and category as the order line recorded them at sale: moving a product later does not move its sales.
  program: { keys: [{ expr: 'le.program::text', as: 'program' }], labels: [], as: ['program'] },
  category: {
    keys: [{ expr: 'le.category_id', as: 'category_id' }],
    labels: [
      { expr: 'lc.slug', as: 'category_slug' },
      { expr: 'lc.name', as: 'category_name' },
    ],
    labelJoin: 'LEFT JOIN category lc ON lc.id = agg.category_id',
    as: ['category_slug', 'category_name'],
  },
  product: {
    keys: [{ expr: 'le.product_id', as: 'product_id' }],
    labels: [{ expr: 'lp.name', as: 'product_name' }],
    labelJoin: 'LEFT JOIN product lp ON lp.id = agg.product_id',
    as: ['product_id', 'product_name'],
  },
  month: { keys: [{ expr: `to_char(le.created_at AT TIME ZONE '${REPORT_TIME_ZONE}', 'YYYY-MM')`, as: 'month' }], labels: [], as: ['month'] },
};

export interface SalesReportFilter {
  from: string;
  to: string;
  groups: ReportGroup[];
  facilityId?: string;
  scope: { facilityId?: string; kanwilId?: string };
}

/** Only the joins the keys and scope need: a report by month, product, programme or category reads the ledger alone. */
function joinsFor(filter: SalesReportFilter): string {
  const needs = new Set(filter.groups);
  const joins: string[] = [];
  if (needs.has('region') || filter.scope.kanwilId) joins.push('JOIN facility f ON f.id = le.facility_id');
  return joins.join('\n    ');
}

const MEASURES = ['orders', 'items', 'gross', 'refunds', 'cost', 'profit', 'premi', 'pnbp', 'capital'];

/**
 * One pass over the ledger for the period: the groups asked for and, through GROUPING SETS, the
 * totals row (distinct orders cannot be summed from groups: an order with two facilities is one
 * order). Refunds are negative ledger entries: measures are net of them, and `refunds` shows them.
 * Names are joined after aggregating.
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
  const definitions = filter.groups.map((group) => GROUP_COLUMNS[group]);
  const keys = definitions.flatMap((d) => d.keys);
  const labels = definitions.flatMap((d) => d.labels);
  const labelJoins = definitions.flatMap((d) => (d.labelJoin ? [d.labelJoin] : []));
  const grouping = keys.length > 0 ? `GROUP BY GROUPING SETS ((${keys.map((key) => key.expr).join(', ')}), ())` : '';
  const isTotal = keys.length > 0 ? `GROUPING(${keys[0]?.expr}) = 1` : 'true';
  const outputs = filter.groups.flatMap((group) => GROUP_COLUMNS[group].as).map((name) => (labels.some((l) => l.as === name) ? `${labels.find((l) => l.as === name)?.expr} AS ${name}` : `agg.${name}`));
  return {
    text: `WITH agg AS (
  SELECT ${[...keys.map((key) => `${key.expr} AS ${key.as}`), `${isTotal} AS is_total`].join(', ')},
         count(DISTINCT le.order_id) FILTER (WHERE le.kind = 'SALE')::float8 AS orders,
         coalesce(sum(le.quantity), 0)::float8 AS items,
         coalesce(sum(le.gross) FILTER (WHERE le.kind = 'SALE'), 0)::float8 AS gross,
         coalesce(-sum(le.gross) FILTER (WHERE le.kind = 'REFUND'), 0)::float8 AS refunds,
         coalesce(sum(le.cost), 0)::float8 AS cost, coalesce(sum(le.profit), 0)::float8 AS profit,
         coalesce(sum(le.premi), 0)::float8 AS premi, coalesce(sum(le.pnbp), 0)::float8 AS pnbp,
         coalesce(sum(le.capital), 0)::float8 AS capital
    FROM ledger_entry le
    ${joinsFor(filter)}
   WHERE ${conditions.join('\n     AND ')}
   ${grouping})
SELECT ${[...outputs, 'agg.is_total', ...MEASURES.map((m) => `agg.${m}`)].join(', ')}
  FROM agg
  ${labelJoins.join('\n  ')}
 ORDER BY ${outputs.length > 0 ? outputs.map((_, i) => String(i + 1)).join(', ') : '1'}`,
    values,
  };
}
