import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A domain event, written in the same transaction as the change it describes. */
@Entity({ name: 'outbox_events' })
@Index('ix_outbox_events_occurred_at', ['occurredAt'])
@Index('uq_outbox_events_aggregate_sequence', ['aggregateType', 'aggregateId', 'sequence'], {
  unique: true,
})
export class OutboxEventEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_outbox_events' })
  id: string;

  @Column({ name: 'workspace_id', type: 'varchar', length: 24 })
  workspaceId: string;

  @Column({ name: 'aggregate_type', type: 'varchar', length: 32 })
  aggregateType: string;

  @Column({ name: 'aggregate_id', type: 'varchar', length: 24 })
  aggregateId: string;

  @Column({ type: 'integer' })
  sequence: number;

  @Column({ name: 'event_name', type: 'varchar', length: 64 })
  eventName: string;

  @Column({ type: 'jsonb' })
  payload: object;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  /** The trace context of the request that wrote it: its deliveries continue that trace. */
  @Column({ name: 'trace_context', type: 'jsonb', nullable: true })
  traceContext: Record<string, string> | null;
}
