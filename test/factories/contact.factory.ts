import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { ContactResponse } from '../../src/contacts/dto/contact.response';

// Only for unique phones and emails across test files (no behaviour depends on the values);
// property tests draw their data from their printed seed instead.
let sequence = Math.floor(Math.random() * 1_000_000);

/** A valid Kenyan mobile number in E.164, different on every call within a test file. */
export function uniquePhone(): string {
  sequence = (sequence + 1) % 10_000_000;
  return `+25471${String(sequence).padStart(7, '0')}`;
}

export function uniqueEmail(): string {
  sequence += 1;
  return `person${sequence}.${Date.now()}@example.com`;
}

export interface ContactInput {
  firstName?: string;
  lastName?: string | null;
  phone?: string | null;
  email?: string | null;
  [field: string]: unknown;
}

export function contactInput(overrides: ContactInput = {}): Record<string, unknown> {
  return {
    firstName: 'Jane',
    lastName: 'Doe',
    phone: uniquePhone(),
    email: uniqueEmail(),
    ...overrides,
  };
}

/** Creates a contact through the public API and returns it (fails the test on anything but 201). */
export async function createContact(
  app: INestApplication,
  apiKey: string,
  overrides: ContactInput = {},
): Promise<ContactResponse> {
  const res = await request(app.getHttpServer())
    .post('/v1/contacts')
    .set('X-API-Key', apiKey)
    .send(contactInput(overrides));
  if (res.status !== 201) {
    throw new Error(`createContact: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as ContactResponse;
}

/** The raw response of `POST /v1/contacts` (whatever its status), for tests that assert errors. */
export function postContact(app: INestApplication, apiKey: string, body: unknown): request.Test {
  return request(app.getHttpServer())
    .post('/v1/contacts')
    .set('X-API-Key', apiKey)
    .send(body as object);
}

/** The raw response of `PATCH /v1/contacts/:id`. */
export function patchContact(
  app: INestApplication,
  apiKey: string,
  id: string,
  body: unknown,
): request.Test {
  return request(app.getHttpServer())
    .patch(`/v1/contacts/${encodeURIComponent(id)}`)
    .set('X-API-Key', apiKey)
    .send(body as object);
}

/** The raw response of `GET /v1/contacts/:id`. */
export function getContact(app: INestApplication, apiKey: string, id: string): request.Test {
  return request(app.getHttpServer())
    .get(`/v1/contacts/${encodeURIComponent(id)}`)
    .set('X-API-Key', apiKey);
}

/** The raw response of `GET /v1/contacts` with these query parameters. */
export function listContacts(
  app: INestApplication,
  apiKey: string,
  query: Record<string, string | number> = {},
): request.Test {
  return request(app.getHttpServer()).get('/v1/contacts').set('X-API-Key', apiKey).query(query);
}
