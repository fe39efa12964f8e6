import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795969618778 implements MigrationInterface {
  name = 'Catalog1795969618778';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "category" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "name" text NOT NULL, "parent_id" uuid, "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_cb73208f151aa71cdd78f662d70" UNIQUE ("slug"), CONSTRAINT "PK_9c4e4a89e3674fc9f382d733f03" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "category_parent_idx" ON "category"  ("parent_id") `);
    await queryRunner.query(`CREATE TYPE "public"."consent_name_kind" AS ENUM('INITIALS', 'PSEUDONYM')`);
    await queryRunner.query(`CREATE TYPE "public"."consent_scope" AS ENUM('PRODUCT_CREDIT', 'STORY')`);
    await queryRunner.query(`CREATE TABLE "maker_consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "facility_id" uuid NOT NULL, "display_name" text NOT NULL, "name_kind" "public"."consent_name_kind" NOT NULL, "scopes" "public"."consent_scope" array NOT NULL, "recorded_on" date NOT NULL, "recorded_by_officer" text NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ec1e8dd87ae424e8d5572c5d356" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "maker_consent_facility_idx" ON "maker_consent"  ("facility_id") `);
    await queryRunner.query(`CREATE TABLE "product_image" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "content_hash" text NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "alt" text NOT NULL DEFAULT '', "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_99d98a80f57857d51b5f63c8240" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "product_image_content_hash_idx" ON "product_image"  ("content_hash") `);
    await queryRunner.query(`CREATE INDEX "product_image_product_position_idx" ON "product_image"  ("product_id", "position") `);
    await queryRunner.query(`CREATE TYPE "public"."program" AS ENUM('UMKM', 'KETAHANAN_PANGAN', 'PEMBINAAN_KEMANDIRIAN', 'SAE', 'GRIYA_ABHIPRAYA')`);
    await queryRunner.query(`CREATE TYPE "public"."product_kind" AS ENUM('GOODS', 'FOOD', 'SERVICE')`);
    await queryRunner.query(`CREATE TYPE "public"."product_status" AS ENUM('DRAFT', 'PUBLISHED', 'ARCHIVED')`);
    await queryRunner.query(`CREATE TABLE "product" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "facility_id" uuid NOT NULL, "category_id" uuid NOT NULL, "program" "public"."program" NOT NULL, "kind" "public"."product_kind" NOT NULL, "name" text NOT NULL, "slug" text NOT NULL, "description" text NOT NULL DEFAULT '', "price" integer NOT NULL, "unit_cost" integer, "stock" integer NOT NULL DEFAULT '0', "weight_grams" integer NOT NULL DEFAULT '0', "status" "public"."product_status" NOT NULL DEFAULT 'DRAFT', "maker_group_name" text, "maker_consent_id" uuid, "food_permit_valid_until" date, "sales_count" integer NOT NULL DEFAULT '0', "published_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "search_vector" tsvector, "search_text" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "UQ_8cfaf4a1e80806d58e3dbe69224" UNIQUE ("slug"), CONSTRAINT "product_weight_non_negative" CHECK ("weight_grams" >= 0), CONSTRAINT "product_stock_non_negative" CHECK ("stock" >= 0), CONSTRAINT "product_unit_cost_non_negative" CHECK ("unit_cost" IS NULL OR "unit_cost" >= 0), CONSTRAINT "product_price_non_negative" CHECK ("price" >= 0), CONSTRAINT "PK_bebc9158e480b949565b4dc7a82" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TYPE "public"."certificate_kind" AS ENUM('SPP_IRT', 'BPOM_MD', 'BPOM_ML', 'HALAL', 'SNI', 'OTHER')`);
    await queryRunner.query(`CREATE TABLE "product_certificate" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_id" uuid NOT NULL, "kind" "public"."certificate_kind" NOT NULL, "number" text NOT NULL, "issuer" text NOT NULL, "valid_until" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7defeb296cc15c4c5fa1fcf4892" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "product_certificate_product_idx" ON "product_certificate"  ("product_id") `);
    await queryRunner.query(`ALTER TABLE "category" ADD CONSTRAINT "FK_1117b4fcb3cd4abb4383e1c2743" FOREIGN KEY ("parent_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "maker_consent" ADD CONSTRAINT "FK_652823bf2d3816db050c53dc6b0" FOREIGN KEY ("facility_id") REFERENCES "facility"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "product_image" ADD CONSTRAINT "FK_dbc7d9aa7ed42c9141b968a9ed3" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "product" ADD CONSTRAINT "FK_64785df36f923563795d325d68e" FOREIGN KEY ("facility_id") REFERENCES "facility"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "product" ADD CONSTRAINT "FK_0dce9bc93c2d2c399982d04bef1" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "product" ADD CONSTRAINT "FK_450ad2a98a61cde5641277cf36f" FOREIGN KEY ("maker_consent_id") REFERENCES "maker_consent"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "product_certificate" ADD CONSTRAINT "FK_5a0909989c84347ae1329b0d881" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // --- Hand-written: search, listing indexes and reference categories. ---
    // pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // Public lists: every sort has a partial index over published, undeleted products, matching the
    // keyset (sort key, id) so any page is one index range scan.
    await queryRunner.query(`CREATE INDEX "product_public_newest_idx" ON "product" (published_at DESC, id DESC) WHERE status = 'PUBLISHED' AND deleted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "product_public_price_idx" ON "product" (price, id) WHERE status = 'PUBLISHED' AND deleted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "product_public_popular_idx" ON "product" (sales_count DESC, id DESC) WHERE status = 'PUBLISHED' AND deleted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "product_public_facility_idx" ON "product" (facility_id, published_at DESC, id DESC) WHERE status = 'PUBLISHED' AND deleted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "product_public_category_idx" ON "product" (category_id, published_at DESC, id DESC) WHERE status = 'PUBLISHED' AND deleted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "product_search_vector_idx" ON "product" USING gin (search_vector)`);
    await queryRunner.query(`CREATE INDEX "product_search_text_trgm_idx" ON "product" USING gin (search_text gin_trgm_ops)`);
    // Partner mirrors page through every change, deletions included.
    await queryRunner.query(`CREATE INDEX "product_changes_idx" ON "product" (updated_at, id)`);
    await queryRunner.query(`
      CREATE FUNCTION product_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        category_name text;
        facility_words text;
      BEGIN
        SELECT c.name INTO category_name FROM category c WHERE c.id = NEW.category_id;
        SELECT concat_ws(' ', f.short_name, f.city) INTO facility_words FROM facility f WHERE f.id = NEW.facility_id;
        NEW.search_vector :=
          setweight(to_tsvector('simple', coalesce(NEW.name, '')), 'A') ||
          setweight(to_tsvector('simple', coalesce(category_name, '')), 'B') ||
          setweight(to_tsvector('simple', coalesce(facility_words, '')), 'B') ||
          setweight(to_tsvector('simple', coalesce(NEW.description, '')), 'C');
        NEW.search_text := lower(concat_ws(' ', NEW.name, category_name, facility_words));
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER product_search_refresh BEFORE INSERT OR UPDATE OF name, description, category_id, facility_id ON product FOR EACH ROW EXECUTE FUNCTION product_search_refresh()`);
    // A renamed facility or category re-indexes its products (setting the column fires the trigger above).
    await queryRunner.query(`
      CREATE FUNCTION product_search_follow_facility() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE product SET facility_id = facility_id WHERE facility_id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER product_search_follow_facility AFTER UPDATE OF short_name, city ON facility FOR EACH ROW WHEN (OLD.short_name IS DISTINCT FROM NEW.short_name OR OLD.city IS DISTINCT FROM NEW.city) EXECUTE FUNCTION product_search_follow_facility()`);
    await queryRunner.query(`
      CREATE FUNCTION product_search_follow_category() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE product SET category_id = category_id WHERE category_id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER product_search_follow_category AFTER UPDATE OF name ON category FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION product_search_follow_category()`);
    await queryRunner.query(`
      INSERT INTO category (slug, name, position) VALUES
        ('kerajinan', 'Kerajinan', 1),
        ('mebel', 'Mebel', 2),
        ('fesyen-batik', 'Fesyen & Batik', 3),
        ('makanan-minuman', 'Makanan & Minuman', 4),
        ('hasil-tani-perikanan', 'Hasil Tani & Perikanan', 5),
        ('jasa', 'Jasa', 6)`);
    await queryRunner.query(`
      INSERT INTO category (slug, name, parent_id, position)
      SELECT v.slug, v.name, p.id, v.position
        FROM (VALUES
          ('anyaman', 'Anyaman & Purun', 'kerajinan', 1),
          ('miniatur-ukiran', 'Miniatur & Ukiran', 'kerajinan', 2),
          ('perak-logam', 'Perak & Logam', 'kerajinan', 3),
          ('gerabah', 'Gerabah & Keramik', 'kerajinan', 4),
          ('batik', 'Batik', 'fesyen-batik', 1),
          ('sasirangan', 'Sasirangan', 'fesyen-batik', 2),
          ('tenun-songket', 'Tenun & Songket', 'fesyen-batik', 3),
          ('sepatu-sandal', 'Sepatu & Sandal', 'fesyen-batik', 4),
          ('konveksi', 'Pakaian & Konveksi', 'fesyen-batik', 5),
          ('roti-kue', 'Roti & Kue', 'makanan-minuman', 1),
          ('keripik-camilan', 'Keripik & Camilan', 'makanan-minuman', 2),
          ('kopi-teh', 'Kopi & Teh', 'makanan-minuman', 3),
          ('makanan-olahan', 'Makanan Olahan', 'makanan-minuman', 4),
          ('ikan', 'Ikan', 'hasil-tani-perikanan', 1),
          ('sayur-hidroponik', 'Sayur & Hidroponik', 'hasil-tani-perikanan', 2),
          ('buah', 'Buah', 'hasil-tani-perikanan', 3),
          ('telur-unggas', 'Telur & Unggas', 'hasil-tani-perikanan', 4),
          ('cuci-kendaraan', 'Cuci Kendaraan', 'jasa', 1),
          ('pangkas-rambut', 'Pangkas Rambut', 'jasa', 2),
          ('laundry', 'Laundry', 'jasa', 3)
        ) AS v(slug, name, parent_slug, position)
        JOIN category p ON p.slug = v.parent_slug`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS product_search_follow_category ON category`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS product_search_follow_category()`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS product_search_follow_facility ON facility`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS product_search_follow_facility()`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS product_search_refresh ON product`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS product_search_refresh()`);
    for (const index of [
      'product_changes_idx', 'product_search_text_trgm_idx', 'product_search_vector_idx', 'product_public_category_idx',
      'product_public_facility_idx', 'product_public_popular_idx', 'product_public_price_idx', 'product_public_newest_idx',
    ]) {
      await queryRunner.query(`DROP INDEX IF EXISTS "${index}"`);
    }
    await queryRunner.query(`ALTER TABLE "product_certificate" DROP CONSTRAINT "FK_5a0909989c84347ae1329b0d881"`);
    await queryRunner.query(`ALTER TABLE "product" DROP CONSTRAINT "FK_450ad2a98a61cde5641277cf36f"`);
    await queryRunner.query(`ALTER TABLE "product" DROP CONSTRAINT "FK_0dce9bc93c2d2c399982d04bef1"`);
    await queryRunner.query(`ALTER TABLE "product" DROP CONSTRAINT "FK_64785df36f923563795d325d68e"`);
    await queryRunner.query(`ALTER TABLE "product_image" DROP CONSTRAINT "FK_dbc7d9aa7ed42c9141b968a9ed3"`);
    await queryRunner.query(`ALTER TABLE "maker_consent" DROP CONSTRAINT "FK_652823bf2d3816db050c53dc6b0"`);
    await queryRunner.query(`ALTER TABLE "category" DROP CONSTRAINT "FK_1117b4fcb3cd4abb4383e1c2743"`);
    await queryRunner.query(`DROP INDEX "public"."product_certificate_product_idx"`);
    await queryRunner.query(`DROP TABLE "product_certificate"`);
    await queryRunner.query(`DROP TYPE "public"."certificate_kind"`);
    await queryRunner.query(`DROP TABLE "product"`);
    await queryRunner.query(`DROP TYPE "public"."product_status"`);
    await queryRunner.query(`DROP TYPE "public"."product_kind"`);
    await queryRunner.query(`DROP TYPE "public"."program"`);
    await queryRunner.query(`DROP INDEX "public"."product_image_product_position_idx"`);
    await queryRunner.query(`DROP INDEX "public"."product_image_content_hash_idx"`);
    await queryRunner.query(`DROP TABLE "product_image"`);
    await queryRunner.query(`DROP INDEX "public"."maker_consent_facility_idx"`);
    await queryRunner.query(`DROP TABLE "maker_consent"`);
    await queryRunner.query(`DROP TYPE "public"."consent_scope"`);
    await queryRunner.query(`DROP TYPE "public"."consent_name_kind"`);
    await queryRunner.query(`DROP INDEX "public"."category_parent_idx"`);
    await queryRunner.query(`DROP TABLE "category"`);
  }
}
