import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'workspaces' })
@Index('uq_workspaces_slug', ['slug'], { unique: true })
export class WorkspaceEntity {
  @PrimaryColumn({ type: 'varchar', length: 24, primaryKeyConstraintName: 'pk_workspaces' })
  id: string;

  @Column({ type: 'varchar', length: 63 })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** ISO-3166 alpha-2, used to read phone numbers written without `+`. */
  @Column({ name: 'default_country', type: 'varchar', length: 2, nullable: true })
  defaultCountry: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
