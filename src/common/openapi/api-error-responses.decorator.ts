import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

/** The one error shape, as the OpenAPI document describes it. */
export class ErrorBodyDto {
  @ApiProperty({ example: 409 })
  statusCode: number;
  @ApiProperty({ example: 'Conflict' })
  error: string;
  @ApiProperty({ example: 'contact_exists', description: 'Stable, machine-readable' })
  code: string;
  @ApiProperty({ example: 'A contact with this phone already exists' })
  message: string;
  @ApiProperty({
    required: false,
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'Field problems (`field`, `message`) for 400s; conflicts (`field`, `contactId`) for 409s',
  })
  details?: Record<string, unknown>[];
  @ApiProperty({ example: '3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b' })
  requestId: string;
}

const EXAMPLES: Record<
  number,
  { description: string; code: string; message: string; details?: object[] }
> = {
  400: {
    description: 'The request is not valid',
    code: 'validation_failed',
    message: 'The request is not valid',
    details: [{ field: 'email', message: 'email must be a valid email address' }],
  },
  401: {
    description: 'Missing, malformed, unknown or revoked API key',
    code: 'invalid_api_key',
    message: 'The API key is invalid or has been revoked',
  },
  403: {
    description: 'The key lacks the required scope',
    code: 'insufficient_scope',
    message: 'This API key lacks the required scope: write:contacts',
    details: [{ scope: 'write:contacts' }],
  },
  404: {
    description: 'No such contact in this workspace',
    code: 'contact_not_found',
    message: 'Contact not found',
  },
  409: {
    description: 'The phone or email belongs to another contact',
    code: 'contact_exists',
    message: 'A contact with this phone already exists',
    details: [{ field: 'phone', contactId: '6634e2b1a7c3f500231a8b01' }],
  },
  410: {
    description:
      'The contact was merged into another: `details[0].mergedInto`, and a `Link: </v1/contacts/{id}>; rel="canonical"` header',
    code: 'contact_merged',
    message: 'This contact was merged into another one: follow the Link header',
    details: [{ mergedInto: '6634e2b1a7c3f500231a8b02' }],
  },
  412: {
    description:
      'If-Match named a version the contact is no longer at: nothing changed; `ETag` (and `details[0].etag`) give the current one',
    code: 'precondition_failed',
    message: 'The contact has changed since the version in If-Match: fetch it again',
    details: [{ etag: '"4"' }],
  },
  422: {
    description:
      'The Idempotency-Key was used for a different request (method, path or body) in the last 24 hours',
    code: 'idempotency_key_reused',
    message: 'This Idempotency-Key was used for a different request',
  },
  413: {
    description: 'Body over 1 MB',
    code: 'payload_too_large',
    message: 'Request body is too large',
  },
  415: {
    description: 'Body that is not JSON',
    code: 'unsupported_media_type',
    message: 'Content-Type must be application/json',
  },
  429: {
    description: 'Rate limit exceeded; see Retry-After',
    code: 'rate_limited',
    message:
      'Rate limit of 60 requests per minute exceeded for this API key: retry after the time in Retry-After',
  },
  500: {
    description: 'Unexpected failure: only the request id',
    code: 'internal_error',
    message: 'Internal server error',
  },
  503: {
    description:
      'The database did not answer in time, or the instance is shutting down: retry after Retry-After',
    code: 'service_unavailable',
    message: 'The database did not answer in time: retry after the time in Retry-After',
  },
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  422: 'Unprocessable Entity',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Documents the error responses a route can give, each in the one error shape with an example. */
export function ApiErrorResponses(
  ...statuses: (keyof typeof EXAMPLES)[]
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => {
      const { description, ...example } = EXAMPLES[status];
      return ApiResponse({
        status,
        description,
        type: ErrorBodyDto,
        example: {
          statusCode: status,
          error: STATUS_TEXT[status],
          ...example,
          requestId: '3f6c1d2e-9a4b-4c1e-8f7a-2b5d6e7f8a9b',
        },
      });
    }),
  );
}
