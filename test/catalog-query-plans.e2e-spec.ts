import pg from 'pg';
import {
  firstSearchPageQuery,
  listProductsQuery,
  productBySlugQuery,
  productPageQuery,
  productPageWithRelatedText,
  PUBLIC_PRODUCT_VISIBILITY,
  searchTerms,
  SqlQuery,
  TRIGRAM_SEARCH_SETTINGS,
  TYPO_SCORES_SQL,
  typoScoresQuery,
  typoScoresToKeepQuery,
} from '../src/catalog/catalog-queries';
import { micros } from '../src/database/sql-time';
import { productStoryCardsJsonSql } from '../src/stories/story-queries';
import { seedCatalog } from './bench/catalog-seed';
import { createTestDatabase, dropTestDatabase } from './support/test-database';

/**
 * The plans of the catalog's hot reads, checked in (issue 18): a change that makes one of them
 * read the product table row by row, or trade its index for another, shows in review as a
 * changed snapshot. On the bench's seeded catalog (a few thousand products, ANALYZEd; the seed is
 * deterministic) each statement is EXPLAINed as the app runs it (one statement, default settings);
 * the typo search's scoring, which runs inside catalog_typo_scores with settings of its own, is
 * EXPLAINed on its own with those settings.
 *
 * What is compared is the plan's shape as far as it holds on every supported PostgreSQL (CI runs
 * 15 and 18): the tables that grow with the catalog (products, their photos, certificates and
 * search words) and the index each is read through, in plan order. Costs, row counts and how the
 * small reference tables (facility, category, province, kanwil, consent) are joined are left out:
 * the planner may pick either way for a table of a few dozen rows, and versions differ there.
 */

const PAGE = 25;

/** Tables whose size follows the catalog: reading one of them without an index is a regression. */
const GROWING = new Set(['product', 'product_image', 'product_certificate', 'product_search_word', 'product_search_rank', 'search_word']);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** `product_public_newest_idx (Index Scan)`, `product (Seq Scan)`, ... depth first. */
function shape(node: PlanNode, lines: string[] = []): string[] {
  const relation = node['Relation Name'];
  const index = node['Index Name'];
  if (index !== undefined && (relation === undefined || GROWING.has(relation))) {
    lines.push(`${index} (${node['Node Type']})`);
  } else if (relation !== undefined && GROWING.has(relation) && !node['Node Type'].startsWith('Bitmap Heap')) {
    lines.push(`${relation} (${node['Node Type']})`);
  }
  for (const child of node.Plans ?? []) shape(child, lines);
  return lines;
}

describe('catalog query plans (EXPLAIN snapshots)', () => {
  let url: string;
  let client: pg.Client;
  const queries: Record<string, { sql: SqlQuery; typos?: boolean }> = {};

  beforeAll(async () => {
    url = await createTestDatabase();
    client = new pg.Client({ connectionString: url });
    await client.connect();
    await seedCatalog(client, 4000);
    const { rows } = await client.query<{ id: string; slug: string; key: number; category_ids: string[] }>(
      `SELECT p.id, p.slug, ${micros('p.published_at')} AS key,
              (SELECT array_agg(c.id) FROM category c LEFT JOIN category parent ON parent.id = c.parent_id
                WHERE c.slug = 'fesyen-batik' OR parent.slug = 'fesyen-batik')::text[] AS category_ids
         FROM product p JOIN facility f ON f.id = p.facility_id
        WHERE ${PUBLIC_PRODUCT_VISIBILITY}
        ORDER BY p.published_at DESC, p.id DESC OFFSET 2000 LIMIT 1`,
    );
    const deep = rows[0];
    if (!deep) throw new Error('The seed made too few products');
    const kept = (await client.query<{ id: string; score: number }>(`SELECT id, score FROM catalog_typo_scores('batk') ORDER BY score DESC, id DESC LIMIT 1000`)).rows;
    Object.assign(queries, {
      'list page 1 (newest)': { sql: listProductsQuery({}, undefined, 'newest', undefined, PAGE) },
      'list deep page (newest, cursor)': { sql: listProductsQuery({}, undefined, 'newest', { key: deep.key, id: deep.id }, PAGE) },
      'list by price': { sql: listProductsQuery({}, undefined, 'price_asc', undefined, PAGE) },
      'list popular': { sql: listProductsQuery({}, undefined, 'popular', undefined, PAGE) },
      'list filtered by region and category': { sql: listProductsQuery({ region: { provinceCode: '63' }, categoryIds: deep.category_ids }, undefined, 'newest', undefined, PAGE) },
      'search batik': { sql: listProductsQuery({}, { terms: searchTerms('batik'), mode: 'words' }, 'relevance', undefined, PAGE) },
      'search batik, next page (cursor)': { sql: listProductsQuery({}, { terms: searchTerms('batik'), mode: 'words' }, 'relevance', { key: 1.5, id: deep.id }, PAGE) },
      'search two words': { sql: listProductsQuery({}, { terms: searchTerms('kain batik'), mode: 'words' }, 'relevance', undefined, PAGE) },
      'typo search batk': { sql: listProductsQuery({}, { terms: searchTerms('batk'), mode: 'typos' }, 'relevance', undefined, PAGE) },
      'typo search keripik tempee': { sql: listProductsQuery({}, { terms: searchTerms('keripik tempee'), mode: 'typos' }, 'relevance', undefined, PAGE) },
      'typo search batk from kept scores': {
        sql: listProductsQuery({}, { terms: searchTerms('batk'), mode: 'typos', scored: { generation: '1', candidates: kept.slice(0, 2 * PAGE) } }, 'relevance', undefined, PAGE),
      },
      'typo search batk, first page: its words, else its kept scores': {
        sql: firstSearchPageQuery({}, searchTerms('batk'), { generation: '1', candidates: kept.slice(0, 2 * PAGE) }, PAGE),
      },
      'typo search batk, scores to keep': { sql: typoScoresToKeepQuery('batk', 1000) },
      'typo search scoring batk (catalog_typo_scores)': { sql: typoScoresQuery('batk'), typos: true },
      'typo search scoring keripik tempee (catalog_typo_scores)': { sql: typoScoresQuery('keripik tempee'), typos: true },
      'product by slug': { sql: productBySlugQuery(deep.slug) },
      'showcase product page': { sql: productPageQuery(deep.slug) },
      'showcase product page with stories and similar products': {
        sql: { text: productPageWithRelatedText(4, productStoryCardsJsonSql('listed.id', 5)), values: [deep.slug] },
      },
    });
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    if (url) await dropTestDatabase(url);
  });

  async function plan(name: string): Promise<string[]> {
    const query = queries[name];
    if (!query) throw new Error(`No query ${name}`);
    await client.query('BEGIN');
    try {
      if (query.typos) await client.query(TRIGRAM_SEARCH_SETTINGS);
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON, COSTS OFF) ${query.sql.text}`, query.sql.values);
      const [explained] = rows[0]?.['QUERY PLAN'] ?? [];
      if (!explained) throw new Error(`No plan for ${name}`);
      return shape(explained.Plan);
    } finally {
      await client.query('ROLLBACK');
    }
  }

  it.each([
    'list page 1 (newest)',
    'list deep page (newest, cursor)',
    'list by price',
    'list popular',
    'list filtered by region and category',
    'search batik',
    'search batik, next page (cursor)',
    'search two words',
    'typo search batk',
    'typo search keripik tempee',
    'typo search batk from kept scores',
    'typo search batk, first page: its words, else its kept scores',
    'typo search batk, scores to keep',
    'typo search scoring batk (catalog_typo_scores)',
    'typo search scoring keripik tempee (catalog_typo_scores)',
    'product by slug',
    'showcase product page',
    'showcase product page with stories and similar products',
  ])('%s', async (name) => {
    const lines = await plan(name);
    // Whatever the snapshot says: a growing table is never read whole.
    expect(lines.filter((line) => line.endsWith('(Seq Scan)'))).toEqual([]);
    expect(lines.join('\n')).toMatchSnapshot();
  });

  it('scores typos in catalog_typo_scores with the statement EXPLAINed above (TYPO_SCORES_SQL)', async () => {
    const { rows } = await client.query<{ source: string }>(`SELECT prosrc AS source FROM pg_proc WHERE proname = 'catalog_typo_scores'`);
    const squeezed = (text: string): string => text.replace(/\s+/g, ' ').trim();
    expect(squeezed(rows[0]?.source ?? '')).toContain(squeezed(TYPO_SCORES_SQL));
  });
});
