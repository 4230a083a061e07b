import type { MigrationInterface, QueryRunner } from 'typeorm';

const SEARCH_INDEXES = [
  'ix_contacts_name_trgm',
  'ix_contacts_email_trgm',
  'ix_contacts_phone_trgm',
];

/**
 * The trigram indexes insert straight into the index instead of a "pending list" that every
 * search must scan until it is merged: measured, a search that took 4-7 ms on 48k contacts with a
 * full pending list took 0.3 ms without one. Each insert pays a little more, searches stay fast.
 */
export class SearchIndexesWithoutPendingList1795725294798 implements MigrationInterface {
  name = 'SearchIndexesWithoutPendingList1795725294798';

  async up(q: QueryRunner): Promise<void> {
    for (const index of SEARCH_INDEXES) {
      await q.query(`ALTER INDEX "${index}" SET (fastupdate = off)`);
      // Merge what is pending now (nothing on a new database).
      await q.query(`SELECT gin_clean_pending_list('"${index}"'::regclass)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of SEARCH_INDEXES) await q.query(`ALTER INDEX "${index}" RESET (fastupdate)`);
  }
}
