import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A replayed keyed checkout answers with the first answer's bytes (issue 14): the first 201 is kept,
 * sealed with a key derived from the app secret and without the order's access token (derived
 * again). Records bound before this have none; their replays rebuild the answer from the order and
 * keep that.
 */
export class IdempotentAnswers1797000000100 implements MigrationInterface {
  name = 'IdempotentAnswers1797000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_record" ADD "response_sealed" text`);
  }

  /** The kept answers go; replays rebuild them from their orders, as before. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_record" DROP COLUMN "response_sealed"`);
  }
}
