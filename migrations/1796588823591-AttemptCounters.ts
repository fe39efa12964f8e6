import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failure budgets for sign-ins and API keys move into the rate-limit store (this table, or Redis
 * with REDIS_URL), where counting and deciding are one atomic step. No entity: only the store's
 * SQL touches it. UNLOGGED like rate_limit_counter: a crash forgets at most one window of counts.
 * The counts in login_throttle are not carried over (a deploy starts every window afresh).
 */
export class AttemptCounters1796588823591 implements MigrationInterface {
  name = 'AttemptCounters1796588823591';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "attempt_counter" ("key" text NOT NULL, "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "failures" integer NOT NULL DEFAULT 0, "in_flight" integer NOT NULL DEFAULT 0, CONSTRAINT "attempt_counter_pk" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`DROP TABLE "login_throttle"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "login_throttle" ("key" text NOT NULL, "failures" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key"))`);
    await queryRunner.query(`DROP TABLE "attempt_counter"`);
  }
}
