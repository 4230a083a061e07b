import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivered events are deleted after OUTBOX_RETENTION_DAYS (see OutboxDispatcher.purge): the
 * purge finds the oldest events by this index instead of reading the whole outbox.
 */
export class OutboxRetention1795739471261 implements MigrationInterface {
  name = 'OutboxRetention1795739471261';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_outbox_events_occurred_at" ON "outbox_events" ("occurred_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_outbox_events_occurred_at"`);
  }
}
