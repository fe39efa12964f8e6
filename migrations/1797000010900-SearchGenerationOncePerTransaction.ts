import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search generation (migration CatalogSearchGeneration) moves once per transaction, not once
 * per statement. Product words are written by a row trigger on product (one INSERT into
 * product_search_word per product), so a statement creating or renaming many products bumped the
 * generation once per product, and every UPDATE of that one row inside one transaction walks the
 * versions the transaction already made of it: seeding 100,000 products took twice as long.
 * Once is enough: the new generation becomes visible at commit, together with every word the
 * transaction changed, and a reader before that sees the old generation with the old words. The
 * flag is a transaction-local setting, so it is undone with a rolled-back savepoint like the bump.
 */
export class SearchGenerationOncePerTransaction1797000010900 implements MigrationInterface {
  name = 'SearchGenerationOncePerTransaction1797000010900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION search_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('etalase.search_generation_bumped', true) IS DISTINCT FROM 'on' THEN
          UPDATE search_generation SET generation = generation + 1 WHERE id = 1;
          PERFORM set_config('etalase.search_generation_bumped', 'on', true);
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION search_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE search_generation SET generation = generation + 1 WHERE id = 1;
        RETURN NULL;
      END $$`);
  }
}
