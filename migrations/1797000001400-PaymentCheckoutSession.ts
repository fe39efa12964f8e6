import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Card payment on the website goes through Stripe's hosted Checkout. The order keeps its latest
 * Checkout Session, so "Bayar lagi" can expire it before opening a new one: at most one session
 * of an order can take money at a time.
 */
export class PaymentCheckoutSession1797000001400 implements MigrationInterface {
  name = 'PaymentCheckoutSession1797000001400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payment" ADD "checkout_session_id" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payment" DROP COLUMN "checkout_session_id"`);
  }
}
