import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Actor } from '../../common/context/write-context';
import { ContactEntity } from './contact.entity';

/** One field of a change, with its value before and after. */
export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

export type HistoryType = 'created' | 'updated' | 'deleted' | 'restored' | 'merged';

/**
 * One change of a contact, written in the transaction of the change (SPEC §9). Kept
 * HISTORY_RETENTION_DAYS whatever the outbox keeps, available for a deleted contact, gone with an
 * erased one. The id is time-ordered: newest first is `id DESC`.
 */
@Entity({ name: 'contact_history' })
@Index('ix_contact_history_contact', { synchronize: false })
@Index('ix_contact_history_occurred_at', ['occurredAt'])
export class ContactHistoryEntity {
  @PrimaryColumn({ type: 'varchar', length: 24, primaryKeyConstraintName: 'pk_contact_history' })
  id: string;

  @Column({ name: 'workspace_id', type: 'varchar', length: 24 })
  workspaceId: string;

  @Column({ name: 'contact_id', type: 'varchar', length: 24 })
  contactId: string;

  @ManyToOne(() => ContactEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn([
    {
      name: 'workspace_id',
      referencedColumnName: 'workspaceId',
      foreignKeyConstraintName: 'fk_contact_history_contact',
    },
    {
      name: 'contact_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_contact_history_contact',
    },
  ])
  contact?: ContactEntity;

  @Column({ type: 'varchar', length: 32 })
  type: HistoryType;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Column({ type: 'jsonb' })
  actor: Actor;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  changes: FieldChange[];

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;
}
