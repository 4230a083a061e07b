import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change feed (SPEC §11): one row per change of a contact, written by triggers on `contacts`
 * in the statement that makes the change, whatever makes it (the API, another module, the
 * retention job, a migration).
 *
 * Order: `(xid, seq)`. `xid` is the writing transaction's id (`pg_current_xact_id()`), `seq` a
 * sequence. A reader returns only rows of transactions older than the oldest one still running
 * (`xid < pg_snapshot_xmin(pg_current_snapshot())`): those are all settled, and every transaction
 * that writes later gets a larger id, so no row can ever appear before a position already read.
 * A transaction that holds its changes open holds the feed back (it lags, it never skips).
 *
 * No values are stored: the feed reads each contact as it is now, so an erasure has nothing to
 * remove here. Rows are ids, a type and a time.
 */
export class ContactChanges1796110000000 implements MigrationInterface {
  name = 'ContactChanges1796110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "contact_changes" (
        "seq" bigint GENERATED ALWAYS AS IDENTITY,
        "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
        "workspace_id" character varying(24) NOT NULL,
        "contact_id" character varying(24) NOT NULL,
        "type" character varying(16) NOT NULL,
        "occurred_at" timestamptz(3) NOT NULL,
        CONSTRAINT "pk_contact_changes" PRIMARY KEY ("seq"),
        CONSTRAINT "ck_contact_changes_type" CHECK (type IN ('created', 'updated', 'deleted', 'restored', 'merged', 'erased'))
      )`);
    await q.query(
      `CREATE INDEX "ix_contact_changes_feed" ON "contact_changes" ("workspace_id", "xid", "seq")`,
    );
    // Compaction (the retention job) looks for a later change of the same contact.
    await q.query(
      `CREATE INDEX "ix_contact_changes_contact" ON "contact_changes" ("workspace_id", "contact_id", "xid", "seq")`,
    );

    await q.query(`
      CREATE FUNCTION contact_change_type(o contacts, n contacts) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE
          WHEN n.erased_at IS NOT NULL AND o.erased_at IS NULL THEN 'erased'
          WHEN n.merged_into IS NOT NULL AND o.merged_into IS NULL THEN 'merged'
          WHEN n.deleted_at IS NOT NULL AND o.deleted_at IS NULL THEN 'deleted'
          WHEN n.deleted_at IS NULL AND o.deleted_at IS NOT NULL THEN 'restored'
          ELSE 'updated' END $$`);
    await q.query(`
      CREATE FUNCTION contact_changes_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO contact_changes (workspace_id, contact_id, type, occurred_at)
        SELECT n.workspace_id, n.id, 'created', n.created_at FROM inserted n ORDER BY n.created_at, n.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_contact_changes_insert AFTER INSERT ON contacts
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION contact_changes_inserted()`);
    await q.query(`
      CREATE FUNCTION contact_changes_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- EXECUTE: planned for each statement, with its transition tables' sizes. A plan cached
        -- in the session from a one-row update joins them in a nested loop, which for a statement
        -- updating thousands of rows is quadratic (3,000 rows: 3.4 s instead of 0.1 s).
        EXECUTE $q$
          INSERT INTO contact_changes (workspace_id, contact_id, type, occurred_at)
          SELECT n.workspace_id, n.id, contact_change_type(o, n), greatest(n.updated_at, now())
            FROM updated_old o JOIN updated_new n ON n.id = o.id AND n.workspace_id = o.workspace_id
           WHERE o IS DISTINCT FROM n
           ORDER BY n.id $q$;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_contact_changes_update AFTER UPDATE ON contacts
      REFERENCING OLD TABLE AS updated_old NEW TABLE AS updated_new FOR EACH STATEMENT EXECUTE FUNCTION contact_changes_updated()`);

    // What exists already, as its latest change: a follower from the start mirrors it too.
    await q.query(`
      INSERT INTO contact_changes (workspace_id, contact_id, type, occurred_at)
      SELECT workspace_id, id,
             CASE WHEN erased_at IS NOT NULL THEN 'erased' WHEN merged_into IS NOT NULL THEN 'merged'
                  WHEN deleted_at IS NOT NULL THEN 'deleted' ELSE 'created' END,
             updated_at
        FROM contacts ORDER BY created_at, id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_contact_changes_update ON contacts`);
    await q.query(`DROP TRIGGER trg_contact_changes_insert ON contacts`);
    await q.query(`DROP FUNCTION contact_changes_updated()`);
    await q.query(`DROP FUNCTION contact_changes_inserted()`);
    await q.query(`DROP FUNCTION contact_change_type(contacts, contacts)`);
    await q.query(`DROP TABLE "contact_changes"`);
  }
}
