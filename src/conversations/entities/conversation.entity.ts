import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ContactEntity } from '../../contacts/entities/contact.entity';
import { WorkspaceEntity } from '../../workspaces/entities/workspace.entity';

/** The channel of a conversation when none is named. */
export const DEFAULT_CHANNEL = 'whatsapp';

/** The contact as inbox listings show it, kept on the conversation by the event consumers. */
export interface ContactSummary {
  id: string;
  fullName: string;
  phone: string | null;
  email: string | null;
  /** Absent on summaries written before contacts could be deleted: `active`. */
  state?: 'active' | 'deleted' | 'erased';
}

/**
 * A thread between the workspace and one address on one channel. The contact link and its
 * summary are written by the consumers of contact events (and at creation when the contact is
 * already known); the composite foreign key keeps the contact in the same workspace.
 */
@Entity({ name: 'conversations' })
@Index('uq_conversations_workspace_id', ['workspaceId', 'id'], { unique: true })
@Index('uq_conversations_open_address', ['workspaceId', 'channel', 'address'], {
  unique: true,
  where: `status = 'open'`,
})
@Index('ix_conversations_workspace_contact', ['workspaceId', 'contactId'])
@Index('ix_conversations_inbox', { synchronize: false })
@Index('ix_conversations_unlinked', ['workspaceId', 'address'], { where: 'contact_id IS NULL' })
@Check('ck_conversations_status', `status IN ('open', 'closed')`)
@Check('ck_conversations_address', `address IS NOT NULL OR status = 'closed'`)
export class ConversationEntity {
  @PrimaryColumn({ type: 'varchar', length: 24, primaryKeyConstraintName: 'pk_conversations' })
  id: string;

  @Column({ name: 'workspace_id', type: 'varchar', length: 24 })
  workspaceId: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'fk_conversations_workspace' })
  workspace?: WorkspaceEntity;

  /** Composite, so that a conversation can only point at a contact of its own workspace. */
  @ManyToOne(() => ContactEntity, { onDelete: 'NO ACTION', nullable: true })
  @JoinColumn([
    {
      name: 'workspace_id',
      referencedColumnName: 'workspaceId',
      foreignKeyConstraintName: 'fk_conversations_contact',
    },
    {
      name: 'contact_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_conversations_contact',
    },
  ])
  contact?: ContactEntity;

  @Column({ type: 'varchar', length: 20, default: DEFAULT_CHANNEL })
  channel: string;

  /** E.164; null once the contact it belonged to was erased (the conversation is closed then). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: 'open' | 'closed';

  @Column({ name: 'contact_id', type: 'varchar', length: 24, nullable: true })
  contactId: string | null;

  @Column({ name: 'contact_summary', type: 'jsonb', nullable: true })
  contactSummary: ContactSummary | null;

  @Column({ name: 'last_message_at', type: 'timestamptz', precision: 3, nullable: true })
  lastMessageAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
