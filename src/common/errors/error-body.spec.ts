import { QueryFailedError } from 'typeorm';
import { STATUS_CODES } from 'node:http';
import { HttpException, NotFoundException } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ThrottlerException } from '@nestjs/throttler';
import { errorCodes } from 'fastify';
import { DomainException } from './domain.exception';
import { renderError } from './error-body';
import { ErrorCode, httpStatusOf } from './error-code';

const REQUEST_ID = 'req-123';
const ERROR_KEYS = ['code', 'error', 'message', 'requestId', 'statusCode'];

/** Wraps a Fastify error exactly as Nest's Fastify adapter does before the filter sees it. */
function asNestSeesIt(fastifyError: Error): unknown {
  return new FastifyAdapter().mapException(fastifyError);
}

describe('renderError', () => {
  it('renders a DomainException with its code, status, message and details', () => {
    const details = [{ field: 'phone', contactId: '6634e2b1a7c3f500231a8b01' }];
    const { body, unexpected } = renderError(
      new DomainException(
        ErrorCode.ContactExists,
        'A contact with this phone already exists',
        details,
      ),
      REQUEST_ID,
    );
    expect(body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'contact_exists',
      message: 'A contact with this phone already exists',
      details,
      requestId: REQUEST_ID,
    });
    expect(unexpected).toBe(false);
  });

  it('leaves details out when a DomainException has none (or an empty list)', () => {
    for (const details of [undefined, []]) {
      const { body } = renderError(
        new DomainException(ErrorCode.MissingApiKey, 'no key', details),
        REQUEST_ID,
      );
      expect(Object.keys(body).sort()).toEqual(ERROR_KEYS);
      expect(body).toMatchObject({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'missing_api_key',
      });
    }
  });

  it('renders a ThrottlerException as 429 rate_limited', () => {
    const { body, unexpected } = renderError(new ThrottlerException(), REQUEST_ID);
    expect(body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'rate_limited',
    });
    expect(body.message).not.toContain('ThrottlerException');
    expect(unexpected).toBe(false);
  });

  it("renders Nest's NotFoundException (unknown route) as 404 not_found", () => {
    const { body, unexpected } = renderError(new NotFoundException('Cannot GET /nope'), REQUEST_ID);
    expect(body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'not_found',
      message: 'Cannot GET /nope',
      requestId: REQUEST_ID,
    });
    expect(unexpected).toBe(false);
  });

  it.each([
    [new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), 413, 'Payload Too Large', 'payload_too_large'],
    [
      new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE('text/plain'),
      415,
      'Unsupported Media Type',
      'unsupported_media_type',
    ],
    [new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(), 400, 'Bad Request', 'invalid_json'],
    [new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY(), 400, 'Bad Request', 'invalid_json'],
  ])(
    'renders the Fastify error %s wrapped by Nest as %i %s',
    (fastifyError, statusCode, error, code) => {
      const wrapped = asNestSeesIt(fastifyError);
      expect(wrapped).toBeInstanceOf(HttpException);
      const { body, unexpected } = renderError(wrapped, REQUEST_ID);
      expect(body).toMatchObject({ statusCode, error, code, requestId: REQUEST_ID });
      expect(body.message).not.toContain('FST_ERR');
      expect(unexpected).toBe(false);
    },
  );

  it("renders Fastify's JSON syntax error (a SyntaxError with status 400) as invalid_json", () => {
    const syntaxError = Object.assign(new SyntaxError('Unexpected token } in JSON at position 7'), {
      statusCode: 400,
    });
    expect(
      renderError(new HttpException('bad', 400, { cause: syntaxError }), REQUEST_ID).body,
    ).toMatchObject({
      statusCode: 400,
      code: 'invalid_json',
    });
    expect(renderError(syntaxError, REQUEST_ID).body).toMatchObject({
      statusCode: 400,
      code: 'invalid_json',
    });
  });

  it('renders an unknown Error as a bare 500 with only the request id', () => {
    const error = new Error('secret driver text: SELECT * FROM api_keys WHERE key_hash = $1');
    const { body, unexpected } = renderError(error, REQUEST_ID);
    expect(body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      code: 'internal_error',
      message: 'Internal server error',
      requestId: REQUEST_ID,
    });
    const text = JSON.stringify(body);
    expect(text).not.toContain('secret');
    expect(text).not.toContain('SELECT');
    expect(text).not.toContain('.ts:');
    expect(unexpected).toBe(true);
  });

  it.each([
    ['a thrown string', 'SELECT secret'],
    ['null', null],
    ['a plain object', { message: 'SELECT secret', code: '23505' }],
  ])('renders %s as a bare 500', (_label, thrown) => {
    const { body, unexpected } = renderError(thrown, REQUEST_ID);
    expect(body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      code: 'internal_error',
      message: 'Internal server error',
      requestId: REQUEST_ID,
    });
    expect(unexpected).toBe(true);
  });

  it('treats a 5xx HttpException as unexpected and does not pass its message on', () => {
    const { body, unexpected } = renderError(
      new HttpException('connection to 10.0.0.5 refused', 503),
      REQUEST_ID,
    );
    expect(body).toMatchObject({
      statusCode: 500,
      code: 'internal_error',
      message: 'Internal server error',
    });
    expect(unexpected).toBe(true);
  });
});

describe('renderError on a database that cannot answer', () => {
  it.each([
    [
      'a statement past statement_timeout',
      new QueryFailedError(
        'SELECT',
        [],
        Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      ),
    ],
    [
      'a server shutting down',
      new QueryFailedError(
        'SELECT',
        [],
        Object.assign(new Error('terminating connection'), { code: '57P01' }),
      ),
    ],
    [
      'a lost connection (class 08)',
      new QueryFailedError(
        'SELECT',
        [],
        Object.assign(new Error('connection failure'), { code: '08006' }),
      ),
    ],
    ['no free connection in time', new Error('timeout exceeded when trying to connect')],
    [
      'no answer within query_timeout',
      new QueryFailedError('SELECT', [], new Error('Query read timeout')),
    ],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a connection that died', new Error('Connection terminated unexpectedly')],
  ])('answers %s with 503 service_unavailable and a Retry-After, never a 500', (_label, error) => {
    const { body, unexpected, retryAfter } = renderError(error, 'req-1');
    expect(body).toMatchObject({ statusCode: 503, code: 'service_unavailable' });
    expect(body.message).not.toContain('5432');
    expect(unexpected).toBe(false);
    expect(retryAfter).toBeGreaterThan(0);
  });

  it.each([
    [
      'a unique violation',
      new QueryFailedError(
        'INSERT',
        [],
        Object.assign(new Error('duplicate key'), { code: '23505' }),
      ),
    ],
    [
      'a syntax error (a bug)',
      new QueryFailedError(
        'SELEC',
        [],
        Object.assign(new Error('syntax error'), { code: '42601' }),
      ),
    ],
    ['any other error', new Error('boom')],
  ])('leaves %s alone (still a 500: it is no outage)', (_label, error) => {
    const { body, retryAfter } = renderError(error, 'req-1');
    expect(body.statusCode).toBe(500);
    expect(retryAfter).toBeUndefined();
  });
});

describe('httpStatusOf', () => {
  // Typed as a complete record: a new code without an expected status does not compile.
  const expected: Record<ErrorCode, number> = {
    bad_request: 400,
    validation_failed: 400,
    invalid_json: 400,
    invalid_body: 400,
    empty_update: 400,
    missing_api_key: 401,
    invalid_api_key: 401,
    insufficient_scope: 403,
    not_found: 404,
    contact_not_found: 404,
    contact_exists: 409,
    contact_match_ambiguous: 409,
    method_not_allowed: 405,
    webhook_not_found: 404,
    webhook_delivery_not_found: 404,
    webhook_delivery_in_flight: 409,
    contact_merged: 410,
    conversation_not_found: 404,
    precondition_failed: 412,
    idempotency_key_in_use: 409,
    idempotency_key_reused: 422,
    request_timeout: 408,
    payload_too_large: 413,
    uri_too_long: 414,
    unsupported_media_type: 415,
    headers_too_large: 431,
    rate_limited: 429,
    internal_error: 500,
    service_unavailable: 503,
  };

  it.each(Object.values(ErrorCode))('maps %s to its status', (code) => {
    expect(httpStatusOf(code)).toBe(expected[code]);
    expect(STATUS_CODES[httpStatusOf(code)]).toBeDefined();
  });

  it('has an expectation for every code and no stale ones', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('codes are stable snake_case and distinct', () => {
    const codes = Object.values(ErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('throws on a value that is not a code', () => {
    expect(() => httpStatusOf('nope' as ErrorCode)).toThrow('Unhandled error code');
  });
});
