import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WorkspaceEntity } from '../../workspaces/entities/workspace.entity';

/** A customer's endpoint that receives the workspace's events (SPEC §12). */
@Entity({ name: 'webhook_endpoints' })
@Index('ix_webhook_endpoints_workspace', ['workspaceId', 'createdAt'])
export class WebhookEndpointEntity {
  @PrimaryColumn({ type: 'varchar', length: 24, primaryKeyConstraintName: 'pk_webhook_endpoints' })
  id: string;

  @Column({ name: 'workspace_id', type: 'varchar', length: 24 })
  workspaceId: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'fk_webhook_endpoints_workspace' })
  workspace?: WorkspaceEntity;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  /** Event types (`contact.created`, ...) or `*` for every one. */
  @Column({ type: 'text', array: true })
  events: string[];

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  /** The signing secret (`whsec_` + base64). */
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  /** After a rotation, the secret before it, which still signs until `previousSecretExpiresAt`. */
  @Column({ name: 'previous_secret', type: 'varchar', length: 100, nullable: true })
  previousSecret: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', precision: 3, nullable: true })
  previousSecretExpiresAt: Date | null;

  /** Why the service disabled it (a 410, days of failures); null when enabled or disabled by its owner. */
  @Column({ name: 'disabled_reason', type: 'varchar', length: 200, nullable: true })
  disabledReason: string | null;

  /** Since when every attempt has failed; null after a success. */
  @Column({ name: 'failing_since', type: 'timestamptz', precision: 3, nullable: true })
  failingSince: Date | null;

  /**
   * The dispatcher that holds the endpoint (sends its deliveries) until `dispatchUntil` (see
   * WebhookDispatcher). Written by the dispatcher's own statements only; never read into the
   * entity (`select: false`), so that saving an endpoint the API loaded cannot write back a hold
   * that changed since.
   */
  @Column({ name: 'dispatcher_id', type: 'uuid', nullable: true, select: false })
  dispatcherId?: string | null;

  @Column({
    name: 'dispatch_until',
    type: 'timestamptz',
    precision: 3,
    nullable: true,
    select: false,
  })
  dispatchUntil?: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
