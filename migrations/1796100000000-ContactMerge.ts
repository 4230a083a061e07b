import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a merge reads and writes, by index (a contact with tens of thousands of messages, a
 * workspace of a million contacts, must not scan a table):
 * - a contact's messages: what a merge moves and an erasure rewrites;
 * - the contacts merged into one: what an erasure of that one erases with it.
 */
export class ContactMerge1796100000000 implements MigrationInterface {
  name = 'ContactMerge1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_messages_workspace_contact" ON "messages" ("workspace_id", "contact_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_contacts_merged_into" ON "contacts" ("workspace_id", "merged_into") WHERE merged_into IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_contacts_merged_into"`);
    await q.query(`DROP INDEX "ix_messages_workspace_contact"`);
  }
}
