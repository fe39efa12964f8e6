import pg from 'pg';
import request from 'supertest';
import { PUBLIC_PRODUCT_VISIBILITY } from '../src/catalog/catalog-queries';
import type { ProductView } from '../src/catalog/product.views';
import type { Page } from '../src/common/pagination/cursor';
import { seedCatalog } from './bench/catalog-seed';
import { startTestApp, TestApp } from './support/test-app';

/**
 * One-word searches read precomputed scores (product_search_rank, kept by a trigger): they must
 * be the scores a words search computes per request, and follow every change of a product's
 * search vector (its own text, its category's or facility's name).
 */
describe('one-word search through product_search_rank', () => {
  let t: TestApp;
  let client: pg.Client;
  const WORDS = ['batik', 'kopi', 'lapas', 'hadiah', 'kain'];

  beforeAll(async () => {
    t = await startTestApp();
    client = new pg.Client({ connectionString: t.config.databaseUrl });
    await client.connect();
    await seedCatalog(client, 400);
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await t?.close();
  });

  /** Every product's stored score for a word next to the one computed from its vector now; mismatches only. */
  async function mismatches(word: string): Promise<unknown[]> {
    const { rows } = await client.query(
      `WITH stored AS (SELECT product_id AS id, score FROM product_search_rank WHERE word = $1),
            computed AS (SELECT id, 1 + ts_rank_cd(search_vector, websearch_to_tsquery('simple', $1))::float8 AS score
                           FROM product WHERE search_vector @@ websearch_to_tsquery('simple', $1))
       SELECT coalesce(s.id, c.id) AS id, s.score AS stored, c.score AS computed
         FROM stored s FULL JOIN computed c ON c.id = s.id
        WHERE s.score IS DISTINCT FROM c.score`,
      [word],
    );
    return rows;
  }

  /** The public order of a words search, as the per-request ranking gives it. */
  async function expectedOrder(word: string): Promise<string[]> {
    const { rows } = await client.query<{ slug: string }>(
      `SELECT p.slug FROM product p JOIN facility f ON f.id = p.facility_id
        WHERE p.search_vector @@ websearch_to_tsquery('simple', $1) AND ${PUBLIC_PRODUCT_VISIBILITY}
        ORDER BY 1 + ts_rank_cd(p.search_vector, websearch_to_tsquery('simple', $1))::float8 DESC, p.id DESC`,
      [word],
    );
    return rows.map((row) => row.slug);
  }

  /** Every page of `q`, following the cursors. */
  async function allPages(q: string): Promise<string[]> {
    const slugs: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { q, limit: '25', ...(cursor ? { cursor } : {}) };
      const page = (await request(t.http).get('/api/v1/products').query(query).expect(200)).body as Page<ProductView>;
      slugs.push(...page.data.map((product) => product.slug));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return slugs;
  }

  it('holds, for every word of every product, the score a words search computes', async () => {
    const [{ words }] = (await client.query<{ words: number }>(`SELECT count(DISTINCT word)::int AS words FROM product_search_rank`)).rows as [{ words: number }];
    expect(words).toBeGreaterThan(50);
    for (const word of WORDS) expect({ word, mismatches: await mismatches(word) }).toEqual({ word, mismatches: [] });
  });

  it('pages a one-word search (any case) in the order of the per-request ranking, cursor by cursor', async () => {
    const expected = await expectedOrder('batik');
    expect(expected.length).toBeGreaterThan(25);
    expect(await allPages('Batik')).toEqual(expected);
  });

  it('follows renamed products, categories and facilities, and deleted products', async () => {
    await client.query(`UPDATE product SET name = 'Kopi Batik Istimewa' WHERE slug IN ('produk-1', 'produk-2')`);
    await client.query(`UPDATE product SET description = description || ' batik batik batik' WHERE slug = 'produk-3'`);
    await client.query(`UPDATE category SET name = name || ' Batik' WHERE slug = 'kopi-teh'`);
    await client.query(`UPDATE facility SET short_name = short_name || ' Kopi' WHERE id = (SELECT facility_id FROM product WHERE slug = 'produk-4')`);
    await client.query(`DELETE FROM product_image WHERE product_id = (SELECT id FROM product WHERE slug = 'produk-5')`);
    await client.query(`DELETE FROM product WHERE slug = 'produk-5'`);
    for (const word of WORDS) expect({ word, mismatches: await mismatches(word) }).toEqual({ word, mismatches: [] });
    expect(await allPages('batik')).toEqual(await expectedOrder('batik'));
    expect(await allPages('kopi')).toEqual(await expectedOrder('kopi'));
  });
});
