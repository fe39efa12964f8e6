import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the public catalog and partner mirroring need beyond the Catalog migration.
 *
 * 1. The search GIN indexes write straight into the index (`fastupdate = off`). With the default,
 *    new entries wait in a pending list that every search scans linearly, and the planner prices
 *    the index by that list: after a few thousand product updates it switched the search to a
 *    sequential scan testing every row (4 ms became 70 ms at 10,000 products). Products are read far
 *    more often than written; an update that touches indexed columns now costs about 0.5 ms instead of
 *    0.1 ms (measured at 10,000 products).
 * 2. A product's public view shows parts of its facility, category and maker consent, and a
 *    deactivated facility hides it. Changing those marks the products changed (`updated_at`), so
 *    the partner changes feed reports them; otherwise mirrors would keep the old view for ever.
 */
/** Tables whose columns appear in (or hide) a product's public view, and the product column naming them. */
const PRODUCT_FOLLOWS = [
  { table: 'facility', column: 'facility_id', watched: ['active', 'slug', 'name', 'short_name', 'type', 'province_code'] },
  { table: 'category', column: 'category_id', watched: ['slug', 'name'] },
  { table: 'maker_consent', column: 'maker_consent_id', watched: ['display_name', 'scopes', 'withdrawn_at'] },
] as const;

export class CatalogPublicReads1795971700000 implements MigrationInterface {
  name = 'CatalogPublicReads1795971700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX "product_search_vector_idx" SET (fastupdate = off)`);
    await queryRunner.query(`ALTER INDEX "product_search_text_trgm_idx" SET (fastupdate = off)`);
    // Entries already pending stay pending until merged; merge them now.
    await queryRunner.query(`SELECT gin_clean_pending_list('product_search_vector_idx'::regclass), gin_clean_pending_list('product_search_text_trgm_idx'::regclass)`);
    for (const { table, column, watched } of PRODUCT_FOLLOWS) {
      await queryRunner.query(`
        CREATE FUNCTION product_touch_for_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE product SET updated_at = now() WHERE ${column} = NEW.id;
          RETURN NULL;
        END $$`);
      const old = watched.map((c) => `OLD.${c}`).join(', ');
      const current = watched.map((c) => `NEW.${c}`).join(', ');
      await queryRunner.query(
        `CREATE TRIGGER product_touch_for_${table} AFTER UPDATE OF ${watched.join(', ')} ON ${table}
         FOR EACH ROW WHEN ((${old}) IS DISTINCT FROM (${current})) EXECUTE FUNCTION product_touch_for_${table}()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of [...PRODUCT_FOLLOWS].reverse()) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS product_touch_for_${table} ON ${table}`);
      await queryRunner.query(`DROP FUNCTION IF EXISTS product_touch_for_${table}()`);
    }
    await queryRunner.query(`ALTER INDEX "product_search_text_trgm_idx" RESET (fastupdate)`);
    await queryRunner.query(`ALTER INDEX "product_search_vector_idx" RESET (fastupdate)`);
  }
}
