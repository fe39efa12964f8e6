import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, counting without tracking (src/humas/visits). No address, User-Agent or identifier is
 * stored anywhere:
 * - `page_view_daily`: views per day (WIB), page, referrer source and campaign ('' for none), with
 *   the facility and Kanwil the page belonged to when it was counted (null for nation-only pages).
 * - `unique_visitors_daily`: daily unique visitors per scope ('nation', 'kanwil:<uuid>',
 *   'facility:<uuid>').
 * - `visit_salt` and `visitor_day`: a random salt per day and the salted hashes of that day's
 *   visitors, both deleted after 48 hours by the sweep job.
 * No TypeORM entities: these rows are only ever written by the set-based statements of
 * visit.queries.ts and read by its reports.
 */
export class HumasVisits1797000001717 implements MigrationInterface {
  name = 'HumasVisits1797000001717';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "page_view_daily" (
         "day" date NOT NULL,
         "page_kind" text NOT NULL,
         "page_key" text NOT NULL,
         "source" text NOT NULL,
         "campaign" text NOT NULL DEFAULT '',
         "facility_id" uuid,
         "kanwil_id" uuid,
         "views" integer NOT NULL,
         CONSTRAINT "page_view_daily_views_positive" CHECK ("views" > 0),
         CONSTRAINT "page_view_daily_pk" PRIMARY KEY ("day", "page_kind", "page_key", "source", "campaign"))`,
    );
    // The dashboard of a facility or a Kanwil reads its rows by day.
    await queryRunner.query(`CREATE INDEX "page_view_daily_facility_idx" ON "page_view_daily" ("facility_id", "day") WHERE "facility_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "page_view_daily_kanwil_idx" ON "page_view_daily" ("kanwil_id", "day") WHERE "kanwil_id" IS NOT NULL`);
    await queryRunner.query(
      `CREATE TABLE "unique_visitors_daily" (
         "day" date NOT NULL,
         "scope" text NOT NULL,
         "visitors" integer NOT NULL,
         CONSTRAINT "unique_visitors_daily_scope" CHECK ("scope" = 'nation' OR "scope" ~ '^(kanwil|facility):[0-9a-f-]{36}$'),
         CONSTRAINT "unique_visitors_daily_pk" PRIMARY KEY ("day", "scope"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "visit_salt" (
         "day" date NOT NULL,
         "salt" bytea NOT NULL,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "visit_salt_length" CHECK (octet_length("salt") = 32),
         CONSTRAINT "visit_salt_pk" PRIMARY KEY ("day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "visitor_day" (
         "day" date NOT NULL,
         "scope" text NOT NULL,
         "hash" bytea NOT NULL,
         CONSTRAINT "visitor_day_pk" PRIMARY KEY ("day", "scope", "hash"))`,
    );
  }

  /** The counts go with the tables; nothing else refers to them. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "visitor_day"`);
    await queryRunner.query(`DROP TABLE "visit_salt"`);
    await queryRunner.query(`DROP TABLE "unique_visitors_daily"`);
    await queryRunner.query(`DROP TABLE "page_view_daily"`);
  }
}
