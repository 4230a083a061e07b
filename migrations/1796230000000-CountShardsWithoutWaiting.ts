import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two costs every write of a contact paid in its triggers, found in the benchmark's delete profile
 * (16 clients; `pg_stat_statements`, `pg_stat_user_functions`, waits sampled from
 * `pg_stat_activity`):
 *
 * 1. Waits on the per-workspace counters. A write's transaction holds the counter row it adds to
 *    until it commits, and the row was `pg_backend_pid() % 16`: with a pool of 20 connections (and
 *    a worker's), two busy sessions often shared one and the second waited for the first's whole
 *    transaction. The update of `contacts` waited on a transaction id in 69 of 88 samples, and the
 *    counter's upsert took 1.02 ms a call. Now `contact_count_add` adds to a shard no other
 *    transaction has taken: the first, from its backend's own on (so that sessions spread), whose
 *    transaction-scoped advisory lock it gets without waiting (`pg_try_advisory_xact_lock`),
 *    remembered for the rest of the transaction in a transaction-local setting
 *    (`safravo.contact_count_shard`). Up to 64 shards: a workspace gets as many rows as it has
 *    concurrent writers, and only past 64 of them does one wait. A count is still the sum of the
 *    workspace's rows. The row is updated, and inserted only when missing (the upsert's
 *    speculative insertion cost 0.17 ms a call).
 * 2. The change feed's trigger was per statement, its statement planned on every call (`EXECUTE`,
 *    so that a plan cached from a one-row update would not join a large update's transition tables
 *    in a nested loop): 0.42 ms for each one-row change. Per row, it inserts the row's change with
 *    a cached plan, and a large update costs the same per row as a small one.
 */
export class CountShardsWithoutWaiting1796230000000 implements MigrationInterface {
  name = 'CountShardsWithoutWaiting1796230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION contact_count_add(ws varchar, live bigint, changed bigint) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        taken text := current_setting('safravo.contact_count_shard', true);
        own int := pg_backend_pid() % 64;
        s smallint;
      BEGIN
        IF split_part(taken, ':', 1) = ws THEN
          s := split_part(taken, ':', 2)::smallint;
        ELSE
          -- The first shard no other transaction has taken, from this backend's own on: each is
          -- taken with a transaction-scoped advisory lock, tried without waiting.
          FOR i IN 0..63 LOOP
            IF pg_try_advisory_xact_lock(hashtext('contact_count_shard:' || ws), (own + i) % 64) THEN
              s := (own + i) % 64;
              EXIT;
            END IF;
          END LOOP;
          -- All 64 taken: this backend's own, after the transaction holding it.
          s := coalesce(s, own);
          PERFORM set_config('safravo.contact_count_shard', ws || ':' || s, true);
        END IF;
        UPDATE workspace_contact_counts SET contacts = contacts + live, changes = changes + changed
         WHERE workspace_id = ws AND shard = s;
        IF NOT FOUND THEN
          INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes) VALUES (ws, s, live, changed)
          ON CONFLICT (workspace_id, shard)
          DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts, changes = c.changes + EXCLUDED.changes;
        END IF;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION count_contacts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM contact_count_add(workspace_id, count(*) FILTER (WHERE deleted_at IS NULL), count(*))
           FROM inserted GROUP BY workspace_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION count_contacts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM contact_count_add(d.workspace_id, -count(*) FILTER (WHERE d.deleted_at IS NULL), count(*))
           FROM deleted d
          WHERE EXISTS (SELECT 1 FROM workspaces w WHERE w.id = d.workspace_id)
          GROUP BY d.workspace_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION count_contacts_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        was_live int := CASE WHEN OLD.deleted_at IS NULL THEN 1 ELSE 0 END;
        is_live int := CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE 0 END;
      BEGIN
        IF NEW.workspace_id = OLD.workspace_id THEN
          PERFORM contact_count_add(NEW.workspace_id, is_live - was_live, 1);
        ELSE
          PERFORM contact_count_add(NEW.workspace_id, is_live, 1);
          PERFORM contact_count_add(OLD.workspace_id, -was_live, 1);
        END IF;
        RETURN NULL;
      END $$`);

    await q.query(`DROP TRIGGER trg_contact_changes_update ON contacts`);
    await q.query(`DROP FUNCTION contact_changes_updated()`);
    await q.query(`
      CREATE FUNCTION contact_change_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO contact_changes (workspace_id, contact_id, type, occurred_at)
        VALUES (NEW.workspace_id, NEW.id, contact_change_type(OLD, NEW), greatest(NEW.updated_at, now()));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_contact_changes_update AFTER UPDATE ON contacts
      FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION contact_change_updated()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_contact_changes_update ON contacts`);
    await q.query(`DROP FUNCTION contact_change_updated()`);
    await q.query(`
      CREATE FUNCTION contact_changes_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
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

    const upsert = `ON CONFLICT (workspace_id, shard)
        DO UPDATE SET contacts = c.contacts + EXCLUDED.contacts, changes = c.changes + EXCLUDED.changes`;
    await q.query(`
      CREATE OR REPLACE FUNCTION count_contacts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
        SELECT workspace_id, pg_backend_pid() % 16, count(*) FILTER (WHERE deleted_at IS NULL), count(*) FROM inserted GROUP BY workspace_id
        ${upsert};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION count_contacts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
        SELECT d.workspace_id, pg_backend_pid() % 16, -count(*) FILTER (WHERE d.deleted_at IS NULL), count(*) FROM deleted d
        WHERE EXISTS (SELECT 1 FROM workspaces w WHERE w.id = d.workspace_id)
        GROUP BY d.workspace_id
        ${upsert};
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
          ${upsert};
        ELSE
          INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
          VALUES (NEW.workspace_id, pg_backend_pid() % 16, is_live, 1)
          ${upsert};
          INSERT INTO workspace_contact_counts AS c (workspace_id, shard, contacts, changes)
          VALUES (OLD.workspace_id, pg_backend_pid() % 16, -was_live, 1)
          ${upsert};
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`DROP FUNCTION contact_count_add(varchar, bigint, bigint)`);
  }
}
