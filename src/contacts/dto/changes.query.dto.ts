import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DigitsToInt } from '../../common/validation/pagination.dto';

export const MAX_CHANGES_LIMIT = 1000;

/** `after` and `limit` of the change feed. */
export class ChangesQueryDto {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_CHANGES_LIMIT, default: 100 })
  @IsOptional()
  @DigitsToInt()
  @Max(MAX_CHANGES_LIMIT)
  @Min(1)
  @IsInt({ message: 'limit must be an integer' })
  limit: number = 100;

  @ApiPropertyOptional({
    type: String,
    description:
      'The `nextCursor` (or any `position`) of an earlier answer; absent: from the start',
  })
  @IsOptional()
  @MaxLength(200)
  @IsString({ message: 'after must be a single string' })
  after?: string;
}
