import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Partners, their API keys, and the shared rate-limit counters. */
export class Partners1795980828484 implements MigrationInterface {
  name = 'Partners1795980828484';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "partner" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "contact_email" text NOT NULL, "rate_limit_per_minute" integer NOT NULL DEFAULT '1200', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8f34ff11ddd5459eacbfacd48ca" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "partner_name_uq" ON "partner"  ("name") `);
    await queryRunner.query(`CREATE TYPE "public"."api_key_scope" AS ENUM('catalog:read', 'orders:write', 'orders:read')`);
    await queryRunner.query(`CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "label" text NOT NULL DEFAULT '', "prefix" text NOT NULL, "secret_hash" text NOT NULL, "scopes" "public"."api_key_scope" array NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "replaced_by_id" uuid, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "api_key_partner_idx" ON "api_key"  ("partner_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_key_prefix_uq" ON "api_key"  ("prefix") `);
    await queryRunner.query(`ALTER TABLE "api_key" ADD CONSTRAINT "FK_466c829059540fb7567ddff9a8b" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Rate-limit counters (no entity: only raw SQL touches them). UNLOGGED: rewritten on every
    // request, worthless after a crash, so no WAL and no replication for them.
    await queryRunner.query(`CREATE UNLOGGED TABLE "rate_limit_counter" ("key" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, CONSTRAINT "rate_limit_counter_pk" PRIMARY KEY ("key", "window_start"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_counter"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_466c829059540fb7567ddff9a8b"`);
    await queryRunner.query(`DROP INDEX "public"."api_key_prefix_uq"`);
    await queryRunner.query(`DROP INDEX "public"."api_key_partner_idx"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP TYPE "public"."api_key_scope"`);
    await queryRunner.query(`DROP INDEX "public"."partner_name_uq"`);
    await queryRunner.query(`DROP TABLE "partner"`);
  }
}
