import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The webhook dispatcher reads due deliveries endpoint by endpoint (so that one endpoint's
 * backlog cannot starve the others): each endpoint's pending deliveries by due time. An endpoint
 * with nothing due (a dead one waiting out its backoff) costs one index probe.
 */
export class WebhookDueByEndpoint1796160000000 implements MigrationInterface {
  name = 'WebhookDueByEndpoint1796160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_webhook_deliveries_endpoint_due" ON "webhook_deliveries" ("endpoint_id", "next_attempt_at") WHERE status = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_webhook_deliveries_endpoint_due"`);
  }
}
