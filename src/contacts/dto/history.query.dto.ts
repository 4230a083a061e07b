import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `limit` and `after` of a cursor-paginated list. */
export class HistoryQueryDto {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value,
  )
  @Max(100)
  @Min(1)
  @IsInt({ message: 'limit must be an integer' })
  limit: number = 25;

  @ApiPropertyOptional({ type: String, description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @MaxLength(200)
  @IsString({ message: 'after must be a single string' })
  after?: string;
}
