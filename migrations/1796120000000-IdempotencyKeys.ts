import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys (SPEC §11): per workspace, the request a key was first used for (a
 * fingerprint), whether it is still running (and until when its claim holds), and the answer to
 * replay. The answer is written in the transaction of the write it answers.
 */
export class IdempotencyKeys1796120000000 implements MigrationInterface {
  name = 'IdempotencyKeys1796120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "idempotency_keys" (
        "workspace_id" character varying(24) NOT NULL,
        "key" character varying(255) NOT NULL,
        "fingerprint" character varying(64) NOT NULL,
        "token" uuid NOT NULL,
        "state" character varying(8) NOT NULL,
        "locked_until" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "response_status" integer,
        "response_headers" jsonb,
        "response_body" jsonb,
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_idempotency_keys" PRIMARY KEY ("workspace_id", "key"),
        CONSTRAINT "ck_idempotency_keys_state" CHECK (state IN ('running', 'done')),
        CONSTRAINT "fk_idempotency_keys_workspace" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await q.query(
      `CREATE INDEX "ix_idempotency_keys_expires" ON "idempotency_keys" ("expires_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "idempotency_keys"`);
  }
}
