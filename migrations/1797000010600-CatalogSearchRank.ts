import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plain one-word search and typo search, faster (issue 18).
 *
 * `product_search_rank`: for every word of every product's `search_vector` (letters and digits
 * only: what a one-word search can be), the score a search for that word gives the product,
 * `1 + ts_rank_cd(search_vector, 'word')`, computed when the vector changes instead of on every
 * request for every match ("batik" matches one product in seven). A one-word search reads the
 * best scores first along (word, score DESC, product_id DESC) and stops when its page is full
 * (catalog-queries.ts, rankedMatchesCte). Kept by a trigger on `search_vector`, which the
 * search triggers rewrite when a product, its category or its facility is renamed.
 *
 * `catalog_similar_words(word)`: the typo search's vocabulary lookup with the settings it needs
 * attached to the function (SET clauses hold for the call only), so a typo search is one
 * statement instead of BEGIN; SET LOCAL ...; query; COMMIT. The threshold is
 * WORD_SIMILARITY_THRESHOLD (catalog-queries.ts); sequential and plain index scans are off so
 * that the lookup uses search_word_trgm_idx, which only bitmap scans can read (the planner prices
 * the trigram operator like a cheap comparison, and would rather read the whole vocabulary, from
 * the table or from its primary key, testing every word);
 * JIT is off because a lookup of a few words never repays compiling.
 */
export class CatalogSearchRank1797000010600 implements MigrationInterface {
  name = 'CatalogSearchRank1797000010600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "product_search_rank" (
         "word" text NOT NULL,
         "product_id" uuid NOT NULL REFERENCES "product" ("id") ON DELETE CASCADE,
         "score" float8 NOT NULL
       )`,
    );
    await queryRunner.query(`CREATE INDEX "product_search_rank_word_idx" ON "product_search_rank" ("word", "score" DESC, "product_id" DESC)`);
    await queryRunner.query(`CREATE INDEX "product_search_rank_product_idx" ON "product_search_rank" ("product_id")`);
    // The same expression as a words search's score (catalog-queries.ts, matchesCte): the same float8.
    await queryRunner.query(`
      CREATE FUNCTION product_search_ranks(vector tsvector) RETURNS TABLE (word text, score float8)
      LANGUAGE sql IMMUTABLE AS $$
        SELECT l.lexeme, 1 + ts_rank_cd(vector, quote_literal(l.lexeme)::tsquery)::float8
          FROM unnest(coalesce(vector, ''::tsvector)) l
         WHERE l.lexeme ~ '^[a-z0-9]+$'
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION product_search_rank_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          DELETE FROM product_search_rank WHERE product_id = NEW.id;
        END IF;
        INSERT INTO product_search_rank (word, product_id, score) SELECT r.word, NEW.id, r.score FROM product_search_ranks(NEW.search_vector) r;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER product_search_rank_insert AFTER INSERT ON product FOR EACH ROW EXECUTE FUNCTION product_search_rank_refresh()`);
    await queryRunner.query(
      `CREATE TRIGGER product_search_rank_update AFTER UPDATE ON product FOR EACH ROW
       WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector) EXECUTE FUNCTION product_search_rank_refresh()`,
    );
    await queryRunner.query(`SET LOCAL statement_timeout = 0`);
    await queryRunner.query(
      `INSERT INTO product_search_rank (word, product_id, score) SELECT r.word, p.id, r.score FROM product p CROSS JOIN LATERAL product_search_ranks(p.search_vector) r`,
    );
    await queryRunner.query(`
      CREATE FUNCTION catalog_similar_words(wanted text) RETURNS TABLE (word text, similarity float8)
      LANGUAGE sql STABLE ROWS 20
      SET pg_trgm.word_similarity_threshold = 0.5 SET enable_seqscan = off SET enable_indexscan = off SET enable_indexonlyscan = off SET jit = off
      AS $$
        SELECT v.word, word_similarity(wanted, v.word)::float8 FROM search_word v WHERE wanted <% v.word
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS catalog_similar_words(text)`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS product_search_rank_update ON product`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS product_search_rank_insert ON product`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS product_search_rank_refresh()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS product_search_ranks(tsvector)`);
    await queryRunner.query(`DROP TABLE "product_search_rank"`);
  }
}
