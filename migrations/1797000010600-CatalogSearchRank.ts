import type { MigrationInterface, QueryRunner } from 'typeorm';

/** catalog-queries.ts's TYPO_SCORES_SQL as it was when this migration was written (a migration never changes with the code). */
const TYPO_SCORES_SQL = `WITH typo_wanted AS MATERIALIZED (
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
 * `catalog_typo_scores(text)`: the typo search's scoring (catalog-queries.ts, TYPO_SCORES_SQL,
 * the same text) with the settings it needs attached to the function (SET clauses hold for the
 * call only), so a typo search is one statement instead of BEGIN; SET LOCAL ...; query; COMMIT:
 * the word similarity threshold (0.5, WORD_SIMILARITY_THRESHOLD), sequential scans off so that the
 * vocabulary is read through search_word_trgm_idx, and JIT off (the planner's estimates of the
 * products sharing a similar word are far too high, and the cost they add made every typo search
 * compile itself first). The statement around it is small, and JIT never starts there.
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
      CREATE FUNCTION catalog_typo_scores(wanted_text text) RETURNS TABLE (id uuid, score float8)
      LANGUAGE plpgsql STABLE ROWS 100
      SET pg_trgm.word_similarity_threshold = 0.5 SET enable_seqscan = off SET jit = off
      AS $$
      #variable_conflict use_column
      BEGIN
        RETURN QUERY ${TYPO_SCORES_SQL};
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS catalog_typo_scores(text)`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS product_search_rank_update ON product`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS product_search_rank_insert ON product`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS product_search_rank_refresh()`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS product_search_ranks(tsvector)`);
    await queryRunner.query(`DROP TABLE "product_search_rank"`);
  }
}
