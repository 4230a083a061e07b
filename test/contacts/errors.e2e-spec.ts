import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { type Response } from 'supertest';
import { createContact, postContact } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { expectError } from '../utils/expect-error';
import { startContactsApp } from './support';

/** SPEC §5 on the contacts routes: one error shape everywhere, and request ids. */
describe('contacts API errors and request ids', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let existing: { id: string; phone: string | null };

  beforeAll(async () => {
    app = await startContactsApp();
  });
  // A fresh workspace for every test: none sees what another left.
  beforeEach(async () => {
    ws = await createWorkspace(app);
    existing = await createContact(app, ws.apiKey);
  });
  afterAll(() => app.close());

  const http = () => request(app.getHttpServer());

  const cases: [string, () => Promise<Response>, number, string][] = [
    [
      'a validation failure',
      () => postContact(app, ws.apiKey, { firstName: '' }),
      400,
      'validation_failed',
    ],
    [
      'an unknown field',
      () => postContact(app, ws.apiKey, { firstName: 'A', email: 'a@b.co', x: 1 }),
      400,
      'validation_failed',
    ],
    [
      'a bad query',
      () => http().get('/v1/contacts?limit=101').set('X-API-Key', ws.apiKey),
      400,
      'validation_failed',
    ],
    [
      'an empty update',
      () => http().patch(`/v1/contacts/${existing.id}`).set('X-API-Key', ws.apiKey).send({}),
      400,
      'empty_update',
    ],
    [
      'a body that is not JSON',
      () =>
        http()
          .post('/v1/contacts')
          .set('X-API-Key', ws.apiKey)
          .set('Content-Type', 'application/json')
          .send('{"firstName": "Jane",'),
      400,
      'invalid_json',
    ],
    [
      'an unknown contact',
      () => http().get('/v1/contacts/ffffffffffffffffffffffff').set('X-API-Key', ws.apiKey),
      404,
      'contact_not_found',
    ],
    [
      'a malformed contact id',
      () => http().get('/v1/contacts/nope').set('X-API-Key', ws.apiKey),
      404,
      'contact_not_found',
    ],
    [
      'a duplicate',
      () => postContact(app, ws.apiKey, { firstName: 'Dup', phone: existing.phone }),
      409,
      'contact_exists',
    ],
  ];

  it.each(cases)('renders %s in the one error shape', async (_label, send, status, code) => {
    const res = await send();
    expectError(res, status, code);
  });

  it.each([
    ['no key', undefined, 401, 'missing_api_key'],
    ['a malformed key', 'not-a-key', 401, 'invalid_api_key'],
    ['an unknown key', `saf_live_${'x'.repeat(40)}`, 401, 'invalid_api_key'],
  ])('renders a request with %s in the one error shape', async (_label, key, status, code) => {
    const req = http().get('/v1/contacts');
    const res = await (key === undefined ? req : req.set('X-API-Key', key));
    expectError(res, status, code);
  });

  it('renders a missing scope in the one error shape, naming the scope', async () => {
    const readOnly = await ws.newKey(['read:contacts']);
    const res = await postContact(app, readOnly, { firstName: 'A', email: 'scope@example.com' });
    const details = expectError(res, 403, 'insufficient_scope');
    expect(details).toEqual([{ scope: 'write:contacts' }]);
    expect(res.body.message).toContain('write:contacts');
  });

  it('puts field problems in details as {field, message}', async () => {
    const res = await postContact(app, ws.apiKey, { firstName: '', email: 'bad' });
    const details = expectError(res, 400, 'validation_failed');
    expect(details.map((d) => d.field).sort()).toEqual(['email', 'firstName']);
    for (const detail of details) expect(Object.keys(detail).sort()).toEqual(['field', 'message']);
  });

  it('sends no details on a 404', async () => {
    const res = await http()
      .get('/v1/contacts/ffffffffffffffffffffffff')
      .set('X-API-Key', ws.apiKey);
    expectError(res, 404, 'contact_not_found');
    expect(Object.keys(res.body).sort()).toEqual([
      'code',
      'error',
      'message',
      'requestId',
      'statusCode',
    ]);
  });

  it('generates a distinct request id per request when none is sent', async () => {
    const [one, two] = await Promise.all([
      http().get('/v1/contacts/nope').set('X-API-Key', ws.apiKey),
      http().get('/v1/contacts/nope').set('X-API-Key', ws.apiKey),
    ]);
    expectError(one, 404, 'contact_not_found');
    expectError(two, 404, 'contact_not_found');
    expect(one.body.requestId).not.toBe(two.body.requestId);
    expect(one.headers['x-request-id']).toBe(one.body.requestId);
    expect(two.headers['x-request-id']).toBe(two.body.requestId);
  });

  it('echoes an incoming X-Request-Id on errors, in the header and the body', async () => {
    const requestId = `client-${Date.now()}-abc`;
    const res = await postContact(app, ws.apiKey, { firstName: '' }).set('X-Request-Id', requestId);
    expectError(res, 400, 'validation_failed');
    expect(res.headers['x-request-id']).toBe(requestId);
    expect(res.body.requestId).toBe(requestId);
  });

  it('echoes an incoming X-Request-Id on success too', async () => {
    const requestId = 'f3b1c2d4-0000-4000-8000-000000000001';
    const list = await http()
      .get('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .set('X-Request-Id', requestId);
    expect(list.status).toBe(200);
    expect(list.headers['x-request-id']).toBe(requestId);

    const created = await postContact(app, ws.apiKey, {
      firstName: 'Echo',
      email: `echo.${Date.now()}@example.com`,
    }).set('X-Request-Id', 'create-1');
    expect(created.status).toBe(201);
    expect(created.headers['x-request-id']).toBe('create-1');
  });

  it('carries an X-Request-Id on a success without one', async () => {
    const res = await http().get(`/v1/contacts/${existing.id}`).set('X-API-Key', ws.apiKey);
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.headers['x-request-id'].length).toBeGreaterThan(0);
  });

  it('never leaks SQL or a stack in an error', async () => {
    const res = await postContact(app, ws.apiKey, { firstName: 'Dup', phone: existing.phone });
    expectError(res, 409, 'contact_exists');
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/uq_contacts|duplicate key|constraint|QueryFailed|\bat .+\.ts:\d+/i);
  });
});
