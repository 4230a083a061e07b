import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ContactEntity } from '../../contacts/entities/contact.entity';
import { ConversationEntity } from './conversation.entity';

export type MessageDirection = 'outbound' | 'inbound';
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'failed';

@Entity({ name: 'messages' })
@Index('ix_messages_conversation_created', ['conversationId', 'createdAt', 'id'])
@Index('ix_messages_unlinked', ['conversationId'], { where: 'contact_id IS NULL' })
@Index('ix_messages_workspace_contact', ['workspaceId', 'contactId'])
@Check('ck_messages_direction', `direction IN ('outbound', 'inbound')`)
@Check('ck_messages_status', `status IN ('queued', 'sent', 'delivered', 'failed')`)
export class MessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 24, primaryKeyConstraintName: 'pk_messages' })
  id: string;

  @Column({ name: 'workspace_id', type: 'varchar', length: 24 })
  workspaceId: string;

  @Column({ name: 'conversation_id', type: 'varchar', length: 24 })
  conversationId: string;

  @Column({ name: 'contact_id', type: 'varchar', length: 24, nullable: true })
  contactId: string | null;

  /** Composite foreign keys keep a message, its conversation and its contact in one workspace. */
  @ManyToOne(() => ConversationEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn([
    {
      name: 'workspace_id',
      referencedColumnName: 'workspaceId',
      foreignKeyConstraintName: 'fk_messages_conversation',
    },
    {
      name: 'conversation_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_messages_conversation',
    },
  ])
  conversation?: ConversationEntity;

  @ManyToOne(() => ContactEntity, { onDelete: 'NO ACTION', nullable: true })
  @JoinColumn([
    {
      name: 'workspace_id',
      referencedColumnName: 'workspaceId',
      foreignKeyConstraintName: 'fk_messages_contact',
    },
    {
      name: 'contact_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_messages_contact',
    },
  ])
  contact?: ContactEntity;

  @Column({ type: 'varchar', length: 16 })
  direction: MessageDirection;

  @Column({ type: 'varchar', length: 4096 })
  text: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: MessageStatus;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
