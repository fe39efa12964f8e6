import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request counters remember when their window ends, so the sweep forgets a window only after it
 * ended whatever its length: the checkout limiter counts over ten minutes or more, and a sweep by
 * start time alone would reset a long window while it still counts. Existing rows are the
 * one-minute request quotas. The default keeps a process still running the previous release
 * (during a rolling deploy) able to count: its rows are swept as the old code swept them.
 */
export class RateLimitWindowEnds1796600000000 implements MigrationInterface {
  name = 'RateLimitWindowEnds1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rate_limit_counter" ADD "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now() + interval '10 minutes'`);
    await queryRunner.query(`UPDATE "rate_limit_counter" SET "window_ends_at" = "window_start" + interval '1 minute'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rate_limit_counter" DROP COLUMN "window_ends_at"`);
  }
}
