import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/validation/pagination.dto';
import { Trim } from '../../common/validation/transforms';

export class ListContactsQueryDto extends PaginationQueryDto {
  /** Case-insensitive text; empty means no filter. Matched as text, never as a pattern. */
  @ApiPropertyOptional({
    type: String,
    maxLength: 100,
    description:
      'Case-insensitive substring of the name or email; for a phone-like query, its digits (3 or more, leading 0 dropped) anywhere in the phone. Matched as text, never as a pattern.',
  })
  @IsOptional()
  @Trim()
  // Control characters are refused: no searched text holds one (and several values of a contact
  // are searched as one text, separated by newlines).
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: 'search must not contain control characters' })
  @MaxLength(100)
  @IsString({ message: 'search must be a single string' })
  search?: string;
}
