import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each contact event went in the NATS JetStream stream (SPEC §12): its stream sequence, so
 * that an erasure can delete the contact's messages from the stream. Ids and numbers only.
 */
export class BrokerMessages1796140000000 implements MigrationInterface {
  name = 'BrokerMessages1796140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "broker_messages" (
        "event_id" uuid NOT NULL,
        "workspace_id" character varying(24) NOT NULL,
        "contact_id" character varying(24) NOT NULL,
        "stream" character varying(64) NOT NULL,
        "stream_seq" bigint NOT NULL,
        "published_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_broker_messages" PRIMARY KEY ("event_id")
      )`);
    await q.query(
      `CREATE INDEX "ix_broker_messages_contact" ON "broker_messages" ("workspace_id", "contact_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_broker_messages_published" ON "broker_messages" ("published_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "broker_messages"`);
  }
}
