import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainException, type ErrorDetail } from './domain.exception';
import { ErrorCode, httpStatusOf } from './error-code';
import { isDatabaseUnavailable } from './pg-errors';

/** The one error shape of the API (SPEC §5). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details?: ErrorDetail[];
  requestId: string;
}

export interface RenderedError {
  body: ErrorBody;
  /** True when the error was not raised on purpose: log it with its stack. */
  unexpected: boolean;
  /** Seconds a client should wait before trying again (sent as `Retry-After`), when known. */
  retryAfter?: number;
  /** Other response headers the error carries. */
  headers?: Readonly<Record<string, string>>;
}

/** How long a client is asked to wait when the database cannot answer. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
}

const FASTIFY_ERRORS: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [ErrorCode.PayloadTooLarge, 'Request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    ErrorCode.UnsupportedMediaType,
    'Content-Type must be application/json',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    ErrorCode.InvalidJson,
    'Request body is empty but Content-Type is application/json',
  ],
  FST_ERR_CTP_INVALID_JSON_BODY: [ErrorCode.InvalidJson, 'Request body is not valid JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    ErrorCode.InvalidJson,
    'Request body does not match its Content-Length',
  ],
  // Raised by the router, before any hook or Nest code (see `frameworkErrors` in app.factory.ts).
  FST_ERR_BAD_URL: [ErrorCode.BadRequest, 'The URL is not valid (bad percent-encoding)'],
  FST_ERR_MAX_PARAM_LENGTH: [ErrorCode.UriTooLong, 'A path parameter of the URL is too long'],
};

/** Errors Fastify raises itself while reading a request, before any Nest code runs. */
function fromFastifyError(error: unknown): [ErrorCode, string] | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const { code, statusCode } = error as FastifyLikeError;
  const known = code === undefined ? undefined : FASTIFY_ERRORS[code];
  if (known) return known;
  // Fastify's JSON parser reports a syntax error as a plain SyntaxError with status 400.
  if (error instanceof SyntaxError && statusCode === 400) {
    return [ErrorCode.InvalidJson, 'Request body is not valid JSON'];
  }
  return undefined;
}

function fromHttpException(error: HttpException): [ErrorCode, string] {
  const status = error.getStatus();
  switch (status) {
    case 404:
      return [ErrorCode.NotFound, error.message || 'Not found'];
    case 413:
      return [ErrorCode.PayloadTooLarge, 'Request body is too large'];
    case 415:
      return [ErrorCode.UnsupportedMediaType, 'Content-Type must be application/json'];
    case 429:
      return [ErrorCode.RateLimited, 'Too many requests: retry after the time in Retry-After'];
    default:
      if (status >= 400 && status < 500) return [ErrorCode.BadRequest, error.message];
      return [ErrorCode.InternalError, 'Internal server error'];
  }
}

/** Renders any thrown value as the one error shape; unknown errors become a bare 500. */
export function renderError(error: unknown, requestId: string): RenderedError {
  let code: ErrorCode = ErrorCode.InternalError;
  let message = 'Internal server error';
  let details: ErrorDetail[] | undefined;
  let unexpected = false;
  let retryAfter: number | undefined;
  let headers: Readonly<Record<string, string>> | undefined;

  if (error instanceof DomainException) {
    code = (error as DomainException).code;
    message = error.message;
    details = error.details;
    headers = error.headers;
  } else if (error instanceof ThrottlerException) {
    code = ErrorCode.RateLimited;
    message = 'Too many requests: retry after the time in Retry-After';
  } else if (error instanceof HttpException) {
    // Fastify's own errors (body parsing) reach here wrapped, with the original as the cause.
    [code, message] = fromFastifyError(error.cause) ?? fromHttpException(error);
    unexpected = code === ErrorCode.InternalError;
  } else if (isDatabaseUnavailable(error)) {
    code = ErrorCode.ServiceUnavailable;
    message = 'The database did not answer in time: retry after the time in Retry-After';
    retryAfter = DATABASE_RETRY_AFTER_SECONDS;
  } else {
    const known = fromFastifyError(error);
    if (known) [code, message] = known;
    else unexpected = true;
  }

  const statusCode = httpStatusOf(code);
  const body: ErrorBody = {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    code,
    message,
    ...(details && details.length > 0 ? { details } : {}),
    requestId,
  };
  return {
    body,
    unexpected,
    ...(retryAfter !== undefined && { retryAfter }),
    ...(headers && { headers }),
  };
}
