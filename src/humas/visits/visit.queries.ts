/**
 * The SQL of visit counting, in one place (STYLE.md 12). Both flush statements take one array per
 * column (`unnest`), so a batch of any size is one round trip, and resolve a page's facility and
 * Kanwil here, at flush time, rather than on the request path.
 */

/** Which facility a counted page belongs to: the product's, the story's, or the facility page's own. */
const PAGE_OWNER = `
  LEFT JOIN LATERAL (
    SELECT p.facility_id FROM product p WHERE i.page_kind = 'product' AND p.slug = i.page_key
    UNION ALL SELECT s.facility_id FROM story s WHERE i.page_kind = 'story' AND s.slug = i.page_key
    UNION ALL SELECT f.id FROM facility f WHERE i.page_kind = 'facility' AND f.slug = i.page_key
    LIMIT 1) owner ON true
  LEFT JOIN facility f ON f.id = owner.facility_id`;

/** $1 days, $2 kinds, $3 keys, $4 sources, $5 campaigns, $6 counts; one row per distinct key (the buffer's). */
export const FLUSH_VIEWS_SQL = `
  INSERT INTO page_view_daily (day, page_kind, page_key, source, campaign, facility_id, kanwil_id, views)
  SELECT i.day, i.page_kind, i.page_key, i.source, i.campaign, f.id, f.kanwil_id, i.views
    FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
         WITH ORDINALITY AS i(day, page_kind, page_key, source, campaign, views, n)
  ${PAGE_OWNER}
   ORDER BY i.n
  ON CONFLICT (day, page_kind, page_key, source, campaign) DO UPDATE SET views = page_view_daily.views + EXCLUDED.views`;

/**
 * $1 days, $2 kinds, $3 keys, $4 hashes (hex). Every visitor counts for the nation and, on a
 * facility's page, for the facility and its Kanwil. A hash new to its day and scope is a new
 * unique visitor; `ON CONFLICT DO NOTHING ... RETURNING` yields exactly those, also when another
 * process inserts the same hash at the same moment (the later insert waits and then skips it).
 */
export const FLUSH_VISITORS_SQL = `
  WITH input AS (
    SELECT i.day, i.hash, f.id AS facility_id, f.kanwil_id
      FROM unnest($1::date[], $2::text[], $3::text[], $4::text[]) AS i(day, page_kind, page_key, hash)
    ${PAGE_OWNER}
  ), scoped AS (
    SELECT day, 'nation' AS scope, hash FROM input
    UNION ALL SELECT day, 'kanwil:' || kanwil_id, hash FROM input WHERE kanwil_id IS NOT NULL
    UNION ALL SELECT day, 'facility:' || facility_id, hash FROM input WHERE facility_id IS NOT NULL
  ), fresh AS (
    INSERT INTO visitor_day (day, scope, hash)
    SELECT DISTINCT day, scope, decode(hash, 'hex') FROM scoped ORDER BY 1, 2, 3
    ON CONFLICT (day, scope, hash) DO NOTHING
    RETURNING day, scope
  )
  INSERT INTO unique_visitors_daily (day, scope, visitors)
  SELECT day, scope, count(*)::int FROM fresh GROUP BY day, scope ORDER BY day, scope
  ON CONFLICT (day, scope) DO UPDATE SET visitors = unique_visitors_daily.visitors + EXCLUDED.visitors`;

/** The page views rows a scope sees: $1 from, $2 to; the scope filter is appended by the caller. */
export function visitScopeFilter(scope: VisitScopeFilter, firstParam: number): { sql: string; values: string[] } {
  switch (scope.kind) {
    case 'nation':
      return { sql: 'true', values: [] };
    case 'kanwil':
      return { sql: `kanwil_id = $${firstParam}::uuid`, values: [scope.id] };
    case 'facility':
      return { sql: `facility_id = $${firstParam}::uuid`, values: [scope.id] };
  }
}

export type VisitScopeFilter = { kind: 'nation' } | { kind: 'kanwil'; id: string } | { kind: 'facility'; id: string };

/** The `unique_visitors_daily.scope` value of a scope. */
export function scopeKey(scope: VisitScopeFilter): string {
  return scope.kind === 'nation' ? 'nation' : `${scope.kind}:${scope.id}`;
}

/** Views per day and source. */
export function viewsByDaySql(filter: string): string {
  return `SELECT day::text AS day, source, sum(views)::int AS views
            FROM page_view_daily WHERE day BETWEEN $1::date AND $2::date AND ${filter}
           GROUP BY day, source`;
}

export const UNIQUE_VISITORS_SQL = `
  SELECT day::text AS day, visitors FROM unique_visitors_daily WHERE day BETWEEN $1::date AND $2::date AND scope = $3`;

/** The most viewed pages of the period. */
export function topPagesSql(filter: string, limitParam: number): string {
  return `SELECT page_kind, page_key, sum(views)::int AS views
            FROM page_view_daily WHERE day BETWEEN $1::date AND $2::date AND ${filter}
           GROUP BY page_kind, page_key
           ORDER BY views DESC, page_kind, page_key
           LIMIT $${limitParam}`;
}
