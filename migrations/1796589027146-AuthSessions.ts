import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A row per sign-in (the refresh-token family), so that access tokens can name their session
 * (`sid`) and die with it. Existing families become sessions; a family with a revoked token was
 * revoked as a whole (tokens are only ever revoked per family or per user).
 */
export class AuthSessions1796589027146 implements MigrationInterface {
  name = 'AuthSessions1796589027146';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "auth_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_19354ed146424a728c1112a8cbf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "auth_session_user_idx" ON "auth_session"  ("user_id") `);
    await queryRunner.query(`ALTER TABLE "auth_session" ADD CONSTRAINT "FK_b8783d517fab10672700a39cb49" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(
      `INSERT INTO "auth_session" ("id", "user_id", "revoked_at", "created_at")
       SELECT "family_id", (array_agg("user_id"))[1], max("revoked_at"), min("created_at") FROM "refresh_token" GROUP BY "family_id"`,
    );
    await queryRunner.query(`ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_eb31f2a7917404a46e17f539f19" FOREIGN KEY ("family_id") REFERENCES "auth_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_eb31f2a7917404a46e17f539f19"`);
    await queryRunner.query(`ALTER TABLE "auth_session" DROP CONSTRAINT "FK_b8783d517fab10672700a39cb49"`);
    await queryRunner.query(`DROP INDEX "public"."auth_session_user_idx"`);
    await queryRunner.query(`DROP TABLE "auth_session"`);
  }
}
