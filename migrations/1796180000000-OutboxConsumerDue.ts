import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each consumer claims its own deliveries (a lane per consumer, batches handed whole to batch
 * consumers): `(consumer, next_attempt_at)` over the pending ones is the range a claim reads, in
 * order, and it replaces the index on `next_attempt_at` alone, which made a consumer's claim read
 * past every other consumer's backlog.
 */
export class OutboxConsumerDue1796180000000 implements MigrationInterface {
  name = 'OutboxConsumerDue1796180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_outbox_deliveries_consumer_due" ON "outbox_deliveries" ("consumer", "next_attempt_at") WHERE status = 'pending'`,
    );
    await q.query(`DROP INDEX "ix_outbox_deliveries_due"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_outbox_deliveries_due" ON "outbox_deliveries" ("next_attempt_at") WHERE status = 'pending'`,
    );
    await q.query(`DROP INDEX "ix_outbox_deliveries_consumer_due"`);
  }
}
