import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ContactResponse } from './contact.response';

@ApiExtraModels(ContactResponse)
export class ContactChangeResponse {
  @ApiProperty({
    example: 'ZjoxMjM0NS42Nzg',
    description:
      'Where this change sits in the feed (opaque); pass it as `after` to resume after it',
  })
  position: string;
  @ApiProperty({ enum: ['created', 'updated', 'deleted', 'restored', 'merged', 'erased'] })
  type: string;
  @ApiProperty({ example: '6634e2b1a7c3f500231a8b01' })
  contactId: string;
  @ApiProperty({ format: 'date-time' })
  occurredAt: string;
  @ApiProperty({
    // A nullable reference (OpenAPI 3.0): `nullable` beside a bare $ref would be ignored.
    allOf: [{ $ref: getSchemaPath(ContactResponse) }],
    nullable: true,
    description:
      'The contact as it is now; null when it is no longer live (deleted, merged or erased: a change in the feed says so)',
  })
  contact: ContactResponse | null;
}

export class ContactChangesResponse {
  @ApiProperty({ type: [ContactChangeResponse], description: "In the feed's one total order" })
  items: ContactChangeResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Pass as `after` for the changes after these (also when `items` is empty: poll again with it); null only when the feed is empty so far',
  })
  nextCursor: string | null;
}
