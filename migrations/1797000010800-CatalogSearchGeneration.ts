import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Typo search scores cached per search, exactly (issue 18).
 *
 * A typo search scores every product that has a word similar to one it looks for: "batk" is near
 * "batik" and "Batam", one product in seven at 100,000 products, some 35 ms of PostgreSQL time for
 * each request. The app keeps the best scores of a search it has just run (catalog/typo-score-cache.ts)
 * and reads the next searches' pages from them. Scores depend on nothing but the words products have
 * (product_search_word and its vocabulary), so a cache entry stays exact while those words stay the
 * same: `search_generation` counts their changes. Every statement that changes product_search_word
 * adds one, in its own transaction, and a search reads the generation in the same snapshot as the
 * words it scores; an entry made under another generation is never used.
 *
 * A transactional counter row rather than a sequence: nextval is not rolled back and is visible before
 * the words it stands for commit, so a search could label scores from before a rename with the
 * generation after it. The price is that statements changing product words (creating or renaming a
 * product, renaming a category or facility) queue on this row until their transaction ends; they are
 * admin edits, and checkout, stock and status changes leave product words alone.
 */
export class CatalogSearchGeneration1797000010800 implements MigrationInterface {
  name = 'CatalogSearchGeneration1797000010800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "search_generation" (
         "id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
         "generation" bigint NOT NULL DEFAULT 1
       )`,
    );
    await queryRunner.query(`INSERT INTO "search_generation" ("id", "generation") VALUES (1, 1)`);
    await queryRunner.query(`
      CREATE FUNCTION search_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE search_generation SET generation = generation + 1 WHERE id = 1;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER product_search_word_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON product_search_word
       FOR EACH STATEMENT EXECUTE FUNCTION search_generation_bump()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS product_search_word_generation ON product_search_word`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS search_generation_bump()`);
    await queryRunner.query(`DROP TABLE "search_generation"`);
  }
}
