import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook dispatchers hold endpoints, not deliveries. Before, every attempt leased its delivery
 * first (`locked_until`, an update of the delivery row that rewrote it with all its index entries,
 * the busiest statement of the events benchmark: 0.31 ms a delivery against 0.08 for recording
 * its outcome); now a dispatcher holds each endpoint it sends to for a few seconds at a time
 * (`dispatcher_id`, `dispatch_until`, renewed while it has work for it), and a delivery row is
 * written when it is fanned out and when its outcome is recorded, nothing in between.
 */
export class WebhookEndpointHolds1796250000000 implements MigrationInterface {
  name = 'WebhookEndpointHolds1796250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "webhook_endpoints" ADD "dispatcher_id" uuid`);
    await q.query(
      `ALTER TABLE "webhook_endpoints" ADD "dispatch_until" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await q.query(`ALTER TABLE "webhook_deliveries" DROP COLUMN "locked_until"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "webhook_deliveries" ADD "locked_until" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await q.query(`ALTER TABLE "webhook_endpoints" DROP COLUMN "dispatch_until"`);
    await q.query(`ALTER TABLE "webhook_endpoints" DROP COLUMN "dispatcher_id"`);
  }
}
