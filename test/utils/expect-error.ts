import { STATUS_CODES } from 'node:http';

/** What the assertions need of a response (supertest's, or one built from `fetch`). */
export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** One entry of an error's `details` (validation: field and message; conflicts: contactId...). */
export interface ErrorDetail {
  field?: string;
  message?: string;
  contactId?: string | null;
  [key: string]: unknown;
}

const ERROR_KEYS = ['code', 'error', 'message', 'requestId', 'statusCode'];

/**
 * True when a response is SPEC §5's one error shape: exactly `{statusCode, error, code, message,
 * details?, requestId}`, the body status equal to the HTTP one, `X-Request-Id` equal to
 * `requestId`, JSON content type. Returns the problems found (empty when it conforms), for use
 * where throwing is not wanted (property tests report them as the counterexample).
 */
export function errorShapeProblems(res: HttpResult): string[] {
  const problems: string[] = [];
  const body = res.body as Record<string, unknown> | null;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return ['body is not a JSON object'];
  }
  const keys = Object.keys(body).sort();
  const extra = keys.filter((k) => k !== 'details' && !ERROR_KEYS.includes(k));
  const missing = ERROR_KEYS.filter((k) => !keys.includes(k));
  if (extra.length > 0) problems.push(`unexpected keys: ${extra.join(', ')}`);
  if (missing.length > 0) problems.push(`missing keys: ${missing.join(', ')}`);
  if (body.statusCode !== res.status) {
    problems.push(`statusCode ${String(body.statusCode)} != HTTP ${res.status}`);
  }
  if (body.error !== STATUS_CODES[res.status]) problems.push(`error ${JSON.stringify(body.error)}`);
  if (typeof body.code !== 'string' || !/^[a-z]+(_[a-z]+)*$/.test(body.code)) {
    problems.push(`code ${JSON.stringify(body.code)}`);
  }
  if (typeof body.message !== 'string' || body.message.length === 0) {
    problems.push('message is not a non-empty string');
  }
  if (typeof body.requestId !== 'string' || body.requestId.length === 0) {
    problems.push('requestId is missing');
  }
  if (res.headers['x-request-id'] !== body.requestId) {
    problems.push('X-Request-Id header != body requestId');
  }
  if (!/^application\/json/.test(String(res.headers['content-type']))) {
    problems.push('content type is not JSON');
  }
  if ('details' in body && (!Array.isArray(body.details) || body.details.length === 0)) {
    problems.push('details is present but not a non-empty array');
  }
  return problems;
}

/**
 * Asserts the one error shape with this status and this code (both named by the test, never read
 * from the response); returns the details (empty when absent).
 */
export function expectError(res: HttpResult, status: number, code: string): ErrorDetail[] {
  const body = res.body as Record<string, unknown> | null;
  expect({ status: res.status, code: body?.code }).toEqual({ status, code });
  expect(errorShapeProblems(res)).toEqual([]);
  return (body?.details as ErrorDetail[] | undefined) ?? [];
}

/** A 400 `validation_failed`; returns its details, which must exist and name a field each. */
export function expectValidationError(res: HttpResult): ErrorDetail[] {
  const details = expectError(res, 400, 'validation_failed');
  expect(details.length).toBeGreaterThan(0);
  for (const detail of details) {
    expect(typeof detail.field).toBe('string');
    expect(typeof detail.message).toBe('string');
  }
  return details;
}

/** The distinct fields named by a 400's details, sorted. */
export function fieldsOf(details: ErrorDetail[]): string[] {
  return [...new Set(details.map((d) => String(d.field)))].sort();
}

/** The body of an error without its per-request id, to compare two errors. */
export function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...body };
  delete rest.requestId;
  return rest;
}
