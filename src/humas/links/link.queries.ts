/**
 * The SQL of share links, in one place (STYLE.md 12).
 */

/**
 * $1 link ids, $2 days, $3 clicks: one row per link and day (the counter's tallies). A link
 * deleted since its clicks were counted is skipped rather than failing the whole batch.
 */
export const FLUSH_CLICKS_SQL = `
  INSERT INTO link_click_daily (link_id, day, clicks)
  SELECT i.link_id, i.day, i.clicks
    FROM unnest($1::uuid[], $2::date[], $3::int[]) WITH ORDINALITY AS i(link_id, day, clicks, n)
   WHERE EXISTS (SELECT 1 FROM share_link l WHERE l.id = i.link_id)
   ORDER BY i.n
  ON CONFLICT (link_id, day) DO UPDATE SET clicks = link_click_daily.clicks + EXCLUDED.clicks`;

/** $1 code: the link and the slug of its target page (null for HOME, or a target deleted since). */
export const RESOLVE_LINK_SQL = `
  SELECT l.id, l.target_kind,
         CASE l.target_kind
           WHEN 'PRODUCT' THEN (SELECT p.slug FROM product p WHERE p.id = l.target_id)
           WHEN 'STORY' THEN (SELECT s.slug FROM story s WHERE s.id = l.target_id)
           WHEN 'FACILITY' THEN (SELECT f.slug FROM facility f WHERE f.id = l.target_id)
         END AS slug
    FROM share_link l
   WHERE l.code = $1`;

/** $1 codes: the channel and campaign of each code's link; a code whose link is gone has no row. */
export const TOUCH_SOURCES_SQL = `
  SELECT l.code, l.channel, c.id AS campaign_id, c.name AS campaign_name
    FROM share_link l JOIN campaign c ON c.id = l.campaign_id
   WHERE l.code = ANY($1::text[])`;

/** $1 campaign id: clicks per channel over the campaign's links, all days. */
export const CLICKS_BY_CHANNEL_SQL = `
  SELECT l.channel, sum(c.clicks)::int AS clicks
    FROM share_link l JOIN link_click_daily c ON c.link_id = l.id
   WHERE l.campaign_id = $1
   GROUP BY l.channel`;

/**
 * $1 campaign id: orders attributed to the campaign by their first or last touch (the column is
 * chosen by the caller from two constants, never from input). Paid orders count with their
 * total less the refunded lines; an unpaid or cancelled order counts as placed only.
 */
export function attributedOrdersSql(column: 'first_touch_code' | 'last_touch_code'): string {
  return `
  SELECT count(*)::int AS orders,
         count(*) FILTER (WHERE o.paid_at IS NOT NULL)::int AS paid_orders,
         coalesce(sum(o.total - coalesce(r.refunded, 0)) FILTER (WHERE o.paid_at IS NOT NULL), 0)::bigint AS paid_revenue
    FROM shop_order o
    LEFT JOIN LATERAL (SELECT sum(i.unit_price * i.refunded_quantity) AS refunded FROM order_item i WHERE i.order_id = o.id) r ON true
   WHERE o.${column} IN (SELECT l.code FROM share_link l WHERE l.campaign_id = $1)`;
}
