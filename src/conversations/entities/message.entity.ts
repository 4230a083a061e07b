import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type MessageDirection = 'outbound' | 'inbound';
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'failed';

@Entity({ name: 'messages' })
@Index('ix_messages_conversation_created', ['conversationId', 'createdAt', 'id'])
@Index('ix_messages_unlinked', ['conversationId'], { where: 'contact_id IS NULL' })
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

  @Column({ type: 'varchar', length: 16 })
  direction: MessageDirection;

  @Column({ type: 'varchar', length: 4096 })
  text: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: MessageStatus;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
