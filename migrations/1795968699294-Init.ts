import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795968699294 implements MigrationInterface {
  name = 'Init1795968699294';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "actor_id" uuid, "actor_email" text, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text, "facility_id" uuid, "kanwil_id" uuid, "changes" jsonb NOT NULL DEFAULT '{}', "request_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "audit_event_entity_idx" ON "audit_event"  ("entity_type", "entity_id") `);
    await queryRunner.query(`CREATE INDEX "audit_event_kanwil_idx" ON "audit_event"  ("kanwil_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "audit_event_facility_idx" ON "audit_event"  ("facility_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "audit_event_recent_idx" ON "audit_event"  ("created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "login_throttle" ("key" text NOT NULL, "failures" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('SUPERADMIN', 'REGIONAL_ADMIN', 'FACILITY_ADMIN')`);
    await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "role" "public"."user_role" NOT NULL, "kanwil_id" uuid, "facility_id" uuid, "password_hash" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "app_user_scope_matches_role" CHECK (("role" = 'SUPERADMIN' AND "kanwil_id" IS NULL AND "facility_id" IS NULL)
    OR ("role" = 'REGIONAL_ADMIN' AND "kanwil_id" IS NOT NULL AND "facility_id" IS NULL)
    OR ("role" = 'FACILITY_ADMIN' AND "facility_id" IS NOT NULL AND "kanwil_id" IS NOT NULL)), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "app_user_kanwil_idx" ON "app_user"  ("kanwil_id") `);
    await queryRunner.query(`CREATE INDEX "app_user_facility_idx" ON "app_user"  ("facility_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "app_user_email_uq" ON "app_user"  ("email") `);
    await queryRunner.query(`CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "secret_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "refresh_token_user_idx" ON "refresh_token"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "refresh_token_family_idx" ON "refresh_token"  ("family_id") `);
    await queryRunner.query(`CREATE TABLE "province" ("code" text NOT NULL, "iso" text NOT NULL, "name" text NOT NULL, "kanwil_id" uuid NOT NULL, CONSTRAINT "UQ_27c031a7cbe9f9ba7d7cb701d70" UNIQUE ("iso"), CONSTRAINT "PK_3288dfa18d390ed33b359fc0418" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "kanwil" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, CONSTRAINT "UQ_883d5c5ffd00e961dccc4bff2a0" UNIQUE ("code"), CONSTRAINT "PK_976a063273db0024d8beb4e6993" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TYPE "public"."facility_type" AS ENUM('LAPAS', 'RUTAN', 'LPKA', 'BAPAS')`);
    await queryRunner.query(`CREATE TYPE "public"."facility_class" AS ENUM('I', 'II', 'IIA', 'IIB', 'III')`);
    await queryRunner.query(`CREATE TYPE "public"."facility_kind" AS ENUM('UMUM', 'NARKOTIKA', 'PEREMPUAN', 'PEMUDA', 'TERBUKA', 'KHUSUS')`);
    await queryRunner.query(`CREATE TYPE "public"."courier" AS ENUM('JNE', 'JNT', 'SICEPAT', 'ANTERAJA', 'POS', 'TIKI')`);
    await queryRunner.query(`CREATE TABLE "facility" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "type" "public"."facility_type" NOT NULL, "facility_class" "public"."facility_class" NOT NULL, "kind" "public"."facility_kind" NOT NULL DEFAULT 'UMUM', "name" text NOT NULL, "short_name" text NOT NULL, "province_code" text NOT NULL, "kanwil_id" uuid NOT NULL, "address" text NOT NULL, "city" text NOT NULL, "postal_code" text, "phone" text, "email" text, "description" text NOT NULL DEFAULT '', "latitude" double precision, "longitude" double precision, "outlet_name" text, "outlet_address" text, "outlet_opening_hours" text, "pickup_available" boolean NOT NULL DEFAULT false, "shipping_base_fee" integer NOT NULL DEFAULT '0', "shipping_per_kg_fee" integer NOT NULL DEFAULT '0', "couriers" "public"."courier" array NOT NULL DEFAULT '{}', "local_delivery" boolean NOT NULL DEFAULT false, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "UQ_1c8150565c89deac41a13e48d5c" UNIQUE ("slug"), CONSTRAINT "facility_longitude_range" CHECK ("longitude" IS NULL OR "longitude" BETWEEN -180 AND 180), CONSTRAINT "facility_latitude_range" CHECK ("latitude" IS NULL OR "latitude" BETWEEN -90 AND 90), CONSTRAINT "facility_shipping_fees_non_negative" CHECK ("shipping_base_fee" >= 0 AND "shipping_per_kg_fee" >= 0), CONSTRAINT "PK_07c6c82781d105a680b5c265be6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "facility_province_idx" ON "facility"  ("province_code") `);
    await queryRunner.query(`CREATE INDEX "facility_kanwil_idx" ON "facility"  ("kanwil_id") `);
    await queryRunner.query(`CREATE INDEX "facility_public_list_idx" ON "facility"  ("name", "id") WHERE active`);
    await queryRunner.query(`CREATE TABLE "revenue_split_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "facility_id" uuid, "effective_from" date NOT NULL, "premi_percent" smallint NOT NULL, "pnbp_percent" smallint NOT NULL, "capital_percent" smallint NOT NULL, "note" text NOT NULL DEFAULT '', "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "revenue_split_rule_non_negative" CHECK ("premi_percent" >= 0 AND "pnbp_percent" >= 0 AND "capital_percent" >= 0), CONSTRAINT "revenue_split_rule_sums_to_100" CHECK ("premi_percent" + "pnbp_percent" + "capital_percent" = 100), CONSTRAINT "PK_18ec5b0fa24370d157373200f2e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "revenue_split_rule_national_from_uq" ON "revenue_split_rule"  ("effective_from") WHERE "facility_id" IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "revenue_split_rule_facility_from_uq" ON "revenue_split_rule"  ("facility_id", "effective_from") WHERE "facility_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "FK_dae8a60ceafb44c35c86805c16d" FOREIGN KEY ("kanwil_id") REFERENCES "kanwil"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "FK_205daf48e7329d2e015ee36bf39" FOREIGN KEY ("facility_id") REFERENCES "facility"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_6bbe63d2fe75e7f0ba1710351d4" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "province" ADD CONSTRAINT "FK_75810e0833f1f287213ae55828f" FOREIGN KEY ("kanwil_id") REFERENCES "kanwil"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "facility" ADD CONSTRAINT "FK_d2e97b52161fd77c5b79c1dec30" FOREIGN KEY ("province_code") REFERENCES "province"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "facility" ADD CONSTRAINT "FK_98ede5c1468c4ad247d20d5d735" FOREIGN KEY ("kanwil_id") REFERENCES "kanwil"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "revenue_split_rule" ADD CONSTRAINT "FK_d94472d2ad7c7f37aa6eae26f3d" FOREIGN KEY ("facility_id") REFERENCES "facility"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "revenue_split_rule" DROP CONSTRAINT "FK_d94472d2ad7c7f37aa6eae26f3d"`);
    await queryRunner.query(`ALTER TABLE "facility" DROP CONSTRAINT "FK_98ede5c1468c4ad247d20d5d735"`);
    await queryRunner.query(`ALTER TABLE "facility" DROP CONSTRAINT "FK_d2e97b52161fd77c5b79c1dec30"`);
    await queryRunner.query(`ALTER TABLE "province" DROP CONSTRAINT "FK_75810e0833f1f287213ae55828f"`);
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_6bbe63d2fe75e7f0ba1710351d4"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_205daf48e7329d2e015ee36bf39"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_dae8a60ceafb44c35c86805c16d"`);
    await queryRunner.query(`DROP INDEX "public"."revenue_split_rule_facility_from_uq"`);
    await queryRunner.query(`DROP INDEX "public"."revenue_split_rule_national_from_uq"`);
    await queryRunner.query(`DROP TABLE "revenue_split_rule"`);
    await queryRunner.query(`DROP INDEX "public"."facility_public_list_idx"`);
    await queryRunner.query(`DROP INDEX "public"."facility_kanwil_idx"`);
    await queryRunner.query(`DROP INDEX "public"."facility_province_idx"`);
    await queryRunner.query(`DROP TABLE "facility"`);
    await queryRunner.query(`DROP TYPE "public"."courier"`);
    await queryRunner.query(`DROP TYPE "public"."facility_kind"`);
    await queryRunner.query(`DROP TYPE "public"."facility_class"`);
    await queryRunner.query(`DROP TYPE "public"."facility_type"`);
    await queryRunner.query(`DROP TABLE "kanwil"`);
    await queryRunner.query(`DROP TABLE "province"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_token_family_idx"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_token_user_idx"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "public"."app_user_email_uq"`);
    await queryRunner.query(`DROP INDEX "public"."app_user_facility_idx"`);
    await queryRunner.query(`DROP INDEX "public"."app_user_kanwil_idx"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_recent_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_facility_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_kanwil_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_entity_idx"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
