import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OutboxEventEntity } from './outbox-event.entity';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one consumer: retried on its own, parked as failed on its own. */
@Entity({ name: 'outbox_deliveries' })
@Index('ix_outbox_deliveries_consumer_due', ['consumer', 'nextAttemptAt'], {
  where: `status = 'pending'`,
})
@Index('ix_outbox_deliveries_failed', { synchronize: false })
// On (consumer || ':' || aggregate_type || ':' || aggregate_id, sequence) WHERE pending: the
// ordered claim's probe, and only it (see migration OrderProbeIndexes).
@Index('ix_outbox_deliveries_order', { synchronize: false })
@Check('ck_outbox_deliveries_status', `status IN ('pending', 'delivered', 'failed')`)
export class OutboxDeliveryEntity {
  @PrimaryColumn({
    name: 'event_id',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_outbox_deliveries',
  })
  eventId: string;

  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: 'pk_outbox_deliveries' })
  consumer: string;

  @ManyToOne(() => OutboxEventEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_outbox_deliveries_event' })
  event?: OutboxEventEntity;

  /** The event's aggregate and its sequence, for ordered consumers (see the claim). */
  @Column({ name: 'aggregate_type', type: 'varchar', length: 32 })
  aggregateType: string;

  @Column({ name: 'aggregate_id', type: 'varchar', length: 24 })
  aggregateId: string;

  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 2000, nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', precision: 3, nullable: true })
  deliveredAt: Date | null;
}
