import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: the catalog owns stock, and facilities say where they deliver.
 * - `stock_movement`: every change to a product's stock (or sold count), with its reason, the
 *   order when there is one, and the admin when one made it. Existing stock becomes one opening
 *   ADJUST movement per product, so a product's stock is the sum of its movements from the start.
 *   `order_id` has no foreign key: orders sit above the catalog.
 * - `facility_delivery_zone`: per facility and shipping route (COURIER, LOCAL_DELIVERY), the
 *   provinces it reaches (null: the whole country). No rows: every route keeps its default.
 */
export class StockMovementsAndDeliveryZones1797000001300 implements MigrationInterface {
  name = 'StockMovementsAndDeliveryZones1797000001300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."stock_movement_reason" AS ENUM('RESERVE', 'RELEASE', 'COMMIT', 'RETURN', 'ADJUST')`);
    await queryRunner.query(
      `CREATE TABLE "stock_movement" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "product_id" uuid NOT NULL,
         "delta" integer NOT NULL,
         "quantity" integer NOT NULL,
         "reason" "public"."stock_movement_reason" NOT NULL,
         "order_id" uuid,
         "actor_id" uuid,
         "note" text,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "stock_movement_quantity_non_negative" CHECK ("quantity" >= 0),
         CONSTRAINT "PK_9fe1232f916686ae8cf00294749" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "stock_movement_product_idx" ON "stock_movement" ("product_id", "created_at")`);
    await queryRunner.query(
      `ALTER TABLE "stock_movement" ADD CONSTRAINT "FK_c1bf5ff45511ecaad0b28440e30" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "stock_movement" ("product_id", "delta", "quantity", "reason", "note")
       SELECT "id", "stock", "stock", 'ADJUST', 'opening balance' FROM "product" WHERE "stock" > 0`,
    );

    await queryRunner.query(`CREATE TYPE "public"."shipping_route" AS ENUM('COURIER', 'LOCAL_DELIVERY')`);
    await queryRunner.query(
      `CREATE TABLE "facility_delivery_zone" (
         "facility_id" uuid NOT NULL,
         "route" "public"."shipping_route" NOT NULL,
         "province_codes" text array,
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_6b2216559c342df048c5f5b0757" PRIMARY KEY ("facility_id", "route"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "facility_delivery_zone" ADD CONSTRAINT "FK_f20a85ee54a43a9dc2d18386c6d" FOREIGN KEY ("facility_id") REFERENCES "facility"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  /** The movement history and the declared zones go; stock stays what it is. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "facility_delivery_zone"`);
    await queryRunner.query(`DROP TYPE "public"."shipping_route"`);
    await queryRunner.query(`DROP TABLE "stock_movement"`);
    await queryRunner.query(`DROP TYPE "public"."stock_movement_reason"`);
  }
}
