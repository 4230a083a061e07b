import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DigitsToInt, MAX_LIMIT } from '../../common/validation/pagination.dto';

/** An endpoint's delivery log, newest first, by cursor. */
export class DeliveriesQueryDto {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_LIMIT, default: 25 })
  @IsOptional()
  @DigitsToInt()
  @Max(MAX_LIMIT)
  @Min(1)
  @IsInt({ message: 'limit must be an integer' })
  limit: number = 25;

  @ApiPropertyOptional({
    description: 'A `nextCursor` of an earlier page: the deliveries before it',
  })
  @IsOptional()
  @IsString()
  after?: string;

  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'failed'], {
    message: 'status must be pending, delivered or failed',
  })
  status?: 'pending' | 'delivered' | 'failed';
}
