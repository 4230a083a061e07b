import type { NestFastifyApplication } from '@nestjs/platform-fastify';
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
  'additionalPhones',
  'additionalEmails',
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

export function chars(n: number, ch = 'a'): string {
  return ch.repeat(n);
}
