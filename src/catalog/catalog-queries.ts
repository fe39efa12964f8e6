import type { SqlQuery } from '../database/sql-query.js';
import { SALE_DAY_SQL, SELLABLE_PRODUCT_SQL } from './sellability.js';
import { fromMicros, micros, millis } from '../database/sql-time.js';
import type { Facility } from '../facilities/facility.entity.js';
import type { FacilityType } from '../facilities/facility.types.js';
import type { Kanwil } from '../facilities/kanwil.entity.js';
import type { Province } from '../facilities/province.entity.js';
import type { RegionFilter } from '../facilities/regions.service.js';
import type { CertificateKind, ConsentScope, ProductKind, Program } from './catalog.types.js';
import type { Category } from './category.entity.js';
import type { ProductSort } from './dto/list-products.dto.js';
import type { MakerConsent } from './maker-consent.entity.js';
import type { ProductCertificate } from './product-certificate.entity.js';
import type { ProductImage } from './product-image.entity.js';
import type { Product } from './product.entity.js';
import type { LoadedProduct } from './product.views.js';

/**
 * The public catalog's SQL, in one place. Every list is a keyset page: the inner query finds the
 * page's ids along an index built for its sort (named below, created in the Catalog migration), the
 * outer one loads what the views show for those rows only, images and certificates included, so
 * a page is one round trip.
 */
export type { SqlQuery };

/**
 * `pg_trgm.word_similarity_threshold` for search. At the default 0.6 a wrong letter inside a word
 * ("sasirongan", 0.57) is missed; 0.5 still finds it without matching unrelated words.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.5;

/**
 * The settings a typo search's scoring runs with. They are attached to the function that does it,
 * `catalog_typo_scores` (migration CatalogSearchRank), so a typo search is one statement; here for
 * EXPLAINing its body (TYPO_SCORES_SQL) in a transaction. The planner prices the trigram operator
 * like a cheap comparison, so it may prefer reading the whole vocabulary and testing every word to
 * the GIN index (search_word_trgm_idx); with sequential scans off, the lookup can only use the
 * index. Its estimates of how many products share a similar word are far too high, and with JIT
 * on, the cost they add would make every typo search compile itself first (over 100 ms).
 */
export const TRIGRAM_SEARCH_SETTINGS = `SET LOCAL pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}; SET LOCAL enable_seqscan = off; SET LOCAL jit = off`;

/**
 * The body of `catalog_typo_scores(wanted_text)` (migration CatalogSearchRank: the same text,
 * checked by the EXPLAIN snapshot test): every product a typo search finds, with its score.
 *
 * Typo matches without testing products one by one (issue 18: a near miss of a common word
 * proposed one product in seven, and testing each cost more than a second a search at 100,000
 * products). Each wanted word is compared with the vocabulary once (search_word, trigram index);
 * the products having a similar word come from product_search_word's key, and a product's score is
 * built from the similarities already computed:
 *
 * - a wanted word counts with its weight in trigrams (pg_trgm pads a word of n letters to n + 1
 *   trigrams), as it did inside `word_similarity(query, text)`;
 * - a product matches when the weighted mean of its best similarity per wanted word, over name,
 *   category and facility, reaches WORD_SIMILARITY_THRESHOLD, 0.5 (what `query <% search_text` asked);
 * - its score adds the same mean over its name alone, so a near miss in the product's own name
 *   outranks one in its facility or category ("batk" is as close to "Batam" as to "batik").
 *
 * typo_best goes word by word along product_search_word's key (OFFSET 0 keeps it a loop: the
 * planner cannot count the similar words beforehand and would read the whole index instead).
 */
export const TYPO_SCORES_SQL = `WITH typo_wanted AS MATERIALIZED (
    SELECT w AS word, (length(w) + 1)::float8 AS weight
      FROM regexp_split_to_table(lower(wanted_text), '[^[:alnum:]]+') w
     WHERE w <> ''
     GROUP BY w
  ),
  typo_similar AS MATERIALIZED (
    SELECT wanted.word AS wanted, wanted.weight, v.word, word_similarity(wanted.word, v.word)::float8 AS similarity
      FROM typo_wanted wanted JOIN search_word v ON wanted.word <% v.word
  ),
  typo_best AS (
    SELECT sw.product_id, s.weight, max(s.similarity) AS in_text, coalesce(max(s.similarity) FILTER (WHERE sw.in_name), 0) AS in_name
      FROM typo_similar s
      CROSS JOIN LATERAL (SELECT pw.product_id, pw.in_name FROM product_search_word pw WHERE pw.word = s.word OFFSET 0) sw
     GROUP BY sw.product_id, s.wanted, s.weight
  )
  SELECT b.product_id AS id, sum(b.weight * (b.in_text + b.in_name)) / total.weight AS score
    FROM typo_best b CROSS JOIN (SELECT sum(weight) AS weight FROM typo_wanted) total
   GROUP BY b.product_id, total.weight
  HAVING sum(b.weight * b.in_text) >= 0.5 * total.weight`;

/** TYPO_SCORES_SQL as a statement of its own, for EXPLAIN with TRIGRAM_SEARCH_SETTINGS. */
export function typoScoresQuery(text: string): SqlQuery {
  return { text: TYPO_SCORES_SQL.replace('lower(wanted_text)', 'lower($1::text)'), values: [text] };
}

/** Permits expire by the calendar in UTC (sellability.ts). */
const TODAY = SALE_DAY_SQL;

/**
 * What the public may see (with `p` the product and `f` its facility). `published_at` is set whenever a product is published; without it a
 * row could not sit in the `newest` order, so it is not shown under any sort.
 */
export const PUBLIC_PRODUCT_VISIBILITY = `${SELLABLE_PRODUCT_SQL} AND p.published_at IS NOT NULL AND f.active`;

/** Products a facility has on sale now, for its public page. */
export const FACILITY_PRODUCT_COUNT_QUERY = `SELECT count(*)::int AS count
    FROM product p JOIN facility f ON f.id = p.facility_id
   WHERE p.facility_id = $1 AND ${PUBLIC_PRODUCT_VISIBILITY}`;


export interface PublicProductFilter {
  facilityId?: string;
  region?: RegionFilter;
  /** A category and its subcategories. */
  categoryIds?: string[];
  program?: Program;
  kind?: ProductKind;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
}

/** Where the previous page ended: its last row's sort key and id. */
export interface Keyset {
  key: number;
  id: string;
}

interface SortSpec {
  /** The value a cursor carries, as a column `sort_key` (relevance: the score, see matchesCte). */
  key: string;
  /** Rows after the cursor, written so the sort's index can seek to it. */
  after: (key: string, id: string) => string;
  direction: 'ASC' | 'DESC';
  /** The order inside the keyset query; its index is named for EXPLAIN readers. */
  order: string;
}

const SORTS: Record<Exclude<ProductSort, 'relevance'>, SortSpec> = {
  // product_public_newest_idx (published_at DESC, id DESC)
  newest: {
    key: micros('p.published_at'),
    after: (key, id) => `(p.published_at, p.id) < (${fromMicros(key)}, ${id})`,
    direction: 'DESC',
    order: 'p.published_at DESC, p.id DESC',
  },
  // product_public_price_idx (price, id), forwards
  price_asc: { key: 'p.price', after: (key, id) => `(p.price, p.id) > (${key}, ${id})`, direction: 'ASC', order: 'p.price ASC, p.id ASC' },
  // product_public_price_idx (price, id), backwards
  price_desc: { key: 'p.price', after: (key, id) => `(p.price, p.id) < (${key}, ${id})`, direction: 'DESC', order: 'p.price DESC, p.id DESC' },
  // product_public_popular_idx (sales_count DESC, id DESC)
  popular: {
    key: 'p.sales_count',
    after: (key, id) => `(p.sales_count, p.id) < (${key}, ${id})`,
    direction: 'DESC',
    order: 'p.sales_count DESC, p.id DESC',
  },
};

/** The product columns visibility, filters and sorts read: what a search carries forward. */
const LISTING_COLUMNS = 'p.id, p.facility_id, p.category_id, p.program, p.kind, p.status, p.deleted_at, p.published_at, p.food_permit_valid_until, p.price, p.stock, p.sales_count';

/** Relevance orders by the score the search computed once per match. */
const RELEVANCE: SortSpec = { key: 'p.score', after: (key, id) => `(p.score, p.id) < (${key}, ${id})`, direction: 'DESC', order: 'p.score DESC, p.id DESC' };

/** The search text read the way websearch_to_tsquery reads it, for the typo search. */
export interface SearchTerms {
  /** The whole text, for full-text search. */
  text: string;
  /** The words to look for, without quotes, `or` and `-` words, for trigram matching; null if none. */
  fuzzy: string | null;
  /** The `-` words and phrases: excluded from trigram matches too, as from full-text ones. */
  excluded: string | null;
}

export function searchTerms(text: string): SearchTerms {
  const wanted: string[] = [];
  const excluded: string[] = [];
  for (const [, minus, term] of text.matchAll(/(?:^|\s)(-?)("[^"]*"?|[^\s"]+)/g)) {
    if (term === undefined) continue;
    if (minus) excluded.push(term);
    else if (term.toLowerCase() !== 'or') wanted.push(term.replaceAll('"', ''));
  }
  const fuzzy = wanted.join(' ').trim();
  return { text, fuzzy: fuzzy.length > 0 ? fuzzy : null, excluded: excluded.length > 0 ? excluded.join(' or ') : null };
}

/** The placeholders of a keyset (where the previous page ended). */
interface AfterParams {
  key: string;
  id: string;
}

/** Collects positional parameters. */
class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/**
 * How a search matches. `words`: whole words through the tsvector (product_search_vector_idx),
 * scored 1 + cover density, so a name match (weight A) beats one in the description (weight C).
 * `typos`, the fallback when the words match no product on sale: trigram word similarity of the
 * wanted words against the words of name, category and facility (the search_word vocabulary),
 * scored by those similarities (TYPO_SCORES_SQL).
 */
export type SearchMode = 'words' | 'typos';

export interface Search {
  terms: SearchTerms;
  mode: SearchMode;
  /**
   * Typos only: score the page's products from these (catalog/typo-score-cache.ts) instead of
   * calling catalog_typo_scores; the page is empty unless the search generation is still theirs.
   */
  scored?: ScoredWindow;
}

/** A product a typo search found, with its score (catalog_typo_scores). */
export interface ScoredProduct {
  id: string;
  score: number;
}

/** Candidates of a typo search taken from the scores kept for it, and the generation they hold for. */
export interface ScoredWindow {
  generation: string;
  candidates: readonly ScoredProduct[];
}

/**
 * A search for one word of letters and digits, which websearch_to_tsquery reads as that word
 * alone: its scores are precomputed in product_search_rank (rankedMatchesCte). Null otherwise.
 */
export function rankedWord(terms: SearchTerms): string | null {
  const word = terms.text.trim().toLowerCase();
  return /^[a-z0-9]{1,100}$/.test(word) ? word : null;
}

/**
 * The products a search finds, as a CTE `matches` of LISTING_COLUMNS and a `score` computed once
 * per match (MATERIALIZED). It reads the product table through the search index alone: next to
 * the visibility predicates the planner would trade it for a partial listing index and a
 * per-row filter. A one-word search reads precomputed scores instead (rankedMatchesCte).
 */
function matchesCte({ terms, mode, scored }: Search, params: Parameters, relevance: { after: AfterParams | undefined } | undefined, name = 'matches'): string {
  if (mode === 'words') {
    // Read best first only pays when the page is in relevance order; other sorts read every match.
    const word = relevance ? rankedWord(terms) : null;
    if (word !== null) return rankedMatchesCte(word, params, relevance?.after, name);
    // The query is parsed once (OFFSET 0 keeps the planner from inlining it into every row's
    // ranking, which in a prepared statement costs a third of the search).
    return `${name} AS MATERIALIZED (
        SELECT ${LISTING_COLUMNS}, 1 + ts_rank_cd(p.search_vector, words.query)::float8 AS score
          FROM (SELECT websearch_to_tsquery('simple', ${params.add(terms.text, '::text')}) AS query OFFSET 0) words
          JOIN product p ON p.search_vector @@ words.query
      )`;
  }
  return typoMatchesCtes(terms, params, scored, name);
}

/**
 * A one-word search without ranking every match per request (issue 18: "batik" matches one
 * product in seven): the word's scores, `1 + ts_rank_cd(search_vector, word)` as matchesCte
 * computes them, are kept in product_search_rank by a trigger. They are read best first along
 * product_search_rank_word_idx (word, score DESC, product_id DESC), from the cursor on, and the
 * products joined one by one (OFFSET 0 keeps the order): a page reads only until it has its rows.
 */
function rankedMatchesCte(word: string, params: Parameters, after: AfterParams | undefined, name: string): string {
  const from = after ? `\n             AND (r.score, r.product_id) < (${after.key}, ${after.id})` : '';
  return `${name} AS NOT MATERIALIZED (
        SELECT s.product_id AS id, ${LISTING_COLUMNS.replace('p.id, ', '')}, s.score
          FROM (SELECT r.product_id, r.score FROM product_search_rank r
                 WHERE r.word = ${params.add(word, '::text')}${from}
                 ORDER BY r.score DESC, r.product_id DESC OFFSET 0) s
          CROSS JOIN LATERAL (SELECT * FROM product p WHERE p.id = s.product_id OFFSET 0) p
      )`;
}

/**
 * Typo matches: the scores come from `catalog_typo_scores` (TYPO_SCORES_SQL, run with the
 * settings it needs: one statement, no transaction of its own), best first; `matches` joins them to
 * the product rows without being materialised (OFFSET 0 keeps the order), so a page sorts the
 * scores first and reads only the products it lists.
 *
 * With `scored`, the scores are a window of those the app kept for this search (issue 18: scoring
 * "batk" reads one product in seven); the products are joined the same way, and only while the
 * search generation is the one they were computed under, so a change of product words since
 * gives an empty page (the caller then asks catalog_typo_scores) instead of stale scores.
 */
function typoMatchesCtes(terms: SearchTerms, params: Parameters, scored: ScoredWindow | undefined, name: string): string {
  if (terms.fuzzy === null) throw new Error('A typo search needs words to look for');
  const conditions: string[] = [];
  let scores: string;
  if (scored) {
    const ids = params.add(scored.candidates.map((candidate) => candidate.id), '::uuid[]');
    const values = params.add(scored.candidates.map((candidate) => candidate.score), '::float8[]');
    scores = `unnest(${ids}, ${values}) s(id, score)`;
    conditions.push(`(SELECT g.generation FROM search_generation g) = ${params.add(scored.generation, '::bigint')}`);
  } else {
    scores = `(SELECT t.id, t.score FROM catalog_typo_scores(${params.add(terms.fuzzy, '::text')}) t ORDER BY t.score DESC, t.id DESC OFFSET 0) s`;
  }
  if (terms.excluded !== null) conditions.push(`NOT p.search_vector @@ websearch_to_tsquery('simple', ${params.add(terms.excluded, '::text')})`);
  const where = conditions.length > 0 ? `\n         WHERE ${conditions.join('\n           AND ')}` : '';
  return `${name} AS NOT MATERIALIZED (
        SELECT s.id, ${LISTING_COLUMNS.replace('p.id, ', '')}, s.score
          FROM ${scores}
          CROSS JOIN LATERAL (SELECT * FROM product p WHERE p.id = s.id OFFSET 0) p${where}
      )`;
}

/**
 * A typo search's best `keep` scores (one more, to tell whether there were more) and the search
 * generation they belong to, read in one snapshot: the generation comes back even when nothing
 * matched (its row is the outer side).
 */
export function typoScoresToKeepQuery(fuzzy: string, keep: number): SqlQuery {
  if (!Number.isInteger(keep) || keep < 1 || keep > 10_000) throw new Error(`Not a number of scores to keep: ${keep}`);
  return {
    text: `SELECT g.generation::text AS generation, t.id, t.score
      FROM search_generation g
      LEFT JOIN LATERAL (
        SELECT t.id, t.score FROM catalog_typo_scores($1::text) t ORDER BY t.score DESC, t.id DESC LIMIT ${keep + 1}
      ) t ON true
     ORDER BY t.score DESC, t.id DESC`,
    values: [fuzzy],
  };
}

function filterConditions(filter: PublicProductFilter, params: Parameters): string[] {
  const where: string[] = [];
  if (filter.facilityId !== undefined) where.push(`p.facility_id = ${params.add(filter.facilityId, '::uuid')}`);
  if (filter.region && 'provinceCode' in filter.region) where.push(`f.province_code = ${params.add(filter.region.provinceCode)}`);
  if (filter.region && 'kanwilId' in filter.region) where.push(`f.kanwil_id = ${params.add(filter.region.kanwilId, '::uuid')}`);
  if (filter.categoryIds !== undefined) where.push(`p.category_id = ANY(${params.add(filter.categoryIds, '::uuid[]')})`);
  if (filter.program !== undefined) where.push(`p.program = ${params.add(filter.program, '::program')}`);
  if (filter.kind !== undefined) where.push(`p.kind = ${params.add(filter.kind, '::product_kind')}`);
  if (filter.minPrice !== undefined) where.push(`p.price >= ${params.add(filter.minPrice, '::int')}`);
  if (filter.maxPrice !== undefined) where.push(`p.price <= ${params.add(filter.maxPrice, '::int')}`);
  if (filter.inStock !== undefined) where.push(filter.inStock ? 'p.stock > 0' : 'p.stock = 0');
  return where;
}

/** LIMIT is written into the text (a validated small integer): with it as a parameter, the planner cannot reuse a plan. */
function limitOf(limit: number): string {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error(`Not a page size: ${limit}`);
  return String(limit);
}

/**
 * One page of public products, `limit` rows (ask for one more than the page to learn whether
 * another follows), in page order, each with the cursor's `sort_key`. Relevance needs `search`.
 * Without a search the page is one range scan of the sort's index; with one, the page is taken
 * from the matches (see matchesCte).
 */
export function listProductsQuery(
  filter: PublicProductFilter,
  search: Search | undefined,
  sort: ProductSort,
  after: Keyset | undefined,
  limit: number,
): SqlQuery {
  if (sort === 'relevance' && !search) throw new Error('relevance needs a search text');
  const params = new Parameters();
  const spec = sort === 'relevance' ? RELEVANCE : SORTS[sort];
  const afterParams = after ? { key: params.add(after.key, '::float8'), id: params.add(after.id, '::uuid') } : undefined;
  const ctes = search ? `${matchesCte(search, params, sort === 'relevance' ? { after: afterParams } : undefined)},\n      ` : '';
  const keyset = afterParams ? `\n           AND ${spec.after(afterParams.key, afterParams.id)}` : '';
  return {
    text: `WITH ${ctes}page AS (${pageOf(search ? 'matches' : 'product', spec, listedConditions(filter, params) + keyset, limit)})
      ${productColumnsFrom('page')}
      ORDER BY page.sort_key ${spec.direction}, page.id ${spec.direction}`,
    values: params.values,
  };
}

/**
 * The first page of a search in relevance order whose typo scores are kept (typo-search.service.ts):
 * the page of its words and, only when that is empty, the typo page from the kept `scored` window,
 * in one statement where they used to be two round trips one after the other (issue 18). The typo
 * side is not even read when the words found a row (a one-time filter). `typos` tells the rows of
 * the typo page; an empty result means neither found a row (or the window is stale).
 */
export function firstSearchPageQuery(filter: PublicProductFilter, terms: SearchTerms, scored: ScoredWindow, limit: number): SqlQuery {
  const params = new Parameters();
  const relevance = { after: undefined };
  const wordMatches = matchesCte({ terms, mode: 'words' }, params, relevance, 'word_matches');
  const typoMatches = matchesCte({ terms, mode: 'typos', scored }, params, relevance, 'typo_matches');
  const listed = listedConditions(filter, params);
  return {
    text: `WITH ${wordMatches},
      word_page AS (${pageOf('word_matches', RELEVANCE, listed, limit)}),
      ${typoMatches},
      typo_page AS (${pageOf('typo_matches', RELEVANCE, listed, limit)}),
      page AS (
        SELECT id, sort_key, false AS typos FROM word_page
        UNION ALL
        SELECT id, sort_key, true AS typos FROM typo_page WHERE NOT EXISTS (SELECT 1 FROM word_page)
      )
      ${productColumnsFrom('page', 'true', ', page.typos')}
      ORDER BY page.sort_key DESC, page.id DESC`,
    values: params.values,
  };
}

/** What every public page asks of its rows: visible to the public, and the filter's conditions. */
function listedConditions(filter: PublicProductFilter, params: Parameters): string {
  return [PUBLIC_PRODUCT_VISIBILITY, ...filterConditions(filter, params)].join('\n           AND ');
}

/** The body of a `page` CTE: `limit` rows of `source` (as `p`) meeting `conditions`, in `spec`'s order. */
function pageOf(source: string, spec: SortSpec, conditions: string, limit: number): string {
  return `
        SELECT p.id, ${spec.key} AS sort_key
          FROM ${source} p JOIN facility f ON f.id = p.facility_id
         WHERE ${conditions}
         ORDER BY ${spec.order}
         LIMIT ${limitOf(limit)}
      `;
}

/** One publicly visible product by slug. */
export function productBySlugQuery(slug: string): SqlQuery {
  return {
    text: `WITH page AS (
        SELECT p.id, NULL::float8 AS sort_key
          FROM product p JOIN facility f ON f.id = p.facility_id
         WHERE p.slug = $1 AND ${PUBLIC_PRODUCT_VISIBILITY}
      )
      ${productColumnsFrom('page')}`,
    values: [slug],
  };
}

/**
 * A product by slug for the showcase, whose links must outlive a sale: every product that was
 * ever published (`published_at` is never cleared), with `visible` (may the public see it now)
 * and `deleted`. Slugs are unique, deleted products included. One statement (issue 18): the page
 * state and the product used to be two round trips.
 */
export function productPageQuery(slug: string): SqlQuery {
  return {
    text: `WITH page AS (
        SELECT p.id, NULL::float8 AS sort_key, (${PUBLIC_PRODUCT_VISIBILITY}) AS visible, p.deleted_at IS NOT NULL AS deleted
          FROM product p JOIN facility f ON f.id = p.facility_id
         WHERE p.slug = $1 AND p.published_at IS NOT NULL
      )
      ${productColumnsFrom('page', 'true', ', page.visible, page.deleted')}`,
    values: [slug],
  };
}

/**
 * The showcase's product page in one statement (issue 18: it was three, two of them side by side
 * once the first had found the product): the row productPageQuery finds (`place` 0), with its
 * stories as `stories` (the stories feature's JSON expression, `storiesJson`, see
 * ProductStoriesRegistry), then up to `related` similar products (`place` 1): on sale and in stock
 * in its category, a parent's subcategories included, newest first, the product itself left out,
 * none for a deleted product. Each category of the tree gives its newest along
 * product_public_category_idx, so a page reads a few index entries per category instead of walking
 * the newest index past every other category's products.
 */
export function productPageWithRelatedText(related: number, storiesJson: string): string {
  return `WITH page AS (
        SELECT p.id, NULL::float8 AS sort_key, (${PUBLIC_PRODUCT_VISIBILITY}) AS visible, p.deleted_at IS NOT NULL AS deleted, p.category_id
          FROM product p JOIN facility f ON f.id = p.facility_id
         WHERE p.slug = $1 AND p.published_at IS NOT NULL
      ),
      related AS (
        SELECT p.id, p.sort_key
          FROM page this
          JOIN category tree ON tree.id = this.category_id OR tree.parent_id = this.category_id
          CROSS JOIN LATERAL (
            SELECT p.id, p.published_at, ${SORTS.newest.key} AS sort_key
              FROM product p JOIN facility f ON f.id = p.facility_id
             WHERE p.category_id = tree.id AND p.id <> this.id AND ${PUBLIC_PRODUCT_VISIBILITY} AND p.stock > 0
             ORDER BY ${SORTS.newest.order}
             LIMIT ${limitOf(related)}
          ) p
         WHERE NOT this.deleted
         ORDER BY ${SORTS.newest.order}
         LIMIT ${limitOf(related)}
      ),
      listed AS (
        SELECT page.id, page.sort_key, page.visible, page.deleted, 0 AS place FROM page
        UNION ALL
        SELECT related.id, related.sort_key, true, false, 1 FROM related
      )
      ${productColumnsFrom('listed', 'true', `, listed.visible, listed.deleted, listed.place,
             CASE WHEN listed.place = 0 THEN ${storiesJson} END AS stories`)}
      ORDER BY listed.place, listed.sort_key DESC, listed.id DESC`;
}

/**
 * Every publicly visible product's slug and last change, newest first, for the sitemap (one file
 * holds at most 50,000 URLs; each product is two, one per language).
 */
export const PRODUCT_SITEMAP_QUERY: SqlQuery = {
  text: `SELECT p.slug, p.updated_at
      FROM product p JOIN facility f ON f.id = p.facility_id
     WHERE ${PUBLIC_PRODUCT_VISIBILITY}
     ORDER BY p.published_at DESC, p.id DESC
     LIMIT 20000`,
  values: [],
};

/**
 * Partner mirroring: every product changed at or after `since`, public or not, in
 * (updated_at, id) order along product_changes_idx. `visible` says which rows are public; the
 * others become tombstones, and their columns must not be shown.
 */
export function productChangesQuery(since: Date, after: Keyset | undefined, limit: number): SqlQuery {
  const values: unknown[] = [since.toISOString()];
  const keyset = after ? `AND (p.updated_at, p.id) > (${fromMicros('$2')}, $3::uuid)` : '';
  if (after) values.push(after.key, after.id);
  return {
    text: `WITH page AS (
        SELECT p.id, ${micros('p.updated_at')} AS sort_key, (${PUBLIC_PRODUCT_VISIBILITY}) AS visible
          FROM product p JOIN facility f ON f.id = p.facility_id
         WHERE p.updated_at >= $1::timestamptz ${keyset}
         ORDER BY p.updated_at, p.id
         LIMIT ${limitOf(limit)}
      )
      ${productColumnsFrom('page', 'page.visible')}
      ORDER BY page.sort_key, page.id`,
    values,
  };
}

/**
 * What a product view shows, for the rows of `page` (a CTE of `id` and `sort_key`). Images and
 * certificates come as JSON arrays; a certificate that has expired is no longer shown.
 * `detailsWhen` skips the sub-selects for rows that will not be shown in full.
 */
function productColumnsFrom(page: string, detailsWhen = 'true', extraColumns = ''): string {
  return `SELECT p.id, p.slug, p.name, p.description, p.price, p.stock, p.kind, p.program, p.weight_grams, p.max_per_order,
             ${millis('p.published_at')} AS published_at, ${millis('p.updated_at')} AS updated_at, p.maker_group_name, p.food_permit_valid_until::text AS food_permit_valid_until,
             p.facility_id, p.category_id, p.maker_consent_id,
             c.slug AS category_slug, c.name AS category_name,
             f.slug AS facility_slug, f.name AS facility_name, f.short_name AS facility_short_name, f.type AS facility_type,
             f.province_code, pr.name AS province_name, f.kanwil_id, k.code AS kanwil_code,
             mc.display_name AS consent_display_name, mc.scopes::text[] AS consent_scopes, ${millis('mc.withdrawn_at')} AS consent_withdrawn_at,
             ${page}.sort_key${detailsWhen === 'true' ? '' : `, ${detailsWhen} AS visible`}${extraColumns},
             CASE WHEN ${detailsWhen} THEN (
               SELECT coalesce(json_agg(json_build_object('id', i.id, 'contentHash', i.content_hash, 'alt', i.alt, 'width', i.width,
                                                          'height', i.height, 'position', i.position)
                                        ORDER BY i.position, i.created_at, i.id), '[]')
                 FROM product_image i WHERE i.product_id = p.id
             ) END AS images,
             CASE WHEN ${detailsWhen} THEN (
               SELECT coalesce(json_agg(json_build_object('kind', pc.kind, 'number', pc.number, 'issuer', pc.issuer, 'validUntil', pc.valid_until)
                                        ORDER BY pc.created_at, pc.id), '[]')
                 FROM product_certificate pc
                WHERE pc.product_id = p.id AND (pc.valid_until IS NULL OR pc.valid_until >= ${TODAY})
             ) END AS certificates
        FROM ${page}
        JOIN product p ON p.id = ${page}.id
        JOIN category c ON c.id = p.category_id
        JOIN facility f ON f.id = p.facility_id
        JOIN province pr ON pr.code = f.province_code
        JOIN kanwil k ON k.id = f.kanwil_id
        LEFT JOIN maker_consent mc ON mc.id = p.maker_consent_id`;
}

/** Publicly visible products per category; a parent counts its subcategories' products too. */
export const CATEGORY_PRODUCT_COUNTS_QUERY: SqlQuery = {
  text: `WITH own AS (
      SELECT p.category_id, count(*)::int AS n
        FROM product p JOIN facility f ON f.id = p.facility_id
       WHERE ${PUBLIC_PRODUCT_VISIBILITY}
       GROUP BY p.category_id
    )
    SELECT c.slug,
           (coalesce(o.n, 0) + coalesce((SELECT sum(child.n) FROM category sub JOIN own child ON child.category_id = sub.id WHERE sub.parent_id = c.id), 0))::int
             AS product_count
      FROM category c LEFT JOIN own o ON o.category_id = c.id`,
  values: [],
};

/** A row of `productColumnsFrom`, as node-postgres returns it. */
export interface ProductRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  stock: number;
  kind: ProductKind;
  program: Program;
  weight_grams: number;
  max_per_order: number | null;
  /** Milliseconds since the epoch (`millis`), made Dates by toLoadedProduct. */
  published_at: number | null;
  updated_at: number;
  maker_group_name: string | null;
  food_permit_valid_until: string | null;
  facility_id: string;
  category_id: string;
  maker_consent_id: string | null;
  category_slug: string;
  category_name: string;
  facility_slug: string;
  facility_name: string;
  facility_short_name: string;
  facility_type: FacilityType;
  province_code: string;
  province_name: string;
  kanwil_id: string;
  kanwil_code: string;
  consent_display_name: string | null;
  consent_scopes: ConsentScope[] | null;
  consent_withdrawn_at: number | null;
  /** The cursor value of the row's sort; null for a single product. */
  sort_key: number | null;
  /** Only in the changes feed: false means the row is a tombstone. */
  visible?: boolean;
  /** Only in firstSearchPageQuery: the row is from the typo page (the words found nothing). */
  typos?: boolean;
  images: ImageJson[] | null;
  certificates: CertificateJson[] | null;
}

interface ImageJson {
  id: string;
  contentHash: string;
  alt: string;
  width: number;
  height: number;
  position: number;
}

interface CertificateJson {
  kind: CertificateKind;
  number: string;
  issuer: string;
  validUntil: string | null;
}

/** A `millis` column as the Date node-postgres would have made of the timestamp. */
function dateOf(millisSinceEpoch: number | null): Date | null {
  return millisSinceEpoch === null ? null : new Date(millisSinceEpoch);
}

/**
 * Rebuilds the entities `toProductView` reads from one row: no second trip to the database. Plain
 * objects with only the columns the views read, not `new Product()`: entity classes define every
 * column as an own property, and a page builds a few hundred of these per request.
 */
export function toLoadedProduct(row: ProductRow): LoadedProduct {
  const facility = {
    id: row.facility_id,
    slug: row.facility_slug,
    name: row.facility_name,
    shortName: row.facility_short_name,
    type: row.facility_type,
    provinceCode: row.province_code,
    kanwilId: row.kanwil_id,
    province: { code: row.province_code, name: row.province_name, kanwilId: row.kanwil_id } as Province,
    kanwil: { id: row.kanwil_id, code: row.kanwil_code } as Kanwil,
  } as Facility;
  const makerConsent =
    row.maker_consent_id !== null && row.consent_display_name !== null
      ? ({
          id: row.maker_consent_id,
          facilityId: row.facility_id,
          displayName: row.consent_display_name,
          scopes: row.consent_scopes ?? [],
          withdrawnAt: dateOf(row.consent_withdrawn_at),
        } as MakerConsent)
      : undefined;
  const product = {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    price: row.price,
    stock: row.stock,
    kind: row.kind,
    program: row.program,
    weightGrams: row.weight_grams,
    maxPerOrder: row.max_per_order,
    publishedAt: dateOf(row.published_at),
    updatedAt: new Date(row.updated_at),
    makerGroupName: row.maker_group_name,
    makerConsentId: row.maker_consent_id,
    foodPermitValidUntil: row.food_permit_valid_until,
    facilityId: row.facility_id,
    categoryId: row.category_id,
    facility,
    category: { id: row.category_id, slug: row.category_slug, name: row.category_name } as Category,
    makerConsent,
  } as Product;
  // The JSON objects carry every column the views read; they are not copied.
  return { product, images: (row.images ?? []) as ProductImage[], certificates: (row.certificates ?? []) as ProductCertificate[] };
}
