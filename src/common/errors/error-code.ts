/** Every stable, machine-readable error code the API returns (the `code` of an error body). */
export const ErrorCode = {
  BadRequest: 'bad_request',
  ValidationFailed: 'validation_failed',
  InvalidJson: 'invalid_json',
  InvalidBody: 'invalid_body',
  EmptyUpdate: 'empty_update',
  MissingApiKey: 'missing_api_key',
  InvalidApiKey: 'invalid_api_key',
  InsufficientScope: 'insufficient_scope',
  NotFound: 'not_found',
  MethodNotAllowed: 'method_not_allowed',
  ContactNotFound: 'contact_not_found',
  ContactExists: 'contact_exists',
  ContactMerged: 'contact_merged',
  ContactMatchAmbiguous: 'contact_match_ambiguous',
  ConversationNotFound: 'conversation_not_found',
  WebhookNotFound: 'webhook_not_found',
  WebhookDeliveryNotFound: 'webhook_delivery_not_found',
  WebhookDeliveryInFlight: 'webhook_delivery_in_flight',
  PreconditionFailed: 'precondition_failed',
  IdempotencyKeyInUse: 'idempotency_key_in_use',
  IdempotencyKeyReused: 'idempotency_key_reused',
  RequestTimeout: 'request_timeout',
  PayloadTooLarge: 'payload_too_large',
  UriTooLong: 'uri_too_long',
  UnsupportedMediaType: 'unsupported_media_type',
  HeadersTooLarge: 'headers_too_large',
  RateLimited: 'rate_limited',
  InternalError: 'internal_error',
  ServiceUnavailable: 'service_unavailable',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

function assertUnreachable(value: never): never {
  throw new Error(`Unhandled error code: ${String(value)}`);
}

/** The HTTP status of each code; exhaustive, so a new code cannot ship without a status. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BadRequest:
    case ErrorCode.ValidationFailed:
    case ErrorCode.InvalidJson:
    case ErrorCode.InvalidBody:
    case ErrorCode.EmptyUpdate:
      return 400;
    case ErrorCode.MissingApiKey:
    case ErrorCode.InvalidApiKey:
      return 401;
    case ErrorCode.InsufficientScope:
      return 403;
    case ErrorCode.NotFound:
    case ErrorCode.ContactNotFound:
    case ErrorCode.ConversationNotFound:
    case ErrorCode.WebhookNotFound:
    case ErrorCode.WebhookDeliveryNotFound:
      return 404;
    case ErrorCode.ContactExists:
    case ErrorCode.ContactMatchAmbiguous:
    case ErrorCode.WebhookDeliveryInFlight:
    case ErrorCode.IdempotencyKeyInUse:
      return 409;
    case ErrorCode.MethodNotAllowed:
      return 405;
    case ErrorCode.PreconditionFailed:
      return 412;
    case ErrorCode.IdempotencyKeyReused:
      return 422;
    case ErrorCode.ContactMerged:
      return 410;
    case ErrorCode.RequestTimeout:
      return 408;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.UriTooLong:
      return 414;
    case ErrorCode.UnsupportedMediaType:
      return 415;
    case ErrorCode.HeadersTooLarge:
      return 431;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.InternalError:
      return 500;
    case ErrorCode.ServiceUnavailable:
      return 503;
    default:
      return assertUnreachable(code);
  }
}
