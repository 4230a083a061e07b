import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables every row of which is updated soon after it is inserted: a claim, then an outcome. */
const QUEUE_TABLES = ['outbox_deliveries', 'webhook_deliveries'];

/**
 * Every delivery row is claimed and then marked done, and each of those updates leaves a dead
 * row version and, as the pending-only indexes lose the row, dead index entries. With
 * autovacuum's defaults (a vacuum once a fifth of the table is dead) a busy outbox reads ever
 * more of them: an empty claim read 161 index pages, 3 ms, at 300,000 dead versions, and 1 page,
 * 0.3 ms, once vacuumed. Queue tables get vacuumed after 1% of their rows (and at least 1,000)
 * are dead, and analysed as often, so that the claims' plans see the backlog as it is.
 */
export class QueueTablesAutovacuum1796220000000 implements MigrationInterface {
  name = 'QueueTablesAutovacuum1796220000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of QUEUE_TABLES) {
      await q.query(
        `ALTER TABLE "${table}" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of QUEUE_TABLES) {
      await q.query(
        `ALTER TABLE "${table}" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_analyze_scale_factor, autovacuum_analyze_threshold)`,
      );
    }
  }
}
