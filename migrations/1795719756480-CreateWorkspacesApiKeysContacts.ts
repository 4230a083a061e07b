import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWorkspacesApiKeysContacts1795719756480 implements MigrationInterface {
  name = 'CreateWorkspacesApiKeysContacts1795719756480';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE "workspaces" (
        "id" character varying(24) NOT NULL,
        "slug" character varying(63) NOT NULL,
        "name" character varying(200) NOT NULL,
        "default_country" character varying(2),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_workspaces" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_workspaces_slug" ON "workspaces" ("slug")`);

    await q.query(`
      CREATE TABLE "api_keys" (
        "id" character varying(24) NOT NULL,
        "workspace_id" character varying(24) NOT NULL,
        "name" character varying(100),
        "prefix" character varying(32) NOT NULL,
        "key_hash" character varying(64) NOT NULL,
        "scopes" text array NOT NULL,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_used_at" TIMESTAMP(3) WITH TIME ZONE,
        "revoked_at" TIMESTAMP(3) WITH TIME ZONE,
        CONSTRAINT "pk_api_keys" PRIMARY KEY ("id"),
        CONSTRAINT "fk_api_keys_workspace" FOREIGN KEY ("workspace_id")
          REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_api_keys_key_hash" ON "api_keys" ("key_hash")`);
    await q.query(`CREATE INDEX "ix_api_keys_workspace" ON "api_keys" ("workspace_id")`);

    await q.query(`
      CREATE TABLE "contacts" (
        "id" character varying(24) NOT NULL,
        "workspace_id" character varying(24) NOT NULL,
        "first_name" character varying(100) NOT NULL,
        "last_name" character varying(100),
        "phone" character varying(16),
        "email" character varying(254),
        "company" character varying(200),
        "job_title" character varying(100),
        "website" character varying(2048),
        "notes" character varying(10000),
        "source" character varying(32) NOT NULL DEFAULT 'api',
        "tags" text array NOT NULL DEFAULT '{}',
        "lifecycle" character varying(50),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_contacts" PRIMARY KEY ("id"),
        CONSTRAINT "fk_contacts_workspace" FOREIGN KEY ("workspace_id")
          REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "ck_contacts_phone_e164" CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
        CONSTRAINT "ck_contacts_email_lower" CHECK (email = lower(email)),
        CONSTRAINT "ck_contacts_phone_or_email" CHECK (phone IS NOT NULL OR email IS NOT NULL),
        CONSTRAINT "ck_contacts_tags_count" CHECK (cardinality(tags) <= 50)
      )`);
    // Dedupe: phone and email are each unique within a workspace (stored normalised).
    await q.query(
      `CREATE UNIQUE INDEX "uq_contacts_workspace_phone" ON "contacts" ("workspace_id", "phone") WHERE phone IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_contacts_workspace_email" ON "contacts" ("workspace_id", "email") WHERE email IS NOT NULL`,
    );
    // Listing: newest first, stable across pages.
    await q.query(
      `CREATE INDEX "ix_contacts_workspace_created" ON "contacts" ("workspace_id", "created_at" DESC, "id" DESC)`,
    );
    // Search: substring matches served by trigram indexes, never a table scan.
    await q.query(
      `CREATE INDEX "ix_contacts_name_trgm" ON "contacts" USING gin ((lower(first_name || ' ' || coalesce(last_name, ''))) gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX "ix_contacts_email_trgm" ON "contacts" USING gin (email gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX "ix_contacts_phone_trgm" ON "contacts" USING gin (phone gin_trgm_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "contacts"`);
    await q.query(`DROP TABLE "api_keys"`);
    await q.query(`DROP TABLE "workspaces"`);
  }
}
