import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional } from 'class-validator';
import { DistinctItems } from '../../common/validation/distinct-items.decorator';
import { CreateContactDto } from './create-contact.dto';

/** The identities an upsert can find its contact by. */
export const MATCH_FIELDS = ['phone', 'email'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/** A create body, and the identities that find the contact it updates when there is one. */
export class UpsertContactDto extends CreateContactDto {
  @ApiPropertyOptional({
    type: [String],
    enum: MATCH_FIELDS,
    default: MATCH_FIELDS,
    description:
      'Which of the identities sent find the contact to update: the contact holding the phone (as its phone or an additional one) ' +
      'or the email. None found: a new contact (201). One: the fields sent are applied to it (200). Two different ones: 409 ' +
      '`contact_match_ambiguous` naming both.',
  })
  @IsOptional()
  @IsIn(MATCH_FIELDS, { each: true, message: 'each of matchOn must be phone or email' })
  @DistinctItems()
  @ArrayMaxSize(MATCH_FIELDS.length)
  @ArrayMinSize(1)
  @IsArray()
  matchOn: MatchField[] = [...MATCH_FIELDS];
}
