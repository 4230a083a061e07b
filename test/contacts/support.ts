import { STATUS_CODES } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Response } from 'supertest';
import { createTestApp } from '../utils/create-test-app';

/**
 * These suites send far more requests per key than the documented per-minute limits (SPEC §3,
 * covered by the rate-limit suite): every limit is raised so that only the behaviour under test
 * can fail them.
 */
export const GENEROUS_RATE_LIMITS: Record<string, string> = {
  RATE_LIMIT_CONTACTS_LIST: '10000',
  RATE_LIMIT_CONTACTS_CREATE: '10000',
  RATE_LIMIT_CONTACTS_UPDATE: '10000',
  RATE_LIMIT_CONTACTS_GET: '10000',
  RATE_LIMIT_DEFAULT: '10000',
  RATE_LIMIT_AUTH_FAILURES: '10000',
};

/**
 * The real application, listening on an ephemeral port so that supertest can send many requests
 * at once (an unbound server would be bound once per request).
 */
export async function startContactsApp(): Promise<NestFastifyApplication> {
  const app = await createTestApp(GENEROUS_RATE_LIMITS);
  await app.listen(0, '127.0.0.1');
  return app;
}

export const CONTACT_FIELDS = [
  'id',
  'firstName',
  'lastName',
  'fullName',
  'phone',
  'email',
  'company',
  'jobTitle',
  'website',
  'notes',
  'source',
  'tags',
  'lifecycle',
  'createdAt',
  'updatedAt',
].sort();

export const ID_FORMAT = /^[0-9a-f]{24}$/;
export const ISO_WITH_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export interface ErrorDetail {
  field?: string;
  message?: string;
  contactId?: string | null;
  [key: string]: unknown;
}

const ERROR_KEYS = ['code', 'error', 'message', 'requestId', 'statusCode'];

/**
 * Asserts SPEC §5's one error shape: exactly `{statusCode, error, code, message, details?,
 * requestId}`, the status in the body equal to the HTTP one, and `X-Request-Id` equal to
 * `requestId`. Returns the details (empty when absent).
 */
export function expectError(res: Response, status: number, code: string): ErrorDetail[] {
  const body = res.body as Record<string, unknown>;
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  const keys = Object.keys(body).sort();
  expect(keys.filter((k) => k !== 'details')).toEqual(ERROR_KEYS);
  expect(body.statusCode).toBe(status);
  expect(body.error).toBe(STATUS_CODES[status]);
  expect(typeof body.message).toBe('string');
  expect((body.message as string).length).toBeGreaterThan(0);
  expect(typeof body.requestId).toBe('string');
  expect((body.requestId as string).length).toBeGreaterThan(0);
  expect(res.headers['x-request-id']).toBe(body.requestId);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  if (keys.includes('details')) {
    expect(Array.isArray(body.details)).toBe(true);
    expect((body.details as unknown[]).length).toBeGreaterThan(0);
    return body.details as ErrorDetail[];
  }
  return [];
}

/** A 400 `validation_failed`; returns its details, which must exist. */
export function expectValidationError(res: Response): ErrorDetail[] {
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

export function chars(n: number, ch = 'a'): string {
  return ch.repeat(n);
}
