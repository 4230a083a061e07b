import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exact contact counts per workspace, maintained in the same transaction as every insert and
 * delete (statement-level triggers with transition tables, so a bulk insert costs one update).
 * Spread over 16 shards picked by the connection, so that concurrent creates in one workspace
 * do not queue on a single counter row; a count is the sum of at most 16 rows.
 */
export class CountContactsPerWorkspace1795725030375 implements MigrationInterface {
  name = 'CountContactsPerWorkspace1795725030375';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "workspace_contact_counts" (
        "workspace_id" character varying(24) NOT NULL,
        "shard" smallint NOT NULL,
        "contacts" bigint NOT NULL DEFAULT 0,
        CONSTRAINT "pk_workspace_contact_counts" PRIMARY KEY ("workspace_id", "shard"),
        CONSTRAINT "fk_workspace_contact_counts_workspace" FOREIGN KEY ("workspace_id")
          REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(`
      CREATE FUNCTION count_contacts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts)
        SELECT workspace_id, pg_backend_pid() % 16, count(*) FROM inserted GROUP BY workspace_id
        ON CONFLICT (workspace_id, shard) DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION count_contacts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts)
        SELECT workspace_id, pg_backend_pid() % 16, -count(*) FROM deleted GROUP BY workspace_id
        ON CONFLICT (workspace_id, shard) DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_contacts_count_insert AFTER INSERT ON contacts
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION count_contacts_inserted()`);
    await q.query(`CREATE TRIGGER trg_contacts_count_delete AFTER DELETE ON contacts
      REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION count_contacts_deleted()`);
    // Contacts that exist already.
    await q.query(`INSERT INTO workspace_contact_counts (workspace_id, shard, contacts)
      SELECT workspace_id, 0, count(*) FROM contacts GROUP BY workspace_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_contacts_count_delete ON contacts`);
    await q.query(`DROP TRIGGER trg_contacts_count_insert ON contacts`);
    await q.query(`DROP FUNCTION count_contacts_deleted()`);
    await q.query(`DROP FUNCTION count_contacts_inserted()`);
    await q.query(`DROP TABLE "workspace_contact_counts"`);
  }
}
