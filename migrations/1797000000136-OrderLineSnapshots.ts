import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, bug 6. Reports grouped sales by the product's current programme and category, so
 * moving a product moved its past sales: each order line now keeps both as they were at checkout.
 * Lines sold before this release get the product's values of today, the best there is. The ledger
 * entries copy them from their line (as they copy its facility and product), so reports group by
 * them without a join.
 *
 * `shop_order.partner_id` gets its foreign key (the orders table predates the partner table).
 * Partners are switched off (`active = false`), never deleted, and an order is a sales record, so
 * deleting a partner that has orders is refused (RESTRICT). An order naming a partner that no
 * longer exists (only possible by hand in the database) keeps its attribution: the partner comes
 * back as an inactive placeholder, "Unknown partner <id>" with no contact, which no key can use and
 * an admin can rename. `down` leaves such placeholders in place.
 */
export class OrderLineSnapshots1797000000136 implements MigrationInterface {
  name = 'OrderLineSnapshots1797000000136';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "order_item" ADD "program" "public"."program"`);
    await queryRunner.query(`ALTER TABLE "order_item" ADD "category_id" uuid`);
    // Every line has its product (a restricting foreign key), and every product both values.
    await queryRunner.query(`UPDATE "order_item" oi SET "program" = p."program", "category_id" = p."category_id" FROM "product" p WHERE p."id" = oi."product_id"`);
    await queryRunner.query(`ALTER TABLE "order_item" ALTER COLUMN "program" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "order_item" ALTER COLUMN "category_id" SET NOT NULL`);
    // The ledger copies them from its line, as it copies the facility and product.
    await queryRunner.query(`ALTER TABLE "ledger_entry" ADD "program" "public"."program"`);
    await queryRunner.query(`ALTER TABLE "ledger_entry" ADD "category_id" uuid`);
    await queryRunner.query(`UPDATE "ledger_entry" le SET "program" = oi."program", "category_id" = oi."category_id" FROM "order_item" oi WHERE oi."id" = le."order_item_id"`);
    // The ledger has no foreign keys: an entry whose line was deleted by hand takes its product's values.
    await queryRunner.query(`UPDATE "ledger_entry" le SET "program" = p."program", "category_id" = p."category_id" FROM "product" p WHERE le."program" IS NULL AND p."id" = le."product_id"`);
    await queryRunner.query(`ALTER TABLE "ledger_entry" ALTER COLUMN "program" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "ledger_entry" ALTER COLUMN "category_id" SET NOT NULL`);
    // Serves the foreign key's check when a category is deleted.
    await queryRunner.query(`CREATE INDEX "order_item_category_idx" ON "order_item" ("category_id")`);
    await queryRunner.query(
      `ALTER TABLE "order_item" ADD CONSTRAINT "FK_431fe51ac68c873d35b25aa8c8b" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `INSERT INTO "partner" ("id", "name", "contact_email", "active")
       SELECT DISTINCT o."partner_id", 'Unknown partner ' || o."partner_id", '', false
         FROM "shop_order" o
        WHERE o."partner_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "partner" p WHERE p."id" = o."partner_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "shop_order" ADD CONSTRAINT "FK_cd100ecddd659f92436c15076af" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "shop_order" DROP CONSTRAINT "FK_cd100ecddd659f92436c15076af"`);
    await queryRunner.query(`ALTER TABLE "order_item" DROP CONSTRAINT "FK_431fe51ac68c873d35b25aa8c8b"`);
    await queryRunner.query(`DROP INDEX "public"."order_item_category_idx"`);
    await queryRunner.query(`ALTER TABLE "ledger_entry" DROP COLUMN "category_id"`);
    await queryRunner.query(`ALTER TABLE "ledger_entry" DROP COLUMN "program"`);
    await queryRunner.query(`ALTER TABLE "order_item" DROP COLUMN "category_id"`);
    await queryRunner.query(`ALTER TABLE "order_item" DROP COLUMN "program"`);
  }
}
