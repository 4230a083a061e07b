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

/**
 * SQLSTATEs of a database that cannot answer now: a statement cancelled by `statement_timeout`
 * (57014), a server shutting down or starting (57P01–57P03), too many connections (53300), and
 * the connection exceptions (class 08).
 */
const UNAVAILABLE_SQLSTATE = /^(57014|57P0[1-3]|53300|08...)$/;

/** Network errors of the driver's socket. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * node-postgres' own messages when it gives up: a connection or a free pool client not obtained
 * in time (`connectionTimeoutMillis`), no answer within `query_timeout`, a connection that died.
 */
const UNAVAILABLE_MESSAGE =
  /^(timeout exceeded when trying to connect|Connection terminated|Query read timeout|Client has encountered a connection error|Connection ended)/;

/**
 * Whether an error means the database cannot answer in time (down, unreachable, overloaded, a
 * statement past its timeout) rather than a fault of the request or of the code: the client
 * should retry later (503), and the service recovers by itself when the database is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  // Read by shape: a socket error may come from another realm than this module's `Error`.
  if (driverError === null || typeof driverError !== 'object') return false;
  const { code, message } = driverError as { code?: unknown; message?: unknown };
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET_CODES.has(code))
  ) {
    return true;
  }
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}
