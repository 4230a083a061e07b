import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject } from 'class-validator';

/** How many contacts one batch request holds at most. */
export const MAX_BATCH_ITEMS = 100;

export const BATCH_MODES = ['create', 'upsert'] as const;
export type BatchMode = (typeof BATCH_MODES)[number];

/**
 * A batch of contact writes. The items are read one by one by the service (each has its own
 * outcome, a 400 included), so here they are only bounded: objects, 1 to 100 of them.
 */
export class BatchContactsDto {
  @ApiProperty({
    enum: BATCH_MODES,
    description:
      '`create`: each item is a create body. `upsert`: each item is an upsert body (with its own `matchOn`).',
  })
  @IsIn(BATCH_MODES, { message: 'mode must be create or upsert' })
  mode: BatchMode;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [
      { firstName: 'Jane', phone: '+254712345678' },
      { firstName: 'Omar', email: 'omar@example.com' },
    ],
    minItems: 1,
    maxItems: MAX_BATCH_ITEMS,
    description:
      'Contact bodies, as for `POST /v1/contacts` (mode `create`) or `POST /v1/contacts/upsert` (mode `upsert`)',
  })
  @IsObject({ each: true, message: 'each of items must be a JSON object' })
  @ArrayMaxSize(MAX_BATCH_ITEMS)
  @ArrayMinSize(1)
  @IsArray()
  items: Record<string, unknown>[];
}
