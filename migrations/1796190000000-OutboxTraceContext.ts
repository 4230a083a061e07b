import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C trace context (`traceparent`, `tracestate`) of the request that wrote an event, so
 * that its deliveries continue that request's trace, however much later and wherever they run.
 * Null for events written outside a trace (the CLI, tracing off).
 */
export class OutboxTraceContext1796190000000 implements MigrationInterface {
  name = 'OutboxTraceContext1796190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_events" ADD "trace_context" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_events" DROP COLUMN "trace_context"`);
  }
}
