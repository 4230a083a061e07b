import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WorkspaceEntity } from '../../workspaces/entities/workspace.entity';

/**
 * A contact row. Never returned from a controller: `toContactResponse()` maps it.
 * Indexes TypeORM cannot express (descending, expression and trigram ones) are declared with
 * `synchronize: false` so that the schema-drift check knows about them; their definition lives in
 * the migration.
 */
@Entity({ name: 'contacts' })
// Phones and emails, primary and additional, are unique among live contacts through
// contact_identities (kept by triggers; see ContactIdentityEntity).
@Index('uq_contacts_workspace_id', ['workspaceId', 'id'], { unique: true })
@Index('ix_contacts_workspace_created', { synchronize: false })
// Search: GIN (workspace_id, <branch> gin_trgm_ops), see the migration WorkspaceScopedSearch;
// phones by their digit suffixes, see the migration PhoneDigitSuffixes.
@Index('ix_contacts_ws_name_trgm', { synchronize: false })
@Index('ix_contacts_ws_email_trgm', { synchronize: false })
@Index('ix_contacts_ws_phone_suffixes', { synchronize: false })
@Index('ix_contacts_deleted', { synchronize: false })
@Index('ix_contacts_merged_into', ['workspaceId', 'mergedInto'], {
  where: 'merged_into IS NOT NULL',
})
@Check('ck_contacts_phone_e164', `phone ~ '^\\+[1-9][0-9]{6,14}$'`)
@Check('ck_contacts_email_lower', 'email = lower(email)')
@Check(
  'ck_contacts_phone_or_email',
  'phone IS NOT NULL OR email IS NOT NULL OR erased_at IS NOT NULL',
)
@Check('ck_contacts_erased_deleted', 'erased_at IS NULL OR deleted_at IS NOT NULL')
@Check('ck_contacts_tags_count', 'cardinality(tags) <= 50')
@Check(
  'ck_contacts_additional_count',
  'cardinality(additional_phones) <= 10 AND cardinality(additional_emails) <= 10',
)
@Check('ck_contacts_merged_deleted', 'merged_into IS NULL OR deleted_at IS NOT NULL')
export class ContactEntity {
  @PrimaryColumn({ type: 'varchar', length: 24, primaryKeyConstraintName: 'pk_contacts' })
  id: string;

  @Column({ name: 'workspace_id', type: 'varchar', length: 24 })
  workspaceId: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'fk_contacts_workspace' })
  workspace?: WorkspaceEntity;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100, nullable: true })
  lastName: string | null;

  /** E.164, normalised by the service; the check constraint refuses anything else. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  phone: string | null;

  /** Trimmed and lower-cased by the service; the check constraint refuses anything else. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  company: string | null;

  @Column({ name: 'job_title', type: 'varchar', length: 100, nullable: true })
  jobTitle: string | null;

  @Column({ type: 'varchar', length: 2048, nullable: true })
  website: string | null;

  @Column({ type: 'varchar', length: 10000, nullable: true })
  notes: string | null;

  @Column({ type: 'varchar', length: 32, default: 'api' })
  source: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** More phone numbers of the same person (E.164, canonical), at most 10. */
  @Column({
    name: 'additional_phones',
    type: 'varchar',
    length: 16,
    array: true,
    default: () => "'{}'",
  })
  additionalPhones: string[];

  /** More email addresses of the same person (lower-cased), at most 10. */
  @Column({
    name: 'additional_emails',
    type: 'varchar',
    length: 254,
    array: true,
    default: () => "'{}'",
  })
  additionalEmails: string[];

  @Column({ type: 'varchar', length: 50, nullable: true })
  lifecycle: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;

  /** 1 on creation, +1 on every change; the sequence of the contact's events. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** Set by a delete (the contact leaves lists, searches and reads); cleared by a restore. */
  @Column({ name: 'deleted_at', type: 'timestamptz', precision: 3, nullable: true })
  deletedAt: Date | null;

  /** Set by a merge: the contact it was merged into (it is deleted, and answers 410). */
  @Column({ name: 'merged_into', type: 'varchar', length: 24, nullable: true })
  mergedInto: string | null;

  /** Set by an erasure: the row is a tombstone, every personal value gone for good. */
  @Column({ name: 'erased_at', type: 'timestamptz', precision: 3, nullable: true })
  erasedAt: Date | null;

  /** The request that erased the contact (kept with the tombstone, for the record). */
  @Column({ name: 'erase_request_id', type: 'varchar', length: 128, nullable: true })
  eraseRequestId: string | null;
}
