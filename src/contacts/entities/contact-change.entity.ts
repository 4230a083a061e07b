import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContactChangeType } from '../contacts.repository';

/**
 * One change of a contact, for the change feed (SPEC §11). Written only by the database's
 * triggers on `contacts` and read only by ContactsRepository.changesAfter; declared here so that
 * the table is known like every other (its schema lives in the migration ContactChanges: TypeORM
 * has no `xid8` type, so this entity is not compared with the database).
 */
@Entity({ name: 'contact_changes', synchronize: false })
export class ContactChangeEntity {
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  /** The writing transaction's id (`xid8`): the feed's order, before `seq`. */
  @Column({ type: 'varchar' })
  xid: string;

  @Column({ name: 'workspace_id', type: 'varchar', length: 24 })
  workspaceId: string;

  @Column({ name: 'contact_id', type: 'varchar', length: 24 })
  contactId: string;

  @Column({ type: 'varchar', length: 16 })
  type: ContactChangeType;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3 })
  occurredAt: Date;
}
