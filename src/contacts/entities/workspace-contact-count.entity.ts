import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WorkspaceEntity } from '../../workspaces/entities/workspace.entity';

/**
 * One shard of a workspace's contact count, kept by triggers on `contacts` (see the migrations
 * CountContactsPerWorkspace, WorkspaceScopedSearch and CountShardsWithoutWaiting: a shard per
 * concurrent writing transaction, up to 64). Read only: the count is the sum of a
 * workspace's shards.
 */
@Entity({ name: 'workspace_contact_counts' })
export class WorkspaceContactCountEntity {
  @PrimaryColumn({
    name: 'workspace_id',
    type: 'varchar',
    length: 24,
    primaryKeyConstraintName: 'pk_workspace_contact_counts',
  })
  workspaceId: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'pk_workspace_contact_counts' })
  shard: number;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({
    name: 'workspace_id',
    foreignKeyConstraintName: 'fk_workspace_contact_counts_workspace',
  })
  workspace?: WorkspaceEntity;

  @Column({ type: 'bigint', default: 0 })
  contacts: string;

  /**
   * Writes that may change what a search matches (inserts, deletes, changes of a name, email or
   * phone). A search total counted at a given sum of `changes` is still exact while it holds.
   */
  @Column({ type: 'bigint', default: 0 })
  changes: string;
}
