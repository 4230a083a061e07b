import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorBodyDto } from '../../common/openapi/api-error-responses.decorator';
import { ContactResponse } from './contact.response';

/** What one item of a batch came to. */
export class BatchItemResultResponse {
  @ApiProperty({ example: 0, description: "The item's place in `items`" })
  index: number;

  @ApiProperty({
    example: 201,
    description: '201 created, 200 found and updated (mode `upsert`), or the status of `error`',
  })
  status: number;

  @ApiPropertyOptional({ type: ContactResponse, description: 'The contact as written (201, 200)' })
  contact?: ContactResponse;

  @ApiPropertyOptional({
    type: ErrorBodyDto,
    description:
      'Why the item was not written, in the usual error shape: 400 `validation_failed`, 409 `contact_exists` (also for a phone or email ' +
      'of an earlier item: `details[].index` names it), 409 `contact_match_ambiguous`, 429 `rate_limited` (over the create limit: retry the item)',
  })
  error?: ErrorBodyDto;
}

export class BatchResponse {
  @ApiProperty({
    type: [BatchItemResultResponse],
    description: 'One result per item, in the order of `items`',
  })
  results: BatchItemResultResponse[];
}
