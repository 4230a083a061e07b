import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (SPEC §12): customers' endpoints, one delivery per endpoint and event (written by the
 * outbox consumer that fans each event out), and the log of every attempt.
 *
 * A delivery's `seq` orders it among the deliveries of its endpoint: the fan-out takes each
 * contact's events strictly in order, so for one endpoint and one contact `seq` is the events'
 * order, and a delivery is sent only when none before it for that endpoint and contact is pending.
 */
export class Webhooks1796130000000 implements MigrationInterface {
  name = 'Webhooks1796130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "webhook_endpoints" (
        "id" character varying(24) NOT NULL,
        "workspace_id" character varying(24) NOT NULL,
        "url" character varying(2048) NOT NULL,
        "events" text[] NOT NULL,
        "enabled" boolean NOT NULL DEFAULT true,
        "description" character varying(500),
        "secret" character varying(100) NOT NULL,
        "previous_secret" character varying(100),
        "previous_secret_expires_at" TIMESTAMP(3) WITH TIME ZONE,
        "disabled_reason" character varying(200),
        "failing_since" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_webhook_endpoints" PRIMARY KEY ("id"),
        CONSTRAINT "fk_webhook_endpoints_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE INDEX "ix_webhook_endpoints_workspace" ON "webhook_endpoints" ("workspace_id", "created_at")`,
    );

    await q.query(`
      CREATE TABLE "webhook_deliveries" (
        "id" uuid NOT NULL,
        "seq" bigint GENERATED ALWAYS AS IDENTITY,
        "endpoint_id" character varying(24) NOT NULL,
        "workspace_id" character varying(24) NOT NULL,
        "event_id" uuid NOT NULL,
        "event_type" character varying(64) NOT NULL,
        "contact_id" character varying(24) NOT NULL,
        "body" jsonb NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "locked_until" TIMESTAMP(3) WITH TIME ZONE,
        "last_status_code" integer,
        "last_error" character varying(500),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "delivered_at" TIMESTAMP(3) WITH TIME ZONE,
        CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY ("id"),
        CONSTRAINT "uq_webhook_deliveries_endpoint_event" UNIQUE ("endpoint_id", "event_id"),
        CONSTRAINT "ck_webhook_deliveries_status" CHECK (status IN ('pending', 'delivered', 'failed')),
        CONSTRAINT "fk_webhook_deliveries_endpoint" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    // What is due, and what comes before a delivery for its endpoint and contact.
    await q.query(
      `CREATE INDEX "ix_webhook_deliveries_due" ON "webhook_deliveries" ("next_attempt_at") WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX "ix_webhook_deliveries_order" ON "webhook_deliveries" ("endpoint_id", "contact_id", "seq") WHERE status = 'pending'`,
    );
    // The endpoint's log, newest first; an erasure finds a contact's deliveries.
    await q.query(
      `CREATE INDEX "ix_webhook_deliveries_endpoint" ON "webhook_deliveries" ("endpoint_id", "seq")`,
    );
    await q.query(
      `CREATE INDEX "ix_webhook_deliveries_contact" ON "webhook_deliveries" ("workspace_id", "contact_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_webhook_deliveries_created" ON "webhook_deliveries" ("created_at")`,
    );

    await q.query(`
      CREATE TABLE "webhook_attempts" (
        "id" bigint GENERATED ALWAYS AS IDENTITY,
        "delivery_id" uuid NOT NULL,
        "attempted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "status_code" integer,
        "latency_ms" integer NOT NULL,
        "error" character varying(500),
        CONSTRAINT "pk_webhook_attempts" PRIMARY KEY ("id"),
        CONSTRAINT "fk_webhook_attempts_delivery" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE INDEX "ix_webhook_attempts_delivery" ON "webhook_attempts" ("delivery_id", "attempted_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "webhook_attempts"`);
    await q.query(`DROP TABLE "webhook_deliveries"`);
    await q.query(`DROP TABLE "webhook_endpoints"`);
  }
}
