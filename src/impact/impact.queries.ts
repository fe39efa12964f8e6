import { PUBLIC_PRODUCT_VISIBILITY } from '../catalog/catalog-queries.js';

/**
 * Everything the impact counters show, per facility, from the revenue-split ledger (refunds are
 * negative entries, so every sum is net of them). National and Kanwil figures are sums of these
 * rows, so national = sum of Kanwil = sum of facilities by construction.
 */
export const IMPACT_BY_FACILITY_QUERY = `
WITH sales AS (
  SELECT le.facility_id,
         sum(le.quantity)::bigint AS items,
         sum(le.gross)::bigint AS revenue,
         sum(le.premi)::bigint AS premi,
         sum(CASE WHEN p.kind = 'FOOD' THEN le.quantity::bigint * oi.weight_grams ELSE 0 END)::bigint AS food_grams
    FROM ledger_entry le
    JOIN order_item oi ON oi.id = le.order_item_id
    JOIN product p ON p.id = le.product_id
   GROUP BY le.facility_id),
on_sale AS (
  SELECT p.facility_id, count(*)::int AS products
    FROM product p JOIN facility f ON f.id = p.facility_id
   WHERE ${PUBLIC_PRODUCT_VISIBILITY}
   GROUP BY p.facility_id),
told AS (
  SELECT s.facility_id, count(*)::int AS stories
    FROM story s JOIN facility f ON f.id = s.facility_id
   WHERE s.status = 'PUBLISHED' AND f.active
   GROUP BY s.facility_id)
SELECT f.id, f.slug, f.active, k.code AS kanwil_code, k.name AS kanwil_name,
       coalesce(sales.items, 0)::float8 AS items, coalesce(sales.revenue, 0)::float8 AS revenue,
       coalesce(sales.premi, 0)::float8 AS premi, coalesce(sales.food_grams, 0)::float8 AS food_grams,
       coalesce(on_sale.products, 0) AS products, coalesce(told.stories, 0) AS stories
  FROM facility f
  JOIN kanwil k ON k.id = f.kanwil_id
  LEFT JOIN sales ON sales.facility_id = f.id
  LEFT JOIN on_sale ON on_sale.facility_id = f.id
  LEFT JOIN told ON told.facility_id = f.id`;

/**
 * Moves whenever a payment or refund commits ledger entries (an index lookup, not a scan). Two
 * payments committing out of start order can leave it unmoved for the second; the TTL covers that.
 */
export const LEDGER_WATERMARK_QUERY = `SELECT coalesce(max(created_at), 'epoch') AS latest FROM ledger_entry`;

export interface ImpactFacilityRow {
  id: string;
  slug: string;
  active: boolean;
  kanwil_code: string;
  kanwil_name: string;
  items: number;
  revenue: number;
  premi: number;
  food_grams: number;
  products: number;
  stories: number;
}
