import { ApiProperty } from '@nestjs/swagger';
import type { ContactHistoryEntity } from '../entities/contact-history.entity';

/** A field's value: text, or a list of text (tags). */
const FIELD_VALUE = {
  nullable: true,
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
};

export class HistoryChangeResponse {
  @ApiProperty({ example: 'lastName' })
  field: string;
  @ApiProperty({
    ...FIELD_VALUE,
    example: 'Doe',
    description: 'The value before the change (null when unset)',
  })
  old: unknown;
  @ApiProperty({
    ...FIELD_VALUE,
    example: 'Smith',
    description: 'The value after the change (null when cleared)',
  })
  new: unknown;
}

export class HistoryActorResponse {
  @ApiProperty({ enum: ['api_key', 'system'] })
  type: 'api_key' | 'system';
  @ApiProperty({
    required: false,
    example: '6634e2b1a7c3f500231a8b77',
    description: 'The API key (for `api_key`)',
  })
  id?: string;
  @ApiProperty({
    required: false,
    example: 'saf_live_AbC123',
    description: "The key's display prefix (for `api_key`)",
  })
  prefix?: string;
  @ApiProperty({
    required: false,
    example: 'messaging',
    description: 'The module that made the change (for `system`)',
  })
  module?: string;
}

export class HistoryEntryResponse {
  @ApiProperty({ example: '6634e2b1a7c3f500231a8e01' })
  id: string;
  @ApiProperty({ enum: ['created', 'updated', 'deleted', 'restored', 'merged'] })
  type: string;
  @ApiProperty({ format: 'date-time' })
  occurredAt: string;
  @ApiProperty({ type: HistoryActorResponse })
  actor: HistoryActorResponse;
  @ApiProperty({
    type: [HistoryChangeResponse],
    description: 'Each field that changed (every field set, for `created`)',
  })
  changes: HistoryChangeResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The X-Request-Id of the request that made the change',
  })
  requestId: string | null;
}

export class ContactHistoryResponse {
  @ApiProperty({ type: [HistoryEntryResponse], description: 'Newest first' })
  items: HistoryEntryResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `after` for older entries; null on the last page',
  })
  nextCursor: string | null;
}

export class ErasedContactResponse {
  @ApiProperty({ example: '6634e2b1a7c3f500231a8b01' })
  id: string;
  @ApiProperty({ format: 'date-time' })
  erasedAt: string;
}

export function toHistoryEntryResponse(entry: ContactHistoryEntity): HistoryEntryResponse {
  return {
    id: entry.id,
    type: entry.type,
    occurredAt: entry.occurredAt.toISOString(),
    actor: entry.actor,
    changes: entry.changes,
    requestId: entry.requestId,
  };
}
