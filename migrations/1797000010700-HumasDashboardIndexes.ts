import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, the Humas dashboard, ranking and monthly report (src/humas/dashboard): orders paid in
 * a period are read by `paid_at` (with those placed, by `shop_order_created_idx`, as a BitmapOr);
 * without this index every dashboard read scanned all orders. Partial: unpaid orders have none.
 */
export class HumasDashboardIndexes1797000010700 implements MigrationInterface {
  name = 'HumasDashboardIndexes1797000010700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "shop_order_paid_idx" ON "shop_order" ("paid_at") WHERE "paid_at" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."shop_order_paid_idx"`);
  }
}
