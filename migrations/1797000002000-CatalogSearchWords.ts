import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Typo search over words instead of over every product's text (issue 18).
 *
 * The typo fallback tested `word_similarity(query, search_text)` on every product the trigram
 * index proposed: a common word's near miss ("batk") proposes one product in seven, and each test
 * costs tens of microseconds, so at 100,000 products one search took over a second. Now:
 *
 * - `search_word` is the vocabulary of every product's `search_text` (name, category, facility):
 *   a few thousand distinct words even at national scale, with a trigram index. A near miss is
 *   looked up here, once per query word, not once per product.
 * - `product_search_word` says which product has which word, and whether in its name: the
 *   products for the similar words come from its primary key (index-only), and their scores are
 *   sums of the word similarities already computed (catalog-queries.ts, typoMatchesCtes).
 *
 * Both follow `search_text` through a trigger, so a renamed product, category or facility (whose
 * triggers rewrite `search_text`) re-indexes itself. Words that no product has any more stay in
 * the vocabulary: they only cost a lookup that finds no product.
 *
 * The trigram index over `product.search_text` served only the old typo search; it goes, and
 * with it a GIN update on every product write.
 */
export class CatalogSearchWords1797000002000 implements MigrationInterface {
  name = 'CatalogSearchWords1797000002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "search_word" ("word" text NOT NULL, CONSTRAINT "search_word_pkey" PRIMARY KEY ("word"))`);
    // Written straight into the index (no pending list), as for the product search indexes.
    await queryRunner.query(`CREATE INDEX "search_word_trgm_idx" ON "search_word" USING gin ("word" gin_trgm_ops) WITH (fastupdate = off)`);
    await queryRunner.query(
      `CREATE TABLE "product_search_word" (
         "word" text NOT NULL,
         "product_id" uuid NOT NULL REFERENCES "product" ("id") ON DELETE CASCADE,
         "in_name" boolean NOT NULL,
         CONSTRAINT "product_search_word_pkey" PRIMARY KEY ("word", "product_id") INCLUDE ("in_name")
       )`,
    );
    await queryRunner.query(`CREATE INDEX "product_search_word_product_idx" ON "product_search_word" ("product_id")`);
    // Words as pg_trgm splits them (on anything not a letter or digit), lower case.
    await queryRunner.query(`
      CREATE FUNCTION product_search_words(name text, search_text text) RETURNS TABLE (word text, in_name boolean)
      LANGUAGE sql IMMUTABLE AS $$
        SELECT w.word, bool_or(w.in_name)
          FROM (SELECT word, true AS in_name FROM regexp_split_to_table(lower(coalesce(name, '')), '[^[:alnum:]]+') word
                UNION ALL
                SELECT word, false FROM regexp_split_to_table(coalesce(search_text, ''), '[^[:alnum:]]+') word) w
         WHERE w.word <> ''
         GROUP BY w.word
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION product_search_words_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          DELETE FROM product_search_word WHERE product_id = NEW.id;
        END IF;
        INSERT INTO search_word (word) SELECT w.word FROM product_search_words(NEW.name, NEW.search_text) w ON CONFLICT DO NOTHING;
        INSERT INTO product_search_word (word, product_id, in_name)
          SELECT w.word, NEW.id, w.in_name FROM product_search_words(NEW.name, NEW.search_text) w;
        RETURN NULL;
      END $$`);
    // AFTER, so `search_text` is what product_search_refresh (BEFORE) made of the row.
    await queryRunner.query(`CREATE TRIGGER product_search_words_insert AFTER INSERT ON product FOR EACH ROW EXECUTE FUNCTION product_search_words_refresh()`);
    await queryRunner.query(
      `CREATE TRIGGER product_search_words_update AFTER UPDATE ON product FOR EACH ROW
       WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION product_search_words_refresh()`,
    );
    // The backfill reads every product once: at national scale longer than a request's timeout
    // (the migration runs in its own transaction, so SET LOCAL ends with it).
    await queryRunner.query(`SET LOCAL statement_timeout = 0`);
    await queryRunner.query(`INSERT INTO search_word (word) SELECT DISTINCT w.word FROM product p CROSS JOIN LATERAL product_search_words(p.name, p.search_text) w`);
    await queryRunner.query(
      `INSERT INTO product_search_word (word, product_id, in_name) SELECT w.word, p.id, w.in_name FROM product p CROSS JOIN LATERAL product_search_words(p.name, p.search_text) w`,
    );
    await queryRunner.query(`DROP INDEX "product_search_text_trgm_idx"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "product_search_text_trgm_idx" ON "product" USING gin (search_text gin_trgm_ops) WITH (fastupdate = off)`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS product_search_words_update ON product`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS product_search_words_insert ON product`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS product_search_words_refresh()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS product_search_words(text, text)`);
    await queryRunner.query(`DROP TABLE "product_search_word"`);
    await queryRunner.query(`DROP TABLE "search_word"`);
  }
}
