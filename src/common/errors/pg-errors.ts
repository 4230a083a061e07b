import { QueryFailedError } from 'typeorm';

export const PG_UNIQUE_VIOLATION = '23505';

interface PgDriverError {
  code?: string;
  constraint?: string;
}

/** The name of the unique constraint a query violated, or undefined for any other error. */
export function uniqueViolationConstraint(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as PgDriverError | undefined;
  return driverError?.code === PG_UNIQUE_VIOLATION ? driverError.constraint : undefined;
}
