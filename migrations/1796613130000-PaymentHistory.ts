import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment state changes join the order history (issue 13): a late payment refunded, a failed
 * attempt, a payment cancelled with its order are rows of their own, told apart by `payment_id`,
 * instead of an order row that goes from a status to the same status.
 *
 * Cancelling an order now cancels its payment whether it is PENDING or FAILED (a failed attempt
 * could still be retried at the provider), and a payment that arrives late is told apart by its
 * CANCELED status: payments of orders cancelled before this release whose last attempt failed are
 * brought in line, so a late payment for them is still reinstated or refunded. Not undone by down.
 */
export class PaymentHistory1796613130000 implements MigrationInterface {
  name = 'PaymentHistory1796613130000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "order_event" ADD "payment_id" uuid`);
    await queryRunner.query(
      `UPDATE "payment" p SET "status" = 'CANCELED', "updated_at" = now() FROM "shop_order" o WHERE o."id" = p."order_id" AND o."status" = 'CANCELLED' AND p."status" = 'FAILED'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "order_event" DROP COLUMN "payment_id"`);
  }
}
