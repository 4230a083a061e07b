import type { MigrationInterface, QueryRunner } from 'typeorm';

const SEARCH_TEXT = `contact_search_text`;

/**
 * One person, one contact (SPEC §10).
 *
 * - `contacts.additional_phones` / `additional_emails`: up to ten more of each.
 * - `contact_identities`: every phone and email of every live contact, primary or additional, one
 *   row each, kept by triggers in the statement that changes the contact; its primary key
 *   (workspace, kind, value) makes every phone and email unique within the workspace, whichever
 *   field holds it, and answers "whose number is this" in one index lookup. It replaces the
 *   unique indexes on `contacts.phone` and `contacts.email`. `field` names where the value sits
 *   (`phone`, `additionalPhones.1`), for conflicts and for messaging's resolution.
 * - Search covers the additional values: the phone and email trigram indexes are built on the
 *   primary value and the additional ones joined by newlines (`contact_search_text`).
 * - `merged_into`: a merged contact (deleted, pointing at the contact it was merged into).
 */
export class ContactIdentities1796090000000 implements MigrationInterface {
  name = 'ContactIdentities1796090000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "contacts" ADD "additional_phones" character varying(16) array NOT NULL DEFAULT '{}'`,
    );
    await q.query(
      `ALTER TABLE "contacts" ADD "additional_emails" character varying(254) array NOT NULL DEFAULT '{}'`,
    );
    await q.query(`ALTER TABLE "contacts" ADD "merged_into" character varying(24)`);
    await q.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "ck_contacts_additional_count" CHECK (cardinality(additional_phones) <= 10 AND cardinality(additional_emails) <= 10)`,
    );
    await q.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "ck_contacts_merged_deleted" CHECK (merged_into IS NULL OR deleted_at IS NOT NULL)`,
    );

    await q.query(`
      CREATE TABLE "contact_identities" (
        "workspace_id" character varying(24) NOT NULL,
        "kind" character varying(8) NOT NULL,
        "value" character varying(254) NOT NULL,
        "contact_id" character varying(24) NOT NULL,
        "field" character varying(32) NOT NULL,
        CONSTRAINT "pk_contact_identities" PRIMARY KEY ("workspace_id", "kind", "value"),
        CONSTRAINT "fk_contact_identities_contact" FOREIGN KEY ("workspace_id", "contact_id")
          REFERENCES "contacts"("workspace_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "ck_contact_identities_kind" CHECK (kind IN ('phone', 'email'))
      )`);
    await q.query(
      `CREATE INDEX "ix_contact_identities_contact" ON "contact_identities" ("workspace_id", "contact_id")`,
    );
    // A live contact's identities, as rows of contact_identities.
    await q.query(`
      CREATE FUNCTION contact_identity_rows(c contacts) RETURNS TABLE (kind text, value text, field text)
      LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        RETURN QUERY
          SELECT 'phone', c.phone::text, 'phone' WHERE c.phone IS NOT NULL
          UNION ALL SELECT 'email', c.email::text, 'email' WHERE c.email IS NOT NULL
          UNION ALL SELECT 'phone', a.p::text, 'additionalPhones.' || (a.i - 1) FROM unnest(c.additional_phones) WITH ORDINALITY AS a(p, i)
          UNION ALL SELECT 'email', a.e::text, 'additionalEmails.' || (a.i - 1) FROM unnest(c.additional_emails) WITH ORDINALITY AS a(e, i);
      END $$`);
    await q.query(`
      CREATE FUNCTION contact_identities_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO contact_identities (workspace_id, kind, value, contact_id, field)
        SELECT n.workspace_id, r.kind, r.value, n.id, r.field
          FROM inserted n CROSS JOIN LATERAL contact_identity_rows(n) r
         WHERE n.deleted_at IS NULL;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER trg_contact_identities_insert AFTER INSERT ON contacts
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION contact_identities_inserted()`);
    // Row level, so that the WHEN clause skips every update that touches no identity.
    await q.query(`
      CREATE FUNCTION contact_identities_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM contact_identities WHERE workspace_id = OLD.workspace_id AND contact_id = OLD.id;
        IF NEW.deleted_at IS NULL THEN
          INSERT INTO contact_identities (workspace_id, kind, value, contact_id, field)
          SELECT NEW.workspace_id, r.kind, r.value, NEW.id, r.field FROM contact_identity_rows(NEW) r;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_contact_identities_update
      AFTER UPDATE OF workspace_id, phone, email, additional_phones, additional_emails, deleted_at ON contacts FOR EACH ROW
      WHEN (OLD.workspace_id IS DISTINCT FROM NEW.workspace_id OR OLD.phone IS DISTINCT FROM NEW.phone
         OR OLD.email IS DISTINCT FROM NEW.email OR OLD.additional_phones IS DISTINCT FROM NEW.additional_phones
         OR OLD.additional_emails IS DISTINCT FROM NEW.additional_emails OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
      EXECUTE FUNCTION contact_identities_updated()`);
    await q.query(`
      INSERT INTO contact_identities (workspace_id, kind, value, contact_id, field)
      SELECT c.workspace_id, r.kind, r.value, c.id, r.field FROM contacts c CROSS JOIN LATERAL contact_identity_rows(c) r
       WHERE c.deleted_at IS NULL`);
    await q.query(`DROP INDEX "uq_contacts_workspace_phone"`);
    await q.query(`DROP INDEX "uq_contacts_workspace_email"`);

    // Search: the primary value and the additional ones, joined by newlines (which no searched
    // value holds, so that no match spans two values).
    await q.query(`
      CREATE FUNCTION ${SEARCH_TEXT}(primary_value text, additional text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(primary_value, '') || E'\\n' || array_to_string(additional, E'\\n') $$`);
    await q.query(`DROP INDEX "ix_contacts_ws_email_trgm"`);
    await q.query(`DROP INDEX "ix_contacts_ws_phone_trgm"`);
    await q.query(
      `CREATE INDEX "ix_contacts_ws_email_trgm" ON "contacts" USING gin ("workspace_id", ${SEARCH_TEXT}(email, additional_emails::text[]) gin_trgm_ops) WITH (fastupdate = off) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_contacts_ws_phone_trgm" ON "contacts" USING gin ("workspace_id", ${SEARCH_TEXT}(phone, additional_phones::text[]) gin_trgm_ops) WITH (fastupdate = off) WHERE deleted_at IS NULL`,
    );
    // A search can change with the additional values too.
    await q.query(`DROP TRIGGER trg_contacts_search_changed ON contacts`);
    await q.query(`
      CREATE TRIGGER trg_contacts_search_changed
      AFTER UPDATE OF workspace_id, first_name, last_name, email, phone, deleted_at, additional_phones, additional_emails ON contacts FOR EACH ROW
      WHEN (OLD.workspace_id IS DISTINCT FROM NEW.workspace_id
         OR OLD.first_name IS DISTINCT FROM NEW.first_name OR OLD.last_name IS DISTINCT FROM NEW.last_name
         OR OLD.email IS DISTINCT FROM NEW.email OR OLD.phone IS DISTINCT FROM NEW.phone
         OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
         OR OLD.additional_phones IS DISTINCT FROM NEW.additional_phones OR OLD.additional_emails IS DISTINCT FROM NEW.additional_emails)
      EXECUTE FUNCTION count_contacts_search_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_contacts_search_changed ON contacts`);
    await q.query(`
      CREATE TRIGGER trg_contacts_search_changed
      AFTER UPDATE OF workspace_id, first_name, last_name, email, phone, deleted_at ON contacts FOR EACH ROW
      WHEN (OLD.workspace_id IS DISTINCT FROM NEW.workspace_id
         OR OLD.first_name IS DISTINCT FROM NEW.first_name OR OLD.last_name IS DISTINCT FROM NEW.last_name
         OR OLD.email IS DISTINCT FROM NEW.email OR OLD.phone IS DISTINCT FROM NEW.phone
         OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
      EXECUTE FUNCTION count_contacts_search_changed()`);
    await q.query(`DROP INDEX "ix_contacts_ws_email_trgm"`);
    await q.query(`DROP INDEX "ix_contacts_ws_phone_trgm"`);
    await q.query(`DROP FUNCTION ${SEARCH_TEXT}(text, text[])`);
    await q.query(
      `CREATE INDEX "ix_contacts_ws_email_trgm" ON "contacts" USING gin ("workspace_id", email gin_trgm_ops) WITH (fastupdate = off) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_contacts_ws_phone_trgm" ON "contacts" USING gin ("workspace_id", phone gin_trgm_ops) WITH (fastupdate = off) WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_contacts_workspace_phone" ON "contacts" ("workspace_id", "phone") WHERE phone IS NOT NULL AND deleted_at IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_contacts_workspace_email" ON "contacts" ("workspace_id", "email") WHERE email IS NOT NULL AND deleted_at IS NULL`,
    );
    await q.query(`DROP TRIGGER trg_contact_identities_update ON contacts`);
    await q.query(`DROP TRIGGER trg_contact_identities_insert ON contacts`);
    await q.query(`DROP FUNCTION contact_identities_updated()`);
    await q.query(`DROP FUNCTION contact_identities_inserted()`);
    await q.query(`DROP FUNCTION contact_identity_rows(contacts)`);
    await q.query(`DROP TABLE "contact_identities"`);
    await q.query(`ALTER TABLE "contacts" DROP CONSTRAINT "ck_contacts_merged_deleted"`);
    await q.query(`ALTER TABLE "contacts" DROP CONSTRAINT "ck_contacts_additional_count"`);
    await q.query(`ALTER TABLE "contacts" DROP COLUMN "merged_into"`);
    await q.query(`ALTER TABLE "contacts" DROP COLUMN "additional_emails"`);
    await q.query(`ALTER TABLE "contacts" DROP COLUMN "additional_phones"`);
  }
}
