import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two index writes fewer per webhook delivery. A delivery is inserted, claimed and recorded, and
 * each of these writes an entry into every index whose predicate the row's new version meets
 * (the record and, when its page is full, the claim: they are not HOT).
 *
 * - `ix_webhook_deliveries_due` goes: every claim reads an endpoint's due deliveries through
 *   `ix_webhook_deliveries_endpoint_due` (same predicate, the endpoint first), and nothing reads
 *   the due deliveries of all endpoints together.
 * - `ix_webhook_deliveries_created` covers done deliveries only, the only ones its readers ask for
 *   (the retention purge, the CLI's parked deliveries): a new or claimed delivery no longer writes
 *   into it, and the purge no longer reads past pending ones.
 */
export class WebhookDeliveryWrites1796240000000 implements MigrationInterface {
  name = 'WebhookDeliveryWrites1796240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_webhook_deliveries_due"`);
    await q.query(`DROP INDEX "ix_webhook_deliveries_created"`);
    await q.query(
      `CREATE INDEX "ix_webhook_deliveries_created" ON "webhook_deliveries" ("created_at") WHERE status <> 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_webhook_deliveries_created"`);
    await q.query(
      `CREATE INDEX "ix_webhook_deliveries_created" ON "webhook_deliveries" ("created_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_webhook_deliveries_due" ON "webhook_deliveries" ("next_attempt_at") WHERE status = 'pending'`,
    );
  }
}
