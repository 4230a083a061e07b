import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddOutboxConversationsMessages1795722928892 implements MigrationInterface {
  name = 'AddOutboxConversationsMessages1795722928892';

  async up(q: QueryRunner): Promise<void> {
    // Each change of a contact bumps its version; its events carry it as their sequence.
    await q.query(`ALTER TABLE "contacts" ADD "version" integer NOT NULL DEFAULT 1`);
    // Lets other tables reference a contact together with its workspace (tenancy in the schema).
    await q.query(
      `CREATE UNIQUE INDEX "uq_contacts_workspace_id" ON "contacts" ("workspace_id", "id")`,
    );

    await q.query(`
      CREATE TABLE "outbox_events" (
        "id" uuid NOT NULL,
        "workspace_id" character varying(24) NOT NULL,
        "aggregate_type" character varying(32) NOT NULL,
        "aggregate_id" character varying(24) NOT NULL,
        "sequence" integer NOT NULL,
        "event_name" character varying(64) NOT NULL,
        "payload" jsonb NOT NULL,
        "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_outbox_events" PRIMARY KEY ("id")
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_outbox_events_aggregate_sequence" ON "outbox_events" ("aggregate_type", "aggregate_id", "sequence")`,
    );

    await q.query(`
      CREATE TABLE "outbox_deliveries" (
        "event_id" uuid NOT NULL,
        "consumer" character varying(100) NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "locked_until" TIMESTAMP(3) WITH TIME ZONE,
        "last_error" character varying(2000),
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "delivered_at" TIMESTAMP(3) WITH TIME ZONE,
        CONSTRAINT "pk_outbox_deliveries" PRIMARY KEY ("event_id", "consumer"),
        CONSTRAINT "fk_outbox_deliveries_event" FOREIGN KEY ("event_id")
          REFERENCES "outbox_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "ck_outbox_deliveries_status" CHECK (status IN ('pending', 'delivered', 'failed'))
      )`);
    // The dispatcher's queue: only what is still to deliver, in order of due time.
    await q.query(
      `CREATE INDEX "ix_outbox_deliveries_due" ON "outbox_deliveries" ("next_attempt_at") WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX "ix_outbox_deliveries_failed" ON "outbox_deliveries" ("created_at") WHERE status = 'failed'`,
    );

    await q.query(`
      CREATE TABLE "conversations" (
        "id" character varying(24) NOT NULL,
        "workspace_id" character varying(24) NOT NULL,
        "channel" character varying(20) NOT NULL DEFAULT 'whatsapp',
        "address" character varying(16) NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'open',
        "contact_id" character varying(24),
        "contact_summary" jsonb,
        "last_message_at" TIMESTAMP(3) WITH TIME ZONE,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_conversations" PRIMARY KEY ("id"),
        CONSTRAINT "fk_conversations_workspace" FOREIGN KEY ("workspace_id")
          REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_conversations_contact" FOREIGN KEY ("workspace_id", "contact_id")
          REFERENCES "contacts"("workspace_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION,
        CONSTRAINT "ck_conversations_status" CHECK (status IN ('open', 'closed'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_conversations_workspace_id" ON "conversations" ("workspace_id", "id")`,
    );
    // One open conversation per workspace, channel and address.
    await q.query(
      `CREATE UNIQUE INDEX "uq_conversations_open_address" ON "conversations" ("workspace_id", "channel", "address") WHERE status = 'open'`,
    );
    await q.query(
      `CREATE INDEX "ix_conversations_workspace_contact" ON "conversations" ("workspace_id", "contact_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_conversations_inbox" ON "conversations" ("workspace_id", "last_message_at" DESC NULLS LAST, "id" DESC)`,
    );
    await q.query(
      `CREATE INDEX "ix_conversations_unlinked" ON "conversations" ("workspace_id", "address") WHERE contact_id IS NULL`,
    );

    await q.query(`
      CREATE TABLE "messages" (
        "id" character varying(24) NOT NULL,
        "workspace_id" character varying(24) NOT NULL,
        "conversation_id" character varying(24) NOT NULL,
        "contact_id" character varying(24),
        "direction" character varying(16) NOT NULL,
        "text" character varying(4096) NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'queued',
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_messages" PRIMARY KEY ("id"),
        CONSTRAINT "fk_messages_conversation" FOREIGN KEY ("workspace_id", "conversation_id")
          REFERENCES "conversations"("workspace_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_messages_contact" FOREIGN KEY ("workspace_id", "contact_id")
          REFERENCES "contacts"("workspace_id", "id") ON DELETE NO ACTION ON UPDATE NO ACTION,
        CONSTRAINT "ck_messages_direction" CHECK (direction IN ('outbound', 'inbound')),
        CONSTRAINT "ck_messages_status" CHECK (status IN ('queued', 'sent', 'delivered', 'failed'))
      )`);
    await q.query(
      `CREATE INDEX "ix_messages_conversation_created" ON "messages" ("conversation_id", "created_at", "id")`,
    );
    await q.query(
      `CREATE INDEX "ix_messages_unlinked" ON "messages" ("conversation_id") WHERE contact_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "messages"`);
    await q.query(`DROP TABLE "conversations"`);
    await q.query(`DROP TABLE "outbox_deliveries"`);
    await q.query(`DROP TABLE "outbox_events"`);
    await q.query(`DROP INDEX "uq_contacts_workspace_id"`);
    await q.query(`ALTER TABLE "contacts" DROP COLUMN "version"`);
  }
}
