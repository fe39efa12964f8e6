import pg from 'pg';
import request from 'supertest';
import { PUBLIC_PRODUCT_VISIBILITY } from '../src/catalog/catalog-queries';
import type { ProductView } from '../src/catalog/product.views';
import { TypoSearchService } from '../src/catalog/typo-search.service';
import type { Page } from '../src/common/pagination/cursor';
import { seedCatalog } from './bench/catalog-seed';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Typo searches read their pages from the scores the app kept for them (issue 18). What a shopper
 * gets must be exactly what scoring every product on every request gives: in order, page by page,
 * with filters and excluded words, and right after products change their words.
 */
describe('typo search from kept scores', () => {
  let t: TestApp;
  let client: pg.Client;

  beforeAll(async () => {
    t = await startTestApp();
    client = new pg.Client({ connectionString: t.config.databaseUrl });
    await client.connect();
    await seedCatalog(client, 600);
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await t?.close();
  });

  /** The public order of a typo search as catalog_typo_scores ranks it, scored now in SQL. */
  async function expectedOrder(words: string, where = 'true', values: unknown[] = []): Promise<string[]> {
    const { rows } = await client.query<{ slug: string }>(
      `SELECT p.slug FROM catalog_typo_scores($1) s JOIN product p ON p.id = s.id JOIN facility f ON f.id = p.facility_id
        WHERE ${PUBLIC_PRODUCT_VISIBILITY} AND ${where}
        ORDER BY s.score DESC, p.id DESC`,
      [words, ...values],
    );
    return rows.map((row) => row.slug);
  }

  /** Every page of a search, following the cursors. */
  async function allPages(query: Record<string, string>): Promise<string[]> {
    const slugs: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await request(t.http).get('/api/v1/products').query({ ...query, ...(cursor ? { cursor } : {}) }).expect(200)).body as Page<ProductView>;
      slugs.push(...page.data.map((product) => product.slug));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return slugs;
  }

  it('pages a typo search in the order of scoring every product, twice (the second from kept scores)', async () => {
    const expected = await expectedOrder('batk');
    expect(expected.length).toBeGreaterThan(40);
    expect(await allPages({ q: 'batk', limit: '9' })).toEqual(expected);
    expect(t.app.get(TypoSearchService).searchesKept).toBeGreaterThanOrEqual(1);
    expect(await allPages({ q: 'batk', limit: '9' })).toEqual(expected);
    expect(await allPages({ q: 'keripik tempee', limit: '25' })).toEqual(await expectedOrder('keripik tempee'));
  });

  it('filters and excludes words on kept scores as on computed ones', async () => {
    await allPages({ q: 'batk', limit: '25' });
    const category = (await client.query<{ id: string; slug: string }>(`SELECT c.id, c.slug FROM category c WHERE c.slug = 'gerabah'`)).rows[0];
    if (!category) throw new Error('The seed has no gerabah category');
    const inCategory = await expectedOrder('batk', 'p.category_id = $2', [category.id]);
    expect(inCategory.length).toBeGreaterThan(0);
    expect(await allPages({ q: 'batk', category: category.slug, limit: '5' })).toEqual(inCategory);
    const withoutCap = await expectedOrder('batk', `NOT p.search_vector @@ websearch_to_tsquery('simple', 'cap')`);
    expect(withoutCap.length).toBeLessThan((await expectedOrder('batk')).length);
    expect(await allPages({ q: 'batk -cap', limit: '25' })).toEqual(withoutCap);
  });

  it('finds a product renamed into a typo search at once, and ranks one renamed away lower', async () => {
    const before = await allPages({ q: 'sasirangn', limit: '25' });
    expect(before).toEqual(await expectedOrder('sasirangn'));
    const [outsider] = (
      await client.query<{ slug: string }>(
        `SELECT p.slug FROM product p JOIN facility f ON f.id = p.facility_id
          WHERE ${PUBLIC_PRODUCT_VISIBILITY} AND p.name NOT ILIKE '%sasirangan%' AND p.search_text NOT ILIKE '%sasirangan%' ORDER BY p.slug LIMIT 1`,
      )
    ).rows;
    const leaving = before[0];
    if (!outsider || !leaving) throw new Error('The seed has no product to rename');
    await client.query(`UPDATE product SET name = 'Sasirangan Motif Baru Uji' WHERE slug = $1`, [outsider.slug]);
    await client.query(`UPDATE product SET name = 'Kain Tanpa Nama Uji' WHERE slug = $1`, [leaving]);

    const after = await allPages({ q: 'sasirangn', limit: '25' });
    expect(after).toContain(outsider.slug);
    // Its category still says Sasirangan: it stays, below the products with the word in their name.
    expect(after.indexOf(leaving)).toBeGreaterThan(0);
    expect(after).toEqual(await expectedOrder('sasirangn'));
  });

  it('moves the search generation once per transaction that changes product words, however many products it renames', async () => {
    const generation = async (): Promise<number> => Number((await client.query<{ g: string }>('SELECT generation::text AS g FROM search_generation')).rows[0]?.g);
    const start = await generation();
    const slugs = (await client.query<{ slug: string }>(`SELECT slug FROM product WHERE name ILIKE '%kopi%' ORDER BY slug LIMIT 3`)).rows.map((row) => row.slug);
    expect(slugs).toHaveLength(3);
    await client.query('BEGIN');
    for (const [i, slug] of slugs.entries()) await client.query(`UPDATE product SET name = $2 WHERE slug = $1`, [slug, `Kopi Sangrai Uji ${i}`]);
    await client.query(`UPDATE product SET name = name || ' Edisi' WHERE slug = ANY($1)`, [slugs]);
    await client.query('COMMIT');
    expect(await generation()).toBe(start + 1);
    // Outside a transaction each statement is its own: two renames, two generations.
    await client.query(`UPDATE product SET name = 'Kopi Sangrai Uji A' WHERE slug = $1`, [slugs[0]]);
    await client.query(`UPDATE product SET name = 'Kopi Sangrai Uji B' WHERE slug = $1`, [slugs[1]]);
    expect(await generation()).toBe(start + 3);
    // A statement that changes no words leaves it alone.
    await client.query(`UPDATE product SET stock = stock + 1 WHERE slug = $1`, [slugs[2]]);
    expect(await generation()).toBe(start + 3);
    expect(await allPages({ q: 'kopii', limit: '25' })).toEqual(await expectedOrder('kopii'));
  });

  it('follows a product leaving the shop without a change of words (visibility is read per page)', async () => {
    const before = await allPages({ q: 'kopii', limit: '25' });
    const hidden = before[0];
    if (!hidden) throw new Error('No product for kopii');
    await client.query(`UPDATE product SET status = 'DRAFT' WHERE slug = $1`, [hidden]);
    const after = await allPages({ q: 'kopii', limit: '25' });
    expect(after).toEqual(before.slice(1));
    expect(after).toEqual(await expectedOrder('kopii'));
  });

  it('answers a search by its words as soon as they match, though its typo scores are kept (one round trip for both)', async () => {
    const [product] = (
      await client.query<{ slug: string }>(
        `SELECT p.slug FROM product p JOIN facility f ON f.id = p.facility_id WHERE ${PUBLIC_PRODUCT_VISIBILITY} ORDER BY p.slug DESC LIMIT 1`,
      )
    ).rows;
    if (!product) throw new Error('The seed has no product on sale');
    // Named with the word but off sale: the words still find nothing on sale, so typos are kept.
    await client.query(`UPDATE product SET name = 'Tas Jinjing Batk Uji', status = 'DRAFT' WHERE slug = $1`, [product.slug]);
    const typos = await allPages({ q: 'batk', limit: '25' });
    expect(typos).toEqual(await expectedOrder('batk'));
    expect(typos).not.toContain(product.slug);
    // Back on sale: no word changed (the kept scores stay current), yet the words now match it.
    await client.query(`UPDATE product SET status = 'PUBLISHED' WHERE slug = $1`, [product.slug]);
    const page = (await request(t.http).get('/api/v1/products').query({ q: 'batk', limit: '25' }).expect(200)).body as Page<ProductView>;
    expect(page.data.map((found) => found.slug)).toEqual([product.slug]);
    expect(page.nextCursor).toBeNull();
  });
  it('answers a misspelling that nothing resembles from its kept (empty) scores, and finds a product named like it at once', async () => {
    const typos = t.app.get(TypoSearchService);
    const words = 'qzxvbnm';
    expect(await expectedOrder(words)).toEqual([]);
    const scoredBefore = typos.fullScorings;
    expect(await allPages({ q: words })).toEqual([]);
    const scoredOnce = typos.fullScorings;
    // Asked again and again (a shared link): from the kept scores, not by scoring every product.
    expect(await allPages({ q: words })).toEqual([]);
    expect(await allPages({ q: words, category: 'gerabah' })).toEqual([]);
    expect(typos.fullScorings).toBe(scoredOnce);
    expect(scoredOnce - scoredBefore).toBeLessThanOrEqual(1);
    // A product renamed to a near miss (its words are not the search's): found on the next request.
    const [product] = (
      await client.query<{ slug: string }>(`SELECT p.slug FROM product p JOIN facility f ON f.id = p.facility_id WHERE ${PUBLIC_PRODUCT_VISIBILITY} ORDER BY p.slug LIMIT 1`)
    ).rows;
    if (!product) throw new Error('The seed has no product on sale');
    await client.query(`UPDATE product SET name = 'Tas Qzxvbxm Uji' WHERE slug = $1`, [product.slug]);
    const expected = await expectedOrder(words);
    expect(expected).toContain(product.slug);
    expect(await allPages({ q: words })).toEqual(expected);
  });
});
