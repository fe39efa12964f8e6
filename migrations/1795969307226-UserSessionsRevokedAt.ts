import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UserSessionsRevokedAt1795969307226 implements MigrationInterface {
  name = 'UserSessionsRevokedAt1795969307226';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "sessions_revoked_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "sessions_revoked_at"`);
  }
}
