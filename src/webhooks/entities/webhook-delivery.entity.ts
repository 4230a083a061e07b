import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
} from 'typeorm';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one endpoint: sent until the endpoint takes it, retried with backoff. */
@Entity({ name: 'webhook_deliveries' })
@Unique('uq_webhook_deliveries_endpoint_event', ['endpointId', 'eventId'])
@Check('ck_webhook_deliveries_status', `status IN ('pending', 'delivered', 'failed')`)
// On (endpoint_id || ':' || contact_id, seq) WHERE pending: the claim's per-contact order probe,
// and only it (see migration OrderProbeIndexes).
@Index('ix_webhook_deliveries_order', { synchronize: false })
@Index('ix_webhook_deliveries_endpoint_due', ['endpointId', 'nextAttemptAt'], {
  where: `status = 'pending'`,
})
@Index('ix_webhook_deliveries_endpoint', ['endpointId', 'seq'])
@Index('ix_webhook_deliveries_contact', ['workspaceId', 'contactId'])
// Done deliveries only (the retention purge, the CLI's parked ones).
@Index('ix_webhook_deliveries_created', ['createdAt'], { where: `status <> 'pending'` })
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_webhook_deliveries' })
  id: string;

  /** Its place among the endpoint's deliveries (the events' order, per contact). */
  @Column({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    insert: false,
    update: false,
  })
  seq: string;

  @Column({ name: 'endpoint_id', type: 'varchar', length: 24 })
  endpointId: string;

  @ManyToOne(() => WebhookEndpointEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'endpoint_id', foreignKeyConstraintName: 'fk_webhook_deliveries_endpoint' })
  endpoint?: WebhookEndpointEntity;

  @Column({ name: 'workspace_id', type: 'varchar', length: 24 })
  workspaceId: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType: string;

  @Column({ name: 'contact_id', type: 'varchar', length: 24 })
  contactId: string;

  /** The message as sent: `{ id, type, version, timestamp, data }`. */
  @Column({ type: 'jsonb' })
  body: object;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', precision: 3 })
  nextAttemptAt: Date;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', precision: 3, nullable: true })
  deliveredAt: Date | null;
}
