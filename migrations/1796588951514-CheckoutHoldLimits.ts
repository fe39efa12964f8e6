import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 (stock hoarding): a per-product quantity limit per order (null: the configured
 * default), and what the unpaid-order limits count by. The client columns hold keyed hashes and
 * are cleared once an order stops awaiting payment, so their partial indexes stay as small as the
 * set of open orders; the partner one serves "open unpaid orders of this partner".
 */
export class CheckoutHoldLimits1796588951514 implements MigrationInterface {
  name = 'CheckoutHoldLimits1796588951514';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "product" ADD "max_per_order" integer`);
    await queryRunner.query(`ALTER TABLE "shop_order" ADD "client_ip_hash" text`);
    await queryRunner.query(`ALTER TABLE "shop_order" ADD "customer_email_key" text`);
    await queryRunner.query(`CREATE INDEX "shop_order_partner_unpaid_idx" ON "shop_order"  ("partner_id") WHERE "status" = 'PENDING_PAYMENT'`);
    await queryRunner.query(`CREATE INDEX "shop_order_customer_email_key_idx" ON "shop_order"  ("customer_email_key") WHERE "customer_email_key" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "shop_order_client_ip_idx" ON "shop_order"  ("client_ip_hash") WHERE "client_ip_hash" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "product" ADD CONSTRAINT "product_max_per_order_positive" CHECK ("max_per_order" IS NULL OR "max_per_order" >= 1)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "product" DROP CONSTRAINT "product_max_per_order_positive"`);
    await queryRunner.query(`DROP INDEX "public"."shop_order_client_ip_idx"`);
    await queryRunner.query(`DROP INDEX "public"."shop_order_customer_email_key_idx"`);
    await queryRunner.query(`DROP INDEX "public"."shop_order_partner_unpaid_idx"`);
    await queryRunner.query(`ALTER TABLE "shop_order" DROP COLUMN "customer_email_key"`);
    await queryRunner.query(`ALTER TABLE "shop_order" DROP COLUMN "client_ip_hash"`);
    await queryRunner.query(`ALTER TABLE "product" DROP COLUMN "max_per_order"`);
  }
}
