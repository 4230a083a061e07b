import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Reads a query value of decimal digits as a number; anything else stays and fails `IsInt`. */
const DigitsToInt = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value,
  );

export const MAX_PAGE = 10_000_000;
export const MAX_LIMIT = 100;

/** `page` and `limit` as every list route of the API reads them. */
export class PaginationQueryDto {
  @IsOptional()
  @DigitsToInt()
  @IsInt({ message: 'page must be an integer' })
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @IsOptional()
  @DigitsToInt()
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(MAX_LIMIT)
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
