import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/validation/pagination.dto';
import { Trim } from '../../common/validation/transforms';

export class ListContactsQueryDto extends PaginationQueryDto {
  /** Case-insensitive text; empty means no filter. Matched as text, never as a pattern. */
  @IsOptional()
  @Trim()
  @IsString({ message: 'search must be a single string' })
  @MaxLength(100)
  search?: string;
}
