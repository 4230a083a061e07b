import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DigitsToInt, MAX_LIMIT, MAX_PAGE } from '../../common/validation/pagination.dto';
import { Trim } from '../../common/validation/transforms';

/**
 * `page`/`limit` as every list reads them, except that `page` has no default here: a page by
 * number and a page after a cursor (`after`) exclude each other, so whether `page` was sent matters.
 */
export class ListContactsQueryDto {
  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: MAX_PAGE,
    default: 1,
    description: 'Page number (1-indexed); not with `after`',
  })
  @IsOptional()
  @DigitsToInt()
  @Max(MAX_PAGE)
  @Min(1)
  @IsInt({ message: 'page must be an integer' })
  page?: number;

  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: MAX_LIMIT,
    default: 25,
    description: 'Results per page',
  })
  @IsOptional()
  @DigitsToInt()
  @Max(MAX_LIMIT)
  @Min(1)
  @IsInt({ message: 'limit must be an integer' })
  limit: number = 25;

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

  @ApiPropertyOptional({
    type: String,
    maxLength: 200,
    description:
      'A `nextCursor` from an earlier answer: the contacts after it, in the same order (keyset: the same cost at any depth, ' +
      'stable while contacts are added). Not with `page`.',
  })
  @IsOptional()
  @MaxLength(200)
  @IsString({ message: 'after must be a single string' })
  after?: string;
}
