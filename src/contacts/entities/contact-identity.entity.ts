import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ContactEntity } from './contact.entity';

export type IdentityKind = 'phone' | 'email';

/**
 * One phone or email of a live contact, primary or additional (SPEC §10). Written only by the
 * database's triggers on `contacts` (migration ContactIdentities), never by the service: the
 * primary key makes every phone and email unique within its workspace, whichever field holds it.
 */
@Entity({ name: 'contact_identities' })
@Index('ix_contact_identities_contact', ['workspaceId', 'contactId'])
@Check('ck_contact_identities_kind', `kind IN ('phone', 'email')`)
export class ContactIdentityEntity {
  @PrimaryColumn({
    name: 'workspace_id',
    type: 'varchar',
    length: 24,
    primaryKeyConstraintName: 'pk_contact_identities',
  })
  workspaceId: string;

  @PrimaryColumn({ type: 'varchar', length: 8, primaryKeyConstraintName: 'pk_contact_identities' })
  kind: IdentityKind;

  /** E.164 (canonical) or a lower-cased email. */
  @PrimaryColumn({
    type: 'varchar',
    length: 254,
    primaryKeyConstraintName: 'pk_contact_identities',
  })
  value: string;

  @Column({ name: 'contact_id', type: 'varchar', length: 24 })
  contactId: string;

  @ManyToOne(() => ContactEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn([
    {
      name: 'workspace_id',
      referencedColumnName: 'workspaceId',
      foreignKeyConstraintName: 'fk_contact_identities_contact',
    },
    {
      name: 'contact_id',
      referencedColumnName: 'id',
      foreignKeyConstraintName: 'fk_contact_identities_contact',
    },
  ])
  contact?: ContactEntity;

  /** Where the value sits on the contact: `phone`, `email`, `additionalPhones.1`, ... */
  @Column({ type: 'varchar', length: 32 })
  field: string;
}
