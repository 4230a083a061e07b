import type { MigrationInterface, QueryRunner } from 'typeorm';

const NAME = `(lower(first_name || ' ' || coalesce(last_name, '')))`;

/** Each search branch: its old (whole-table) trigram index, its new workspace-scoped one. */
const BRANCHES = [
  { old: 'ix_contacts_name_trgm', scoped: 'ix_contacts_ws_name_trgm', expr: NAME },
  { old: 'ix_contacts_email_trgm', scoped: 'ix_contacts_ws_email_trgm', expr: 'email' },
  { old: 'ix_contacts_phone_trgm', scoped: 'ix_contacts_ws_phone_trgm', expr: 'phone' },
];

/**
 * Search at a million contacts per workspace (issue 6).
 *
 * 1. The trigram indexes lead with `workspace_id` (btree_gin), so a search can be scoped to its
 *    workspace inside the index: the bitmap holds only the workspace's candidates instead of every
 *    tenant's, and no row of another workspace is fetched to be filtered out. (A workspace holding
 *    most of the table filters after the bitmap instead, which the same index serves: see
 *    `searchScopedInIndex` in ContactsService.)
 * 2. `workspace_contact_counts.changes` counts every write that can change which contacts a search
 *    matches (insert, delete, a change of a name, email or phone, truncate), kept in the same
 *    transaction as the write; it only ever grows. A search's exact total is remembered per
 *    (workspace, search) together with the workspace's `changes` it was counted at, and reused
 *    only while `changes` has not moved: exact, and a search paged through does not recount a
 *    hundred thousand rows on every page.
 * 3. `contacts` keeps 10% of each page free (fillfactor 90), so that an update that changes no
 *    indexed column (company, notes, tags, ...) stays on its page and touches no index (a HOT
 *    update) instead of adding entries to eight of them. Applies to pages written from now on.
 *
 * The indexes are built inside the migration's transaction, which blocks writes to `contacts`
 * meanwhile (about 15 s for 1.5 million contacts on the development machine); a database much
 * larger than that wants them built CONCURRENTLY beforehand, outside a transaction.
 */
export class WorkspaceScopedSearch1795727357692 implements MigrationInterface {
  name = 'WorkspaceScopedSearch1795727357692';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    for (const { old, scoped, expr } of BRANCHES) {
      await q.query(`DROP INDEX "${old}"`);
      // Entries go straight into the index (no pending list that every search would scan).
      await q.query(
        `CREATE INDEX "${scoped}" ON "contacts" USING gin ("workspace_id", ${expr} gin_trgm_ops) WITH (fastupdate = off)`,
      );
    }

    await q.query(`ALTER TABLE "workspace_contact_counts" ADD "changes" bigint NOT NULL DEFAULT 0`);
    await q.query(`UPDATE "workspace_contact_counts" SET "changes" = "contacts"`);
    await q.query(`
      CREATE OR REPLACE FUNCTION count_contacts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
        SELECT workspace_id, pg_backend_pid() % 16, count(*), count(*) FROM inserted GROUP BY workspace_id
        ON CONFLICT (workspace_id, shard)
        DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts, changes = c.changes + EXCLUDED.changes;
        RETURN NULL;
      END $$`);
    // A workspace being deleted takes its counters with it: only count the others.
    await q.query(`
      CREATE OR REPLACE FUNCTION count_contacts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
        SELECT d.workspace_id, pg_backend_pid() % 16, -count(*), count(*) FROM deleted d
        WHERE EXISTS (SELECT 1 FROM workspaces w WHERE w.id = d.workspace_id)
        GROUP BY d.workspace_id
        ON CONFLICT (workspace_id, shard)
        DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts, changes = c.changes + EXCLUDED.changes;
        RETURN NULL;
      END $$`);
    // Row level, so that the WHEN clause skips (in C, without a function call) every update that
    // leaves the searched fields as they were; the service's updates touch one row. A contact moved
    // to another workspace (the service never does) is counted out of one and into the other.
    await q.query(`
      CREATE FUNCTION count_contacts_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
        VALUES (NEW.workspace_id, pg_backend_pid() % 16, CASE WHEN NEW.workspace_id = OLD.workspace_id THEN 0 ELSE 1 END, 1)
        ON CONFLICT (workspace_id, shard)
        DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts, changes = c.changes + 1;
        IF NEW.workspace_id <> OLD.workspace_id THEN
          INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
          VALUES (OLD.workspace_id, pg_backend_pid() % 16, -1, 1)
          ON CONFLICT (workspace_id, shard) DO UPDATE SET contacts = c.contacts - 1, changes = c.changes + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_contacts_search_changed
      AFTER UPDATE OF workspace_id, first_name, last_name, email, phone ON contacts FOR EACH ROW
      WHEN (OLD.workspace_id IS DISTINCT FROM NEW.workspace_id
         OR OLD.first_name IS DISTINCT FROM NEW.first_name OR OLD.last_name IS DISTINCT FROM NEW.last_name
         OR OLD.email IS DISTINCT FROM NEW.email OR OLD.phone IS DISTINCT FROM NEW.phone)
      EXECUTE FUNCTION count_contacts_search_changed()`);
    // TRUNCATE fires no delete trigger: zero the counts, and move `changes` on (never back).
    await q.query(`
      CREATE FUNCTION count_contacts_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE workspace_contact_counts SET contacts = 0, changes = changes + 1;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_contacts_count_truncate AFTER TRUNCATE ON contacts
      FOR EACH STATEMENT EXECUTE FUNCTION count_contacts_truncated()`);

    await q.query(`ALTER TABLE "contacts" SET (fillfactor = 90)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contacts" RESET (fillfactor)`);
    await q.query(`DROP TRIGGER trg_contacts_count_truncate ON contacts`);
    await q.query(`DROP FUNCTION count_contacts_truncated()`);
    await q.query(`DROP TRIGGER trg_contacts_search_changed ON contacts`);
    await q.query(`DROP FUNCTION count_contacts_search_changed()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION count_contacts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts)
        SELECT workspace_id, pg_backend_pid() % 16, count(*) FROM inserted GROUP BY workspace_id
        ON CONFLICT (workspace_id, shard) DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION count_contacts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts)
        SELECT workspace_id, pg_backend_pid() % 16, -count(*) FROM deleted GROUP BY workspace_id
        ON CONFLICT (workspace_id, shard) DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts;
        RETURN NULL;
      END $$`);
    await q.query(`ALTER TABLE "workspace_contact_counts" DROP COLUMN "changes"`);
    for (const { old, scoped, expr } of BRANCHES) {
      await q.query(`DROP INDEX "${scoped}"`);
      await q.query(
        `CREATE INDEX "${old}" ON "contacts" USING gin (${expr} gin_trgm_ops) WITH (fastupdate = off)`,
      );
    }
    // btree_gin stays, like pg_trgm: other objects may use it by now.
  }
}
