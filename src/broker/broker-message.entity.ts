import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An event published to the NATS stream, and its place there (for an erasure to delete it). */
@Entity({ name: 'broker_messages' })
@Index('ix_broker_messages_contact', ['workspaceId', 'contactId'])
@Index('ix_broker_messages_published', ['publishedAt'])
export class BrokerMessageEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'pk_broker_messages' })
  eventId: string;

  @Column({ name: 'workspace_id', type: 'varchar', length: 24 })
  workspaceId: string;

  @Column({ name: 'contact_id', type: 'varchar', length: 24 })
  contactId: string;

  @Column({ type: 'varchar', length: 64 })
  stream: string;

  @Column({ name: 'stream_seq', type: 'bigint' })
  streamSeq: string;

  @Column({ name: 'published_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  publishedAt: Date;
}
