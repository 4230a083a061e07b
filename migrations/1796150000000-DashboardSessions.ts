import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's sign-in (SPEC §13): one-time links printed by the CLI, and the sessions they
 * open. Only hashes of the link tokens and session ids are stored: a copy of the table signs
 * nobody in.
 */
export class DashboardSessions1796150000000 implements MigrationInterface {
  name = 'DashboardSessions1796150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "dashboard_sign_in_links" (
        "token_hash" character varying(64) NOT NULL,
        "workspace_id" character varying(24) NOT NULL,
        "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP(3) WITH TIME ZONE,
        CONSTRAINT "pk_dashboard_sign_in_links" PRIMARY KEY ("token_hash"),
        CONSTRAINT "fk_dashboard_sign_in_links_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE INDEX "ix_dashboard_sign_in_links_expires" ON "dashboard_sign_in_links" ("expires_at")`,
    );
    await q.query(`
      CREATE TABLE "dashboard_sessions" (
        "id_hash" character varying(64) NOT NULL,
        "workspace_id" character varying(24) NOT NULL,
        "csrf_token" character varying(64) NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_dashboard_sessions" PRIMARY KEY ("id_hash"),
        CONSTRAINT "fk_dashboard_sessions_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE INDEX "ix_dashboard_sessions_expires" ON "dashboard_sessions" ("expires_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "dashboard_sessions"`);
    await q.query(`DROP TABLE "dashboard_sign_in_links"`);
  }
}
