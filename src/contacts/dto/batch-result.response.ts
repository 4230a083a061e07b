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
    example: [
      {
        index: 0,
        status: 201,
        contact: {
          id: '6634e2b1a7c3f500231a8b01',
          firstName: 'Jane',
          lastName: null,
          fullName: 'Jane',
          phone: '+254712345678',
          email: null,
          additionalPhones: [],
          additionalEmails: [],
          company: null,
          jobTitle: null,
          website: null,
          notes: null,
          source: 'api',
          tags: [],
          lifecycle: null,
          createdAt: '2026-05-04T09:30:00.000Z',
          updatedAt: '2026-05-04T09:30:00.000Z',
        },
      },
      {
        index: 1,
        status: 409,
        error: {
          statusCode: 409,
          error: 'Conflict',
          code: 'contact_exists',
          message: 'A contact with this email already exists',
          details: [{ field: 'email', contactId: '6634e2b1a7c3f500231a8b02' }],
          requestId: '3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b',
        },
      },
    ],
  })
  results: BatchItemResultResponse[];
}
