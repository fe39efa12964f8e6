import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LedgerByTime1795983564254 implements MigrationInterface {
  name = 'LedgerByTime1795983564254';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ledger_entry_created_idx" ON "ledger_entry"  ("created_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ledger_entry_created_idx"`);
  }
}
