import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WorkspaceEntity } from '../workspaces/entities/workspace.entity';

export type IdempotencyState = 'running' | 'done';

/** An answer as it is replayed: status, the headers that matter, the body (none for 204). */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * One Idempotency-Key of a workspace (SPEC §11), kept 24 hours: the request it was first used for
 * (`fingerprint`), its claim while the request runs (`token`, `lockedUntil`), and the answer.
 */
@Entity({ name: 'idempotency_keys' })
@Index('ix_idempotency_keys_expires', ['expiresAt'])
@Check('ck_idempotency_keys_state', `state IN ('running', 'done')`)
export class IdempotencyKeyEntity {
  @PrimaryColumn({
    name: 'workspace_id',
    type: 'varchar',
    length: 24,
    primaryKeyConstraintName: 'pk_idempotency_keys',
  })
  workspaceId: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'fk_idempotency_keys_workspace' })
  workspace?: WorkspaceEntity;

  @PrimaryColumn({ type: 'varchar', length: 255, primaryKeyConstraintName: 'pk_idempotency_keys' })
  key: string;

  /** SHA-256 of the request (method, path, body); an erased answer's marker after an erasure. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  /** The claim of the request running under this key: only its holder may complete it. */
  @Column({ type: 'uuid' })
  token: string;

  @Column({ type: 'varchar', length: 8 })
  state: IdempotencyState;

  @Column({ name: 'locked_until', type: 'timestamptz', precision: 3 })
  lockedUntil: Date;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_headers', type: 'jsonb', nullable: true })
  responseHeaders: Record<string, string> | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt: Date;
}
