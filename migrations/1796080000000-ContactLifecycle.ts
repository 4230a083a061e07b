import type { MigrationInterface, QueryRunner } from 'typeorm';

const NAME = `(lower(first_name || ' ' || coalesce(last_name, '')))`;

/** The indexes that only live contacts need, and their definition. */
const LIVE_INDEXES = [
  {
    name: 'uq_contacts_workspace_phone',
    unique: true,
    def: `("workspace_id", "phone")`,
    where: 'phone IS NOT NULL',
  },
  {
    name: 'uq_contacts_workspace_email',
    unique: true,
    def: `("workspace_id", "email")`,
    where: 'email IS NOT NULL',
  },
  {
    name: 'ix_contacts_workspace_created',
    unique: false,
    def: `("workspace_id", "created_at" DESC, "id" DESC)`,
    where: '',
  },
  {
    name: 'ix_contacts_ws_name_trgm',
    unique: false,
    def: `USING gin ("workspace_id", ${NAME} gin_trgm_ops) WITH (fastupdate = off)`,
    where: '',
  },
  {
    name: 'ix_contacts_ws_email_trgm',
    unique: false,
    def: `USING gin ("workspace_id", email gin_trgm_ops) WITH (fastupdate = off)`,
    where: '',
  },
  {
    name: 'ix_contacts_ws_phone_trgm',
    unique: false,
    def: `USING gin ("workspace_id", phone gin_trgm_ops) WITH (fastupdate = off)`,
    where: '',
  },
];

function createIndex(
  { name, unique, def, where }: (typeof LIVE_INDEXES)[number],
  live: boolean,
): string {
  const conditions = [where, live ? 'deleted_at IS NULL' : ''].filter(Boolean);
  return `CREATE ${unique ? 'UNIQUE ' : ''}INDEX "${name}" ON "contacts" ${def}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
}

/**
 * A contact's whole life (SPEC §9): delete (soft, `deleted_at`), restore, erase (a tombstone:
 * `erased_at`, `erase_request_id`, every personal value gone) and history.
 *
 * - The unique, listing and search indexes cover live contacts only: a deleted contact's phone
 *   and email are free at once, and no list or search reads past deleted rows.
 * - The per-workspace counters count live contacts: a delete or restore is an update that moves
 *   `contacts` (and `changes`, which a remembered search total is checked against).
 * - `contact_history`: one row per change, written in the transaction of the change.
 *
 * Like WorkspaceScopedSearch, the indexes are rebuilt inside the migration's transaction.
 */
export class ContactLifecycle1796080000000 implements MigrationInterface {
  name = 'ContactLifecycle1796080000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contacts" ADD "deleted_at" TIMESTAMP(3) WITH TIME ZONE`);
    await q.query(`ALTER TABLE "contacts" ADD "erased_at" TIMESTAMP(3) WITH TIME ZONE`);
    await q.query(`ALTER TABLE "contacts" ADD "erase_request_id" character varying(128)`);
    await q.query(`ALTER TABLE "contacts" DROP CONSTRAINT "ck_contacts_phone_or_email"`);
    await q.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "ck_contacts_phone_or_email" CHECK (phone IS NOT NULL OR email IS NOT NULL OR erased_at IS NOT NULL)`,
    );
    await q.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "ck_contacts_erased_deleted" CHECK (erased_at IS NULL OR deleted_at IS NOT NULL)`,
    );
    for (const index of LIVE_INDEXES) {
      await q.query(`DROP INDEX "${index.name}"`);
      await q.query(createIndex(index, true));
    }
    // Deleted contacts waiting for their retention to end, oldest first.
    await q.query(
      `CREATE INDEX "ix_contacts_deleted" ON "contacts" ("deleted_at") WHERE deleted_at IS NOT NULL AND erased_at IS NULL`,
    );

    // Live contacts only, in every counter function.
    await q.query(`
      CREATE OR REPLACE FUNCTION count_contacts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
        SELECT workspace_id, pg_backend_pid() % 16, count(*) FILTER (WHERE deleted_at IS NULL), count(*) FROM inserted GROUP BY workspace_id
        ON CONFLICT (workspace_id, shard)
        DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts, changes = c.changes + EXCLUDED.changes;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION count_contacts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
        SELECT d.workspace_id, pg_backend_pid() % 16, -count(*) FILTER (WHERE d.deleted_at IS NULL), count(*) FROM deleted d
        WHERE EXISTS (SELECT 1 FROM workspaces w WHERE w.id = d.workspace_id)
        GROUP BY d.workspace_id
        ON CONFLICT (workspace_id, shard)
        DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts, changes = c.changes + EXCLUDED.changes;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION count_contacts_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        was_live int := CASE WHEN OLD.deleted_at IS NULL THEN 1 ELSE 0 END;
        is_live int := CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE 0 END;
      BEGIN
        IF NEW.workspace_id = OLD.workspace_id THEN
          INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
          VALUES (NEW.workspace_id, pg_backend_pid() % 16, is_live - was_live, 1)
          ON CONFLICT (workspace_id, shard)
          DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts, changes = c.changes + 1;
        ELSE
          INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
          VALUES (NEW.workspace_id, pg_backend_pid() % 16, is_live, 1)
          ON CONFLICT (workspace_id, shard) DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts, changes = c.changes + 1;
          INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
          VALUES (OLD.workspace_id, pg_backend_pid() % 16, -was_live, 1)
          ON CONFLICT (workspace_id, shard) DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts, changes = c.changes + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER trg_contacts_search_changed ON contacts`);
    await q.query(`
      CREATE TRIGGER trg_contacts_search_changed
      AFTER UPDATE OF workspace_id, first_name, last_name, email, phone, deleted_at ON contacts FOR EACH ROW
      WHEN (OLD.workspace_id IS DISTINCT FROM NEW.workspace_id
         OR OLD.first_name IS DISTINCT FROM NEW.first_name OR OLD.last_name IS DISTINCT FROM NEW.last_name
         OR OLD.email IS DISTINCT FROM NEW.email OR OLD.phone IS DISTINCT FROM NEW.phone
         OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
      EXECUTE FUNCTION count_contacts_search_changed()`);

    await q.query(`
      CREATE TABLE "contact_history" (
        "id" character varying(24) NOT NULL,
        "workspace_id" character varying(24) NOT NULL,
        "contact_id" character varying(24) NOT NULL,
        "type" character varying(32) NOT NULL,
        "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "actor" jsonb NOT NULL,
        "changes" jsonb NOT NULL DEFAULT '[]',
        "request_id" character varying(128),
        CONSTRAINT "pk_contact_history" PRIMARY KEY ("id"),
        CONSTRAINT "fk_contact_history_contact" FOREIGN KEY ("workspace_id", "contact_id")
          REFERENCES "contacts"("workspace_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE INDEX "ix_contact_history_contact" ON "contact_history" ("workspace_id", "contact_id", "id" DESC)`,
    );
    await q.query(
      `CREATE INDEX "ix_contact_history_occurred_at" ON "contact_history" ("occurred_at")`,
    );

    // An erased contact's conversations keep their ids and links, not its number.
    await q.query(`ALTER TABLE "conversations" ALTER COLUMN "address" DROP NOT NULL`);
    await q.query(
      `ALTER TABLE "conversations" ADD CONSTRAINT "ck_conversations_address" CHECK (address IS NOT NULL OR status = 'closed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "conversations" DROP CONSTRAINT "ck_conversations_address"`);
    await q.query(`DELETE FROM "conversations" WHERE address IS NULL`);
    await q.query(`ALTER TABLE "conversations" ALTER COLUMN "address" SET NOT NULL`);
    await q.query(`DROP TABLE "contact_history"`);
    await q.query(`DROP TRIGGER trg_contacts_search_changed ON contacts`);
    await q.query(`
      CREATE TRIGGER trg_contacts_search_changed
      AFTER UPDATE OF workspace_id, first_name, last_name, email, phone ON contacts FOR EACH ROW
      WHEN (OLD.workspace_id IS DISTINCT FROM NEW.workspace_id
         OR OLD.first_name IS DISTINCT FROM NEW.first_name OR OLD.last_name IS DISTINCT FROM NEW.last_name
         OR OLD.email IS DISTINCT FROM NEW.email OR OLD.phone IS DISTINCT FROM NEW.phone)
      EXECUTE FUNCTION count_contacts_search_changed()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION count_contacts_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE OR REPLACE FUNCTION count_contacts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
        SELECT workspace_id, pg_backend_pid() % 16, count(*), count(*) FROM inserted GROUP BY workspace_id
        ON CONFLICT (workspace_id, shard)
        DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts, changes = c.changes + EXCLUDED.changes;
        RETURN NULL;
      END $$`);
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
    await q.query(`DROP INDEX "ix_contacts_deleted"`);
    // Deleted and erased contacts cannot be represented any more: they go, unlinked first.
    const gone = `SELECT workspace_id, id FROM contacts WHERE deleted_at IS NOT NULL`;
    await q.query(
      `UPDATE "messages" SET contact_id = NULL WHERE (workspace_id, contact_id) IN (${gone})`,
    );
    await q.query(
      `UPDATE "conversations" SET contact_id = NULL, contact_summary = NULL WHERE (workspace_id, contact_id) IN (${gone})`,
    );
    await q.query(`DELETE FROM "contacts" WHERE deleted_at IS NOT NULL`);
    for (const index of LIVE_INDEXES) {
      await q.query(`DROP INDEX "${index.name}"`);
      await q.query(createIndex(index, false));
    }
    await q.query(`ALTER TABLE "contacts" DROP CONSTRAINT "ck_contacts_erased_deleted"`);
    await q.query(`ALTER TABLE "contacts" DROP CONSTRAINT "ck_contacts_phone_or_email"`);
    await q.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "ck_contacts_phone_or_email" CHECK (phone IS NOT NULL OR email IS NOT NULL)`,
    );
    await q.query(`ALTER TABLE "contacts" DROP COLUMN "erase_request_id"`);
    await q.query(`ALTER TABLE "contacts" DROP COLUMN "erased_at"`);
    await q.query(`ALTER TABLE "contacts" DROP COLUMN "deleted_at"`);
  }
}
