import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Stories1795980189420 implements MigrationInterface {
  name = 'Stories1795980189420';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."story_status" AS ENUM('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'ARCHIVED')`);
    await queryRunner.query(`CREATE TABLE "story" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "facility_id" uuid NOT NULL, "status" "public"."story_status" NOT NULL DEFAULT 'DRAFT', "title" text NOT NULL, "excerpt" text NOT NULL DEFAULT '', "markdown" text NOT NULL, "html" text NOT NULL, "reading_minutes" integer NOT NULL, "tags" text array NOT NULL DEFAULT '{}', "program" "public"."program", "features_individual" boolean NOT NULL DEFAULT false, "consent_id" uuid, "cover_hash" text, "cover_width" integer, "cover_height" integer, "cover_alt" text NOT NULL DEFAULT '', "revision" jsonb, "rejection_reason" text, "author_id" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_28fce6873d61e2cace70a0f3361" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "story_slug_uq" ON "story"  ("slug") `);
    await queryRunner.query(`CREATE INDEX "story_consent_idx" ON "story"  ("consent_id") `);
    await queryRunner.query(`CREATE INDEX "story_facility_idx" ON "story"  ("facility_id", "status") `);
    await queryRunner.query(`CREATE INDEX "story_public_feed_idx" ON "story"  ("published_at", "id") WHERE status = 'PUBLISHED'`);
    // By hand (the entity declares it with synchronize: false): GET /stories?tag= is tags @> ARRAY[tag].
    await queryRunner.query(`CREATE INDEX "story_tags_idx" ON "story" USING gin ("tags")`);
    await queryRunner.query(`CREATE TABLE "story_product" ("story_id" uuid NOT NULL, "product_id" uuid NOT NULL, CONSTRAINT "PK_aba372d8c65cc0d78be88371ce3" PRIMARY KEY ("story_id", "product_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_399c56feaead8cbe8707fb5334" ON "story_product"  ("story_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_05d0bd8f1750d41684c6246001" ON "story_product"  ("product_id") `);
    await queryRunner.query(`ALTER TABLE "story" ADD CONSTRAINT "FK_d6859334ab18647903b5d4ac205" FOREIGN KEY ("facility_id") REFERENCES "facility"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "story" ADD CONSTRAINT "FK_0ed44fbbebd4625b166ba6765ee" FOREIGN KEY ("consent_id") REFERENCES "maker_consent"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "story_product" ADD CONSTRAINT "FK_399c56feaead8cbe8707fb5334a" FOREIGN KEY ("story_id") REFERENCES "story"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    await queryRunner.query(`ALTER TABLE "story_product" ADD CONSTRAINT "FK_05d0bd8f1750d41684c6246001e" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "story_product" DROP CONSTRAINT "FK_05d0bd8f1750d41684c6246001e"`);
    await queryRunner.query(`ALTER TABLE "story_product" DROP CONSTRAINT "FK_399c56feaead8cbe8707fb5334a"`);
    await queryRunner.query(`ALTER TABLE "story" DROP CONSTRAINT "FK_0ed44fbbebd4625b166ba6765ee"`);
    await queryRunner.query(`ALTER TABLE "story" DROP CONSTRAINT "FK_d6859334ab18647903b5d4ac205"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_05d0bd8f1750d41684c6246001"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_399c56feaead8cbe8707fb5334"`);
    await queryRunner.query(`DROP TABLE "story_product"`);
    await queryRunner.query(`DROP INDEX "public"."story_tags_idx"`);
    await queryRunner.query(`DROP INDEX "public"."story_public_feed_idx"`);
    await queryRunner.query(`DROP INDEX "public"."story_facility_idx"`);
    await queryRunner.query(`DROP INDEX "public"."story_consent_idx"`);
    await queryRunner.query(`DROP INDEX "public"."story_slug_uq"`);
    await queryRunner.query(`DROP TABLE "story"`);
    await queryRunner.query(`DROP TYPE "public"."story_status"`);
  }
}
