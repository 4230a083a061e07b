import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
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
  @MaxLength(100)
  @IsString({ message: 'search must be a single string' })
  search?: string;
}
