import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys are bound to the order they created and keep no response (issue 13, bugs 1
 * and 2): the stored responses held each order's plaintext access token for 24 hours, and
 * anonymous callers shared one key space (`anon`), so another client sending the same key and
 * body got the first one's token. Partner records keep their binding, read from the response they
 * stored; anonymous ones cannot be told apart by requester and are forgotten (a retry with such a
 * key places a new order, as a retry without a key does). The responses, tokens included, go.
 */
export class IdempotencyBoundToOrders1796613130100 implements MigrationInterface {
  name = 'IdempotencyBoundToOrders1796613130100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_record" ADD "order_id" uuid`);
    await queryRunner.query(
      `UPDATE "idempotency_record" r SET "order_id" = o."id"
         FROM "shop_order" o
        WHERE r."scope" LIKE 'partner:%' AND r."response_body" ? 'id' AND o."id"::text = r."response_body"->>'id'`,
    );
    await queryRunner.query(`DELETE FROM "idempotency_record" WHERE "order_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "idempotency_record" DROP COLUMN "response_status"`);
    await queryRunner.query(`ALTER TABLE "idempotency_record" DROP COLUMN "response_body"`);
    await queryRunner.query(
      `ALTER TABLE "idempotency_record" ADD CONSTRAINT "FK_f43a7bd13b0104f57d8a526bc56" FOREIGN KEY ("order_id") REFERENCES "shop_order"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  /** The dropped responses cannot come back; bound keys are forgotten (a retry places a new order). */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_record" DROP CONSTRAINT "FK_f43a7bd13b0104f57d8a526bc56"`);
    await queryRunner.query(`DELETE FROM "idempotency_record"`);
    await queryRunner.query(`ALTER TABLE "idempotency_record" DROP COLUMN "order_id"`);
    await queryRunner.query(`ALTER TABLE "idempotency_record" ADD "response_body" jsonb`);
    await queryRunner.query(`ALTER TABLE "idempotency_record" ADD "response_status" integer`);
  }
}
