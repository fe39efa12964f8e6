/**
 * The SQL of the Humas dashboard, ranking and monthly report, in one place (STYLE.md 12). Every
 * statement takes $1 from and $2 to (WIB calendar days, inclusive); timestamps are compared with
 * the WIB midnights that bound them, so the indexes on the timestamp columns serve the range.
 * The scope filter is appended by the caller from `facilityFilter`/`campaignFilter` (never input).
 */
import type { VisitScopeFilter } from '../visits/visit.queries.js';

const FROM = `($1::date::timestamp AT TIME ZONE 'Asia/Jakarta')`;
const UNTIL = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')`;
const wibDay = (column: string): string => `(${column} AT TIME ZONE 'Asia/Jakarta')::date::text`;

export interface ScopeSql {
  sql: string;
  values: string[];
}

/** Rows whose facility (alias `f`) is in the scope; the scope's id becomes parameter `param`. */
export function facilityFilter(scope: VisitScopeFilter, param: number): ScopeSql {
  if (scope.kind === 'nation') return { sql: 'true', values: [] };
  return { sql: scope.kind === 'kanwil' ? `f.kanwil_id = $${param}::uuid` : `f.id = $${param}::uuid`, values: [scope.id] };
}

/** Campaigns (alias `k`) of the scope: a Kanwil's include those of its facilities (they carry its kanwil_id). */
export function campaignFilter(scope: VisitScopeFilter, param: number): ScopeSql {
  if (scope.kind === 'nation') return { sql: 'true', values: [] };
  return { sql: scope.kind === 'kanwil' ? `k.kanwil_id = $${param}::uuid` : `k.facility_id = $${param}::uuid`, values: [scope.id] };
}

/** Active facilities (units) of the scope. */
export function unitsSql(filter: string): string {
  return `SELECT count(*)::int AS units FROM facility f WHERE f.active AND ${filter}`;
}

/**
 * Stories published per day (a story archived since still counts: it was published that day) and
 * how many units published at least one that day (for the ODON unit-days).
 */
export function storiesByDaySql(filter: string): string {
  return `SELECT ${wibDay('s.published_at')} AS day, count(*)::int AS stories, count(DISTINCT s.facility_id)::int AS units
            FROM story s JOIN facility f ON f.id = s.facility_id
           WHERE s.published_at >= ${FROM} AND s.published_at < ${UNTIL}
             AND s.status IN ('PUBLISHED', 'ARCHIVED') AND ${filter}
           GROUP BY 1`;
}

/** Products first put on sale per day (not deleted since). */
export function listingsByDaySql(filter: string): string {
  return `SELECT ${wibDay('p.published_at')} AS day, count(*)::int AS listings
            FROM product p JOIN facility f ON f.id = p.facility_id
           WHERE p.published_at >= ${FROM} AND p.published_at < ${UNTIL} AND p.deleted_at IS NULL AND ${filter}
           GROUP BY 1`;
}

/** Share-link clicks per day and channel, over the scope's campaigns. */
export function clicksByDaySql(filter: string): string {
  return `SELECT c.day::text AS day, l.channel, sum(c.clicks)::int AS clicks
            FROM link_click_daily c JOIN share_link l ON l.id = c.link_id JOIN campaign k ON k.id = l.campaign_id
           WHERE c.day BETWEEN $1::date AND $2::date AND ${filter}
           GROUP BY 1, 2`;
}

/**
 * Orders with goods of the scope placed or paid in the period, one row each: the day placed, the
 * day paid (null if not, or outside the period's reach), the scope's goods revenue less refunded
 * lines (shipping excluded, so facilities add up to their Kanwil and Kanwils to the nation), and
 * the campaign and channel of its first or last touch (the column is one of two constants).
 * `shop_order_created_idx` and `shop_order_paid_idx` serve the two ranges (a BitmapOr).
 */
export function ordersSql(filter: string, touch: 'first_touch_code' | 'last_touch_code'): string {
  return `WITH scoped AS (
            SELECT o.id, o.created_at, o.paid_at, o.${touch} AS code,
                   sum(i.unit_price * (i.quantity - i.refunded_quantity))::bigint AS revenue
              FROM shop_order o JOIN order_item i ON i.order_id = o.id JOIN facility f ON f.id = i.facility_id
             WHERE ((o.created_at >= ${FROM} AND o.created_at < ${UNTIL}) OR (o.paid_at >= ${FROM} AND o.paid_at < ${UNTIL}))
               AND ${filter}
             GROUP BY o.id)
          SELECT ${wibDay('sc.created_at')} AS placed_day, ${wibDay('sc.paid_at')} AS paid_day, sc.revenue,
                 sc.code, l.channel, k.id AS campaign_id, k.name AS campaign_name
            FROM scoped sc LEFT JOIN share_link l ON l.code = sc.code LEFT JOIN campaign k ON k.id = l.campaign_id`;
}

/**
 * Review turnaround: for each approval in the period, hours since the story's last submission
 * before it (from the audit log, which records both steps); the median and how many.
 */
export function reviewTurnaroundSql(filter: string): string {
  return `SELECT count(*)::int AS reviews, percentile_cont(0.5) WITHIN GROUP (ORDER BY t.hours) AS median_hours
            FROM (SELECT extract(epoch FROM a.created_at - (
                           SELECT max(s.created_at) FROM audit_event s
                            WHERE s.entity_type = 'story' AND s.entity_id = a.entity_id AND s.action = 'story.submit' AND s.created_at <= a.created_at)) / 3600 AS hours
                    FROM audit_event a JOIN facility f ON f.id = a.facility_id
                   WHERE a.action = 'story.approve' AND a.entity_type = 'story'
                     AND a.created_at >= ${FROM} AND a.created_at < ${UNTIL} AND ${filter}) t
           WHERE t.hours IS NOT NULL`;
}

/**
 * The ranking's measures per unit of a level (`kanwil` or `facility`) for one month, for every
 * active unit of the list: facilities, stories published, unit-days covered, daily uniques summed,
 * orders placed, products listed. $3, when given, limits the facility list to one Kanwil.
 */
export function rankingMeasuresSql(level: 'kanwil' | 'facility', withinKanwil: boolean): string {
  const unit = level === 'kanwil' ? 'f.kanwil_id' : 'f.id';
  const units = level === 'kanwil' ? `SELECT k.id, k.name FROM kanwil k WHERE EXISTS (SELECT 1 FROM facility f WHERE f.kanwil_id = k.id AND f.active)` : `SELECT f.id, f.name FROM facility f WHERE f.active${withinKanwil ? ' AND f.kanwil_id = $3::uuid' : ''}`;
  return `WITH units AS (${units}),
          facilities AS (SELECT ${unit} AS unit, count(*)::int AS n FROM facility f WHERE f.active GROUP BY 1),
          stories AS (
            SELECT ${unit} AS unit, count(*)::int AS n, count(DISTINCT (s.facility_id, ${wibDay('s.published_at')}))::int AS covered
              FROM story s JOIN facility f ON f.id = s.facility_id
             WHERE s.published_at >= ${FROM} AND s.published_at < ${UNTIL} AND s.status IN ('PUBLISHED', 'ARCHIVED')
             GROUP BY 1),
          uniques AS (
            SELECT substr(u.scope, ${level === 'kanwil' ? 8 : 10})::uuid AS unit, sum(u.visitors)::int AS n
              FROM unique_visitors_daily u
             WHERE u.day BETWEEN $1::date AND $2::date AND u.scope LIKE '${level}:%'
             GROUP BY 1),
          orders AS (
            SELECT ${unit} AS unit, count(DISTINCT o.id)::int AS n
              FROM shop_order o JOIN order_item i ON i.order_id = o.id JOIN facility f ON f.id = i.facility_id
             WHERE o.created_at >= ${FROM} AND o.created_at < ${UNTIL}
             GROUP BY 1),
          listings AS (
            SELECT ${unit} AS unit, count(*)::int AS n
              FROM product p JOIN facility f ON f.id = p.facility_id
             WHERE p.published_at >= ${FROM} AND p.published_at < ${UNTIL} AND p.deleted_at IS NULL
             GROUP BY 1)
          SELECT u.id, u.name, coalesce(fa.n, 0) AS facilities, coalesce(s.n, 0) AS stories, coalesce(s.covered, 0) AS covered,
                 coalesce(v.n, 0) AS uniques, coalesce(o.n, 0) AS orders, coalesce(l.n, 0) AS listings
            FROM units u
            LEFT JOIN facilities fa ON fa.unit = u.id LEFT JOIN stories s ON s.unit = u.id LEFT JOIN uniques v ON v.unit = u.id
            LEFT JOIN orders o ON o.unit = u.id LEFT JOIN listings l ON l.unit = u.id`;
}
