import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Reads a query value of decimal digits as a number; anything else stays and fails `IsInt`. */
export const DigitsToInt = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value,
  );

export const MAX_PAGE = 10_000_000;
export const MAX_LIMIT = 100;

/** `page` and `limit` as every list route of the API reads them. */
export class PaginationQueryDto {
  // class-validator runs a property's checks bottom-up and reports the first failure: the type
  // check goes last so that `page=abc` reads "must be an integer", not "must not be greater than".
  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: MAX_PAGE,
    default: 1,
    description: 'Page number (1-indexed)',
  })
  @IsOptional()
  @DigitsToInt()
  @Max(MAX_PAGE)
  @Min(1)
  @IsInt({ message: 'page must be an integer' })
  page: number = 1;

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
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
  totalPages: number;
}

export function toPage<T>(items: T[], total: number, { page, limit }: PaginationQueryDto): Page<T> {
  return { items, total, page, limit, totalPages: Math.ceil(total / limit) };
}
