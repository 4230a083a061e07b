import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { ContactsService } from '../src/contacts/contacts.service';
import type { ContactResponse } from '../src/contacts/dto/contact.response';
import { contactInput, createContact } from './factories/contact.factory';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { createTestApp } from './utils/create-test-app';
import { expectError } from './utils/expect-error';

const ONE_MB = 1024 * 1024;

/** SPEC §5: every layer answers in the one error shape, and a 500 leaks nothing. */
describe('errors', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let contact: ContactResponse;

  beforeAll(async () => {
    app = await createTestApp();
  });
  // A fresh workspace for every test: none sees what another left.
  beforeEach(async () => {
    ws = await createWorkspace(app);
    contact = await createContact(app, ws.apiKey);
  });
  afterAll(() => app?.close());

  const http = (): ReturnType<typeof request> => request(app.getHttpServer());
  /** A request with a raw body, as a client that builds its own bytes would send it. */
  const raw = (
    method: 'post' | 'patch',
    path: string,
    body: string,
    type = 'application/json',
  ): request.Test =>
    http()[method](path).set('X-API-Key', ws.apiKey).set('Content-Type', type).send(body);

  describe('unknown routes', () => {
    it.each([
      ['GET', '/v1/nope'],
      ['GET', '/v2/contacts'],
      ['DELETE', '/v1/nope/deeper'],
    ])('%s %s is 404 not_found in the error shape, with or without a key', async (method, path) => {
      const verb = method.toLowerCase() as 'get' | 'delete';
      expectError(await http()[verb](path), 404, 'not_found');
      expectError(await http()[verb](path).set('X-API-Key', ws.apiKey), 404, 'not_found');
    });

    it.each([
      ['POST', '/', 'GET, HEAD'],
      ['DELETE', '/v1/contacts', 'GET, HEAD, POST'],
      ['PUT', '/v1/contacts/ffffffffffffffffffffffff', 'GET, HEAD, PATCH, DELETE'],
      ['DELETE', '/v1/webhooks/ffffffffffffffffffffffff/rotate-secret', 'POST'],
    ])(
      '%s %s, a path with routes for other methods, is 405 method_not_allowed with Allow: %s',
      async (method, path, allow) => {
        const verb = method.toLowerCase() as 'post' | 'delete' | 'put';
        const res = await http()[verb](path).set('X-API-Key', ws.apiKey);
        expectError(res, 405, 'method_not_allowed');
        expect(res.headers.allow).toBe(allow);
      },
    );
  });

  describe('bodies that are not a JSON object', () => {
    it.each([
      '{"firstName": ',
      '{firstName: "Jane"}',
      "{'firstName':'Jane'}",
      '{"a":1}}',
      'nul',
      '\u0000',
    ])('invalid JSON %j is 400 invalid_json', async (body) => {
      expectError(await raw('post', '/v1/contacts', body), 400, 'invalid_json');
      expectError(await raw('patch', `/v1/contacts/${contact.id}`, body), 400, 'invalid_json');
    });

    it('an empty body sent as JSON is 400 invalid_json', async () => {
      expectError(await raw('post', '/v1/contacts', ''), 400, 'invalid_json');
    });

    it.each([
      '[]',
      '[{"firstName":"Jane","email":"jane@example.com"}]',
      '"Jane"',
      'null',
      '42',
      'true',
    ])('the JSON value %s (not an object) is 400 invalid_body', async (body) => {
      expectError(await raw('post', '/v1/contacts', body), 400, 'invalid_body');
      expectError(await raw('patch', `/v1/contacts/${contact.id}`, body), 400, 'invalid_body');
    });

    it('a body over 1 MB is 413 payload_too_large', async () => {
      const body = JSON.stringify({ ...contactInput(), notes: 'x'.repeat(ONE_MB + 10) });
      expectError(await raw('post', '/v1/contacts', body), 413, 'payload_too_large');
      expectError(await raw('patch', `/v1/contacts/${contact.id}`, body), 413, 'payload_too_large');
    });

    it('a body just under 1 MB is read (and refused for what it says, not for its size)', async () => {
      const body = JSON.stringify({ ...contactInput(), notes: 'x'.repeat(ONE_MB - 1000) });
      expectError(await raw('post', '/v1/contacts', body), 400, 'validation_failed');
    });

    it.each([
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ])('Content-Type %s is 415 unsupported_media_type', async (type) => {
      const body = JSON.stringify(contactInput());
      expectError(await raw('post', '/v1/contacts', body, type), 415, 'unsupported_media_type');
      expectError(
        await raw('patch', `/v1/contacts/${contact.id}`, body, type),
        415,
        'unsupported_media_type',
      );
    });

    it.each(['constructor', 'toString', 'hasOwnProperty'])(
      'an unknown field named like an Object member (%s) is refused, not dropped',
      async (key) => {
        const body = JSON.stringify({ ...contactInput(), [key]: 'x' });
        const details = expectError(
          await raw('post', '/v1/contacts', body),
          400,
          'validation_failed',
        );
        expect(details).toEqual([{ field: key, message: `${key} is not a known field` }]);
        const query = await http().get(`/v1/contacts?${key}=x`).set('X-API-Key', ws.apiKey);
        expect(expectError(query, 400, 'validation_failed')).toEqual([
          { field: key, message: `${key} is not a known field` },
        ]);
      },
    );

    it('a __proto__ key in a body is refused as invalid JSON', async () => {
      const body = `{"__proto__":{"admin":true},${JSON.stringify(contactInput()).slice(1)}`;
      expectError(await raw('post', '/v1/contacts', body), 400, 'invalid_json');
    });

    it('application/json with a charset is accepted', async () => {
      const res = await raw(
        'post',
        '/v1/contacts',
        JSON.stringify(contactInput()),
        'application/json; charset=utf-8',
      );
      expect(res.status).toBe(201);
    });
  });

  describe('request ids', () => {
    it('echoes the X-Request-Id the client sent, in the header and in an error body', async () => {
      const res = await http()
        .get('/v1/contacts/ffffffffffffffffffffffff')
        .set('X-API-Key', ws.apiKey)
        .set('X-Request-Id', 'client-req.42:a');
      expect(res.headers['x-request-id']).toBe('client-req.42:a');
      expect((res.body as { requestId: string }).requestId).toBe('client-req.42:a');
    });

    it('echoes it on a success too', async () => {
      const res = await http()
        .get('/v1/contacts')
        .set('X-API-Key', ws.apiKey)
        .set('X-Request-Id', 'ok-123');
      expect(res.status).toBe(200);
      expect(res.headers['x-request-id']).toBe('ok-123');
    });

    it('generates one when the client sends none, distinct per request', async () => {
      const a = await http().get('/v1/contacts').set('X-API-Key', ws.apiKey);
      const b = await http().get('/v1/contacts').set('X-API-Key', ws.apiKey);
      expect(a.headers['x-request-id']).toEqual(expect.any(String));
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });

    it('replaces a request id that is not a sane token (no header injection, no log pollution)', async () => {
      for (const bad of ['has spaces', 'x'.repeat(200), '<script>', 'a,b']) {
        const res = await http().get('/v1/nope').set('X-Request-Id', bad);
        expectError(res, 404, 'not_found');
        expect(res.headers['x-request-id']).not.toBe(bad);
      }
    });
  });

  describe('unexpected failures', () => {
    afterEach(() => jest.restoreAllMocks());

    it.each([
      [
        'a plain Error',
        () => new Error('secret driver text SELECT * FROM contacts WHERE workspace_id = $1'),
      ],
      [
        'a QueryFailedError',
        () =>
          new QueryFailedError(
            'SELECT * FROM contacts WHERE id = $1',
            ['secret-param'],
            Object.assign(new Error('secret: relation "contacts" does not exist'), {
              code: '42P01',
              detail: 'secret detail',
            }),
          ),
      ],
    ])(
      '%s becomes a 500 with only the request id: no message, stack or SQL',
      async (_label, makeError) => {
        jest.spyOn(app.get(ContactsService), 'get').mockRejectedValue(makeError());
        const res = await http()
          .get(`/v1/contacts/${contact.id}`)
          .set('X-API-Key', ws.apiKey)
          .set('X-Request-Id', 'boom-1');
        expectError(res, 500, 'internal_error');
        expect(res.body).toEqual({
          statusCode: 500,
          error: 'Internal Server Error',
          code: 'internal_error',
          message: 'Internal server error',
          requestId: 'boom-1',
        });
        for (const leak of ['secret', 'SELECT', 'contacts', 'at ', '.ts', '42P01']) {
          expect(res.text).not.toContain(leak);
        }
      },
    );

    it('the service works again once the failure is gone', async () => {
      const get = jest
        .spyOn(app.get(ContactsService), 'get')
        .mockRejectedValueOnce(new Error('transient'));
      const failed = await http().get(`/v1/contacts/${contact.id}`).set('X-API-Key', ws.apiKey);
      expectError(failed, 500, 'internal_error');
      const again = await http().get(`/v1/contacts/${contact.id}`).set('X-API-Key', ws.apiKey);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(contact);
      expect(get).toHaveBeenCalledTimes(2);
    });
  });
});
