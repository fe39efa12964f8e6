import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxEventLog1795978617269 implements MigrationInterface {
  name = 'OutboxEventLog1795978617269';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_event_pending_idx"`);
    await queryRunner.query(`ALTER TABLE "outbox_event" DROP COLUMN "published_at"`);
    await queryRunner.query(`CREATE INDEX "outbox_event_type_created_idx" ON "outbox_event"  ("type", "created_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_event_type_created_idx"`);
    await queryRunner.query(`ALTER TABLE "outbox_event" ADD "published_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "outbox_event_pending_idx" ON "outbox_event" USING btree ("created_at") WHERE (published_at IS NULL)`);
  }
}
