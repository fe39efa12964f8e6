import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Photo uploads take an Idempotency-Key (the admin console, issue 16): a phone that loses the
 * answer retries with the same key and gets the photos it already uploaded, not a second copy.
 * The key stays on the rows it created; the partial index finds them for a retry.
 */
export class ProductImageUploadKeys1797000001600 implements MigrationInterface {
  name = 'ProductImageUploadKeys1797000001600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "product_image" ADD "upload_key" text`);
    await queryRunner.query(`CREATE INDEX "product_image_upload_key_idx" ON "product_image" ("product_id", "upload_key") WHERE "upload_key" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "product_image_upload_key_idx"`);
    await queryRunner.query(`ALTER TABLE "product_image" DROP COLUMN "upload_key"`);
  }
}
