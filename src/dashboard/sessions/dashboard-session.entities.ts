import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WorkspaceEntity } from '../../workspaces/entities/workspace.entity';

/** A one-time sign-in link (its token's SHA-256), valid 15 minutes, used once. */
@Entity({ name: 'dashboard_sign_in_links' })
@Index('ix_dashboard_sign_in_links_expires', ['expiresAt'])
export class DashboardSignInLinkEntity {
  @PrimaryColumn({
    name: 'token_hash',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_dashboard_sign_in_links',
  })
  tokenHash: string;

  @Column({ name: 'workspace_id', type: 'varchar', length: 24 })
  workspaceId: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({
    name: 'workspace_id',
    foreignKeyConstraintName: 'fk_dashboard_sign_in_links_workspace',
  })
  workspace?: WorkspaceEntity;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', precision: 3, nullable: true })
  usedAt: Date | null;
}

/** A signed-in browser (its cookie's SHA-256), for one workspace, until it expires. */
@Entity({ name: 'dashboard_sessions' })
@Index('ix_dashboard_sessions_expires', ['expiresAt'])
export class DashboardSessionEntity {
  @PrimaryColumn({
    name: 'id_hash',
    type: 'varchar',
    length: 64,
    primaryKeyConstraintName: 'pk_dashboard_sessions',
  })
  idHash: string;

  @Column({ name: 'workspace_id', type: 'varchar', length: 24 })
  workspaceId: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'fk_dashboard_sessions_workspace' })
  workspace?: WorkspaceEntity;

  /** The token every form of the session carries (CSRF). */
  @Column({ name: 'csrf_token', type: 'varchar', length: 64 })
  csrfToken: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt: Date;
}
