import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1795973843309 implements MigrationInterface {
  name = 'Orders1795973843309';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "order_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "fulfilment_id" uuid NOT NULL, "product_id" uuid NOT NULL, "facility_id" uuid NOT NULL, "product_name" text NOT NULL, "unit_price" integer NOT NULL, "unit_cost" integer, "weight_grams" integer NOT NULL, "quantity" integer NOT NULL, "line_total" integer NOT NULL, "refunded_quantity" integer NOT NULL DEFAULT '0', CONSTRAINT "order_item_line_total" CHECK ("line_total" = "unit_price" * "quantity"), CONSTRAINT "order_item_refunded_range" CHECK ("refunded_quantity" BETWEEN 0 AND "quantity"), CONSTRAINT "order_item_quantity_range" CHECK ("quantity" BETWEEN 1 AND 999), CONSTRAINT "PK_d01158fe15b1ead5c26fd7f4e90" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "order_item_fulfilment_idx" ON "order_item"  ("fulfilment_id") `);
    await queryRunner.query(`CREATE INDEX "order_item_product_idx" ON "order_item"  ("product_id") `);
    await queryRunner.query(`CREATE INDEX "order_item_order_idx" ON "order_item"  ("order_id") `);
    await queryRunner.query(`CREATE TYPE "public"."order_status" AS ENUM('PENDING_PAYMENT', 'PAID', 'COMPLETED', 'CANCELLED', 'REFUNDED', 'PARTIALLY_REFUNDED')`);
    await queryRunner.query(`CREATE TYPE "public"."delivery_method" AS ENUM('SHIPPING', 'PICKUP')`);
    await queryRunner.query(`CREATE TABLE "shop_order" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" text NOT NULL, "status" "public"."order_status" NOT NULL DEFAULT 'PENDING_PAYMENT', "customer_name" text NOT NULL, "customer_email" text NOT NULL, "customer_phone" text NOT NULL, "delivery_method" "public"."delivery_method" NOT NULL, "delivery_address" jsonb, "note" text NOT NULL DEFAULT '', "subtotal" integer NOT NULL, "shipping_total" integer NOT NULL, "total" integer NOT NULL, "access_token_hash" text NOT NULL, "partner_id" uuid, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "paid_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "UQ_7d409a24caf7ca19ac324aeeaca" UNIQUE ("number"), CONSTRAINT "shop_order_amounts_non_negative" CHECK ("subtotal" >= 0 AND "shipping_total" >= 0), CONSTRAINT "shop_order_totals_add_up" CHECK ("total" = "subtotal" + "shipping_total"), CONSTRAINT "PK_aff7956a99be3a90c1075744b6a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "shop_order_partner_idx" ON "shop_order"  ("partner_id") `);
    await queryRunner.query(`CREATE INDEX "shop_order_created_idx" ON "shop_order"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "shop_order_expiry_idx" ON "shop_order"  ("expires_at") WHERE "status" = 'PENDING_PAYMENT'`);
    await queryRunner.query(`CREATE TYPE "public"."fulfilment_status" AS ENUM('PENDING', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'CANCELLED')`);
    await queryRunner.query(`CREATE TABLE "fulfilment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "facility_id" uuid NOT NULL, "status" "public"."fulfilment_status" NOT NULL DEFAULT 'PENDING', "delivery_method" "public"."delivery_method" NOT NULL, "shipping_fee" integer NOT NULL, "total_weight_grams" integer NOT NULL, "courier" "public"."courier", "tracking_number" text, "shipped_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fdf56d6b49d559a9a8ef22ec213" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "fulfilment_facility_idx" ON "fulfilment"  ("facility_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "fulfilment_order_idx" ON "fulfilment"  ("order_id") `);
    await queryRunner.query(`CREATE TYPE "public"."ledger_kind" AS ENUM('SALE', 'REFUND')`);
    await queryRunner.query(`CREATE TABLE "ledger_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."ledger_kind" NOT NULL, "order_id" uuid NOT NULL, "order_item_id" uuid NOT NULL, "facility_id" uuid NOT NULL, "product_id" uuid NOT NULL, "quantity" integer NOT NULL, "gross" bigint NOT NULL, "cost" bigint NOT NULL, "profit" bigint NOT NULL, "premi" bigint NOT NULL, "pnbp" bigint NOT NULL, "capital" bigint NOT NULL, "split_rule_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_04e9d274911f909a5848a15cd74" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ledger_entry_sale_uq" ON "ledger_entry"  ("order_item_id") WHERE "kind" = 'SALE'`);
    await queryRunner.query(`CREATE INDEX "ledger_entry_order_idx" ON "ledger_entry"  ("order_id") `);
    await queryRunner.query(`CREATE INDEX "ledger_entry_facility_idx" ON "ledger_entry"  ("facility_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "idempotency_record" ("scope" text NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "response_status" integer, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_43ea3d50a854b79e2f59aaad8a8" PRIMARY KEY ("scope", "key"))`);
    await queryRunner.query(`CREATE INDEX "idempotency_record_expiry_idx" ON "idempotency_record"  ("expires_at") `);
    await queryRunner.query(`CREATE TYPE "public"."actor_type" AS ENUM('SHOPPER', 'PARTNER', 'ADMIN', 'SYSTEM', 'PAYMENT_PROVIDER')`);
    await queryRunner.query(`CREATE TABLE "order_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "fulfilment_id" uuid, "from_status" text, "to_status" text NOT NULL, "actor_type" "public"."actor_type" NOT NULL, "actor_id" uuid, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_394b0d7613180ebee9028e9aaa1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "order_event_order_idx" ON "order_event"  ("order_id", "created_at") `);
    await queryRunner.query(`CREATE TYPE "public"."payment_provider" AS ENUM('stripe', 'manual')`);
    await queryRunner.query(`CREATE TYPE "public"."payment_status" AS ENUM('PENDING', 'SUCCEEDED', 'FAILED', 'CANCELED', 'REFUNDED', 'PARTIALLY_REFUNDED')`);
    await queryRunner.query(`CREATE TABLE "payment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "provider" "public"."payment_provider" NOT NULL, "provider_reference" text, "status" "public"."payment_status" NOT NULL DEFAULT 'PENDING', "amount" integer NOT NULL, "refunded_amount" integer NOT NULL DEFAULT '0', "failure_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_f5221735ace059250daac9d9803" UNIQUE ("order_id"), CONSTRAINT "REL_f5221735ace059250daac9d980" UNIQUE ("order_id"), CONSTRAINT "PK_fcaec7df5adf9cac408c686b2ab" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "payment_provider_reference_uq" ON "payment"  ("provider", "provider_reference") WHERE "provider_reference" IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "payment_event" ("id" text NOT NULL, "provider" text NOT NULL, "type" text NOT NULL, "order_id" uuid, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7e4a9d66fdf160a9fb9d236150f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "outbox_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" text NOT NULL, "aggregate_type" text NOT NULL, "aggregate_id" uuid NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_cc0c9e40998e45ecfc5e313429d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "outbox_event_pending_idx" ON "outbox_event"  ("created_at") WHERE "published_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "order_item" ADD CONSTRAINT "FK_e9674a6053adbaa1057848cddfa" FOREIGN KEY ("order_id") REFERENCES "shop_order"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "order_item" ADD CONSTRAINT "FK_3a451908c0b66d749619db16fdd" FOREIGN KEY ("fulfilment_id") REFERENCES "fulfilment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "order_item" ADD CONSTRAINT "FK_5e17c017aa3f5164cb2da5b1c6b" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fulfilment" ADD CONSTRAINT "FK_3538352c85fdd312c36b0447396" FOREIGN KEY ("order_id") REFERENCES "shop_order"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "fulfilment" ADD CONSTRAINT "FK_2a3857b6ec412039fcfa5681f39" FOREIGN KEY ("facility_id") REFERENCES "facility"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "payment" ADD CONSTRAINT "FK_f5221735ace059250daac9d9803" FOREIGN KEY ("order_id") REFERENCES "shop_order"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Order numbers (ETL-2026-000123) come from a sequence: unique without a lock on the table.
    await queryRunner.query(`CREATE SEQUENCE "order_number_seq" START 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SEQUENCE IF EXISTS "order_number_seq"`);
    await queryRunner.query(`ALTER TABLE "payment" DROP CONSTRAINT "FK_f5221735ace059250daac9d9803"`);
    await queryRunner.query(`ALTER TABLE "fulfilment" DROP CONSTRAINT "FK_2a3857b6ec412039fcfa5681f39"`);
    await queryRunner.query(`ALTER TABLE "fulfilment" DROP CONSTRAINT "FK_3538352c85fdd312c36b0447396"`);
    await queryRunner.query(`ALTER TABLE "order_item" DROP CONSTRAINT "FK_5e17c017aa3f5164cb2da5b1c6b"`);
    await queryRunner.query(`ALTER TABLE "order_item" DROP CONSTRAINT "FK_3a451908c0b66d749619db16fdd"`);
    await queryRunner.query(`ALTER TABLE "order_item" DROP CONSTRAINT "FK_e9674a6053adbaa1057848cddfa"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_event_pending_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_event"`);
    await queryRunner.query(`DROP TABLE "payment_event"`);
    await queryRunner.query(`DROP INDEX "public"."payment_provider_reference_uq"`);
    await queryRunner.query(`DROP TABLE "payment"`);
    await queryRunner.query(`DROP TYPE "public"."payment_status"`);
    await queryRunner.query(`DROP TYPE "public"."payment_provider"`);
    await queryRunner.query(`DROP INDEX "public"."order_event_order_idx"`);
    await queryRunner.query(`DROP TABLE "order_event"`);
    await queryRunner.query(`DROP TYPE "public"."actor_type"`);
    await queryRunner.query(`DROP INDEX "public"."idempotency_record_expiry_idx"`);
    await queryRunner.query(`DROP TABLE "idempotency_record"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entry_facility_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entry_order_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entry_sale_uq"`);
    await queryRunner.query(`DROP TABLE "ledger_entry"`);
    await queryRunner.query(`DROP TYPE "public"."ledger_kind"`);
    await queryRunner.query(`DROP INDEX "public"."fulfilment_order_idx"`);
    await queryRunner.query(`DROP INDEX "public"."fulfilment_facility_idx"`);
    await queryRunner.query(`DROP TABLE "fulfilment"`);
    await queryRunner.query(`DROP TYPE "public"."fulfilment_status"`);
    await queryRunner.query(`DROP INDEX "public"."shop_order_expiry_idx"`);
    await queryRunner.query(`DROP INDEX "public"."shop_order_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."shop_order_partner_idx"`);
    await queryRunner.query(`DROP TABLE "shop_order"`);
    await queryRunner.query(`DROP TYPE "public"."order_status"`);
    await queryRunner.query(`DROP INDEX "public"."order_item_order_idx"`);
    await queryRunner.query(`DROP INDEX "public"."order_item_product_idx"`);
    await queryRunner.query(`DROP INDEX "public"."order_item_fulfilment_idx"`);
    await queryRunner.query(`DROP TABLE "order_item"`);
    // Shared by shop_order and fulfilment: dropped after both.
    await queryRunner.query(`DROP TYPE "public"."delivery_method"`);
  }
}
