import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import OpenAPIResponseValidator from 'openapi-response-validator';
import request from 'supertest';
import { composeExample } from '../src/common/openapi/compose-example';
import { CONTACT_FIELDS } from './contacts/support';
import { createContact, uniquePhone } from './factories/contact.factory';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { renderApiReference } from './utils/api-reference';
import { createTestApp } from './utils/create-test-app';

type Method = 'get' | 'post' | 'patch' | 'delete';
type MediaType = {
  schema?: object;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
};

/** Every object schema closed (`additionalProperties: false`), so an undocumented field fails. */
function closed<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(closed) as T;
  if (schema && typeof schema === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema)) out[k] = closed(v);
    if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
    return out as T;
  }
  return schema;
}

/**
 * An OpenAPI 3.0 schema as the JSON Schema Ajv reads: `nullable` as a `null` alternative, every
 * object closed like the answers' (an example cannot show an undocumented field), and references
 * into the document named `openapi.json`.
 */
function jsonSchemaOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) {
    if (k === 'example') continue;
    out[k] = k === '$ref' ? `openapi.json${v as string}` : jsonSchemaOf(v);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

/** Each operation's JSON request body and successful answers, with where they are. */
function exampleHosts(doc: OpenAPIObject) {
  const hosts: { method: Method; path: string; where: string; media: MediaType }[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const where = `${operation.operationId} (${method} ${path})`;
      const body = operation.requestBody as { content: Record<string, MediaType> } | undefined;
      if (body) {
        hosts.push({
          method,
          path,
          where: `${where} body`,
          media: body.content['application/json'],
        });
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        const content = (response as { content?: Record<string, MediaType> }).content;
        if (!status.startsWith('2') || !content) continue;
        hosts.push({
          method,
          path,
          where: `${where} ${status}`,
          media: content['application/json'],
        });
      }
    }
  }
  return hosts;
}

const examplesOf = (media: MediaType): unknown[] =>
  media.example !== undefined
    ? [media.example]
    : Object.values(media.examples ?? {}).map((e) => e.value);

/**
 * Checks a real response against the document: its status must be documented for the route,
 * and its body must match that response's schema exactly (no missing, extra or mistyped field).
 */
function expectDocumented(
  doc: OpenAPIObject,
  method: Method,
  path: string,
  res: request.Response,
): void {
  const operation = doc.paths[path]?.[method];
  if (!operation) throw new Error(`${method.toUpperCase()} ${path} is not in the OpenAPI document`);
  const documented = operation.responses[String(res.status)];
  if (!documented) {
    throw new Error(
      `${method.toUpperCase()} ${path} answered ${res.status}, which is not documented`,
    );
  }
  const validator = new OpenAPIResponseValidator({
    responses: { [res.status]: closed(documented) } as never,
    components: closed(doc.components) as never,
  });
  // A 204 has no body (supertest shows an empty object).
  const errors = validator.validateResponse(res.status, res.status === 204 ? undefined : res.body);
  expect({ route: `${method} ${path} ${res.status}`, errors }).toEqual({
    route: `${method} ${path} ${res.status}`,
    errors: undefined,
  });
}

describe('OpenAPI document', () => {
  let app: NestFastifyApplication;
  let doc: OpenAPIObject;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await createTestApp({
      RATE_LIMIT_CONTACTS_GET: '3',
      PUBLIC_URL: 'https://contacts.example.com/',
    });
    doc = (await request(app.getHttpServer()).get('/openapi.json').expect(200))
      .body as OpenAPIObject;
  });
  // A fresh workspace for every test: none sees what another left.
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  it('is public at /openapi.json and browsable at /docs', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    const docs = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('documents every route with its scope, the X-API-Key scheme and the contact schema in full', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/health/live',
      '/health/ready',
      '/v1/contacts',
      '/v1/contacts/batch',
      '/v1/contacts/changes',
      '/v1/contacts/upsert',
      '/v1/contacts/{id}',
      '/v1/contacts/{id}/erase',
      '/v1/contacts/{id}/history',
      '/v1/contacts/{id}/merge',
      '/v1/contacts/{id}/restore',
      '/v1/conversations',
      '/v1/conversations/{id}',
      '/v1/conversations/{id}/messages',
      '/v1/messages',
      '/v1/webhooks',
      '/v1/webhooks/{id}',
      '/v1/webhooks/{id}/deliveries',
      '/v1/webhooks/{id}/deliveries/{deliveryId}/retry',
      '/v1/webhooks/{id}/rotate-secret',
    ]);
    expect(doc.components?.securitySchemes?.ApiKey).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'X-API-Key',
    });
    const scopes = {
      'get /v1/contacts': ['read:contacts'],
      'post /v1/contacts': ['write:contacts'],
      'get /v1/contacts/{id}': ['read:contacts'],
      'patch /v1/contacts/{id}': ['write:contacts'],
      'delete /v1/contacts/{id}': ['write:contacts'],
      'post /v1/contacts/{id}/restore': ['write:contacts'],
      'post /v1/contacts/{id}/erase': ['erase:contacts'],
      'get /v1/contacts/{id}/history': ['read:contacts'],
      'get /v1/contacts/changes': ['read:contacts'],
      'post /v1/contacts/{id}/merge': ['write:contacts'],
      'post /v1/contacts/upsert': ['write:contacts'],
      'post /v1/contacts/batch': ['write:contacts'],
      'get /v1/webhooks': ['manage:webhooks'],
      'post /v1/webhooks': ['manage:webhooks'],
      'get /v1/webhooks/{id}': ['manage:webhooks'],
      'patch /v1/webhooks/{id}': ['manage:webhooks'],
      'delete /v1/webhooks/{id}': ['manage:webhooks'],
      'post /v1/webhooks/{id}/rotate-secret': ['manage:webhooks'],
      'get /v1/webhooks/{id}/deliveries': ['manage:webhooks'],
      'post /v1/webhooks/{id}/deliveries/{deliveryId}/retry': ['manage:webhooks'],
      'get /v1/conversations': ['read:conversations'],
      'get /v1/conversations/{id}': ['read:conversations'],
      'get /v1/conversations/{id}/messages': ['read:conversations'],
      'post /v1/messages': ['write:messages'],
    };
    for (const [route, expected] of Object.entries(scopes)) {
      const [method, path] = route.split(' ') as [Method, string];
      const operation = doc.paths[path][method] as unknown as Record<string, unknown>;
      expect({
        route,
        scopes: operation['x-required-scopes'],
        security: operation.security,
      }).toEqual({
        route,
        scopes: expected,
        security: [{ ApiKey: [] }],
      });
      for (const status of ['401', '403', '429']) {
        expect(Object.keys(operation.responses as object)).toContain(status);
      }
    }
    const contact = doc.components?.schemas?.ContactResponse as {
      properties: Record<string, { nullable?: boolean }>;
      required: string[];
    };
    expect(Object.keys(contact.properties).sort()).toEqual(CONTACT_FIELDS);
    expect([...contact.required].sort()).toEqual(CONTACT_FIELDS);
    const nullable = Object.entries(contact.properties)
      .filter(([, p]) => p.nullable)
      .map(([k]) => k)
      .sort();
    expect(nullable).toEqual([
      'company',
      'email',
      'jobTitle',
      'lastName',
      'lifecycle',
      'notes',
      'phone',
      'website',
    ]);
  });

  it('is what docs/api.md says (the reference the repository carries)', () => {
    const file = join(__dirname, '../docs/api.md');
    const rendered = renderApiReference(doc);
    if (process.env.UPDATE_API_DOC === '1') writeFileSync(file, rendered);
    expect(readFileSync(file, 'utf8')).toBe(rendered);
  });

  it('documents the headers every answer carries: X-Request-Id, the rate-limit headers, Retry-After, Idempotent-Replayed', () => {
    const headersOf = (path: string, method: Method, status: string) =>
      Object.keys(
        (doc.paths[path][method]?.responses[status] as { headers?: object }).headers ?? {},
      );
    expect(headersOf('/v1/contacts', 'get', '200')).toEqual(
      expect.arrayContaining([
        'X-Request-Id',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
      ]),
    );
    expect(headersOf('/v1/contacts', 'get', '429')).toContain('Retry-After');
    expect(headersOf('/v1/contacts', 'post', '201')).toEqual(
      expect.arrayContaining(['Location', 'ETag', 'Idempotent-Replayed', 'X-Request-Id']),
    );
    expect(headersOf('/health/live', 'get', '200')).toEqual(['X-Request-Id']);
  });

  it('names the server in `servers`: PUBLIC_URL (else http://localhost:<PORT>), for Try it out and generated clients', () => {
    expect(doc.servers).toEqual([
      { url: 'https://contacts.example.com', description: 'This service (PUBLIC_URL)' },
    ]);
  });

  it('shows an example of every request body and successful answer, each valid against its schema (Ajv)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(jsonSchemaOf({ components: doc.components }) as object, 'openapi.json');
    const problems: string[] = [];
    let checked = 0;
    for (const { where, media } of exampleHosts(doc)) {
      if (!media?.schema) {
        problems.push(`${where}: no JSON schema`);
        continue;
      }
      const examples = examplesOf(media);
      if (examples.length === 0) {
        // Composed from the DTOs' property examples: say which property has none.
        const composed = composeExample(media.schema, doc.components);
        const missing = 'missing' in composed ? `; ${composed.missing} has no example` : '';
        problems.push(`${where}: no example${missing}`);
      }
      const validate = ajv.compile(jsonSchemaOf(media.schema) as object);
      for (const example of examples) {
        checked += 1;
        if (!validate(example)) problems.push(`${where}: ${ajv.errorsText(validate.errors)}`);
      }
    }
    expect(problems).toEqual([]);
    // Every operation that takes or answers JSON: 8 bodies and 23 answers today.
    expect(checked).toBeGreaterThanOrEqual(31);
  });

  it('the example check itself refuses an example with a wrong or undocumented field', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(jsonSchemaOf({ components: doc.components }) as object, 'openapi.json');
    const validate = ajv.compile(
      jsonSchemaOf({ $ref: '#/components/schemas/ContactResponse' }) as object,
    );
    const example = examplesOf(
      (
        doc.paths['/v1/contacts/{id}'].get?.responses['200'] as {
          content: Record<string, MediaType>;
        }
      ).content['application/json'],
    )[0] as Record<string, unknown>;
    expect(validate(example)).toBe(true);
    expect(validate({ ...example, email: 42 })).toBe(false);
    expect(validate({ ...example, extra: true })).toBe(false);
    expect(validate({ ...example, company: null })).toBe(true);
  });

  it('accepts every request example as it is written (none is refused as invalid)', async () => {
    const answers: string[] = [];
    for (const { method, path, where, media } of exampleHosts(doc)) {
      if (!where.endsWith(' body')) continue;
      const operation = doc.paths[path][method]!;
      // Path parameters from their examples (a contact the fresh workspace lacks: 404, after validation).
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const parameter = (operation.parameters ?? []).find(
          (p) => 'name' in p && p.name === name,
        ) as { example?: string } | undefined;
        return parameter?.example ?? 'ffffffffffffffffffffffff';
      });
      for (const example of examplesOf(media)) {
        const res = await request(app.getHttpServer())
          [method](url)
          .set('X-API-Key', ws.apiKey)
          .send(example as object);
        const documented = Object.keys(operation.responses).includes(String(res.status));
        answers.push(
          `${where}: ${res.status}${documented ? '' : ' (undocumented)'} ${(res.body as { code?: string }).code ?? ''}`.trim(),
        );
      }
    }
    // In a fresh workspace: the path examples name nothing there (404 comes after validation).
    expect(answers).toEqual([
      'createContact (post /v1/contacts) body: 201',
      'updateContact (patch /v1/contacts/{id}) body: 404 contact_not_found',
      'upsertContact (post /v1/contacts/upsert) body: 200',
      'batchContacts (post /v1/contacts/batch) body: 207',
      'mergeContacts (post /v1/contacts/{id}/merge) body: 404 contact_not_found',
      'sendMessage (post /v1/messages) body: 202',
      'createWebhook (post /v1/webhooks) body: 201',
      'updateWebhook (patch /v1/webhooks/{id}) body: 404 webhook_not_found',
    ]);
  });

  it('names every operation for people (a generated client gets listContacts, not ContactsController_list_v1)', () => {
    const ids = Object.values(doc.paths).flatMap((item) =>
      (['get', 'post', 'patch', 'delete'] as const).flatMap((method) =>
        item[method] ? [item[method].operationId as string] : [],
      ),
    );
    expect(ids.filter((id) => !/^[a-z][A-Za-z]+$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'listContacts',
        'createContact',
        'getContact',
        'updateContact',
        'deleteContact',
        'sendMessage',
        'createWebhook',
      ]),
    );
  });

  it('states each route limit as this instance is configured (RATE_LIMIT_CONTACTS_GET=3 here)', () => {
    const description = (path: string, method: Method) =>
      doc.paths[path][method]?.description ?? '';
    expect(description('/v1/contacts/{id}', 'get')).toContain(
      'Rate limit: 3 requests per minute per API key (setting `RATE_LIMIT_CONTACTS_GET`).',
    );
    expect(description('/v1/contacts', 'get')).toContain('Rate limit: 100000 requests per minute');
    expect(description('/v1/messages', 'post')).toContain('(setting `RATE_LIMIT_DEFAULT`)');
    expect(description('/health/live', 'get')).not.toContain('Rate limit');
  });

  it('matches what the service really answers, status by status', async () => {
    const http = () => request(app.getHttpServer());
    const key = ws.apiKey;
    const readOnly = await ws.newKey(['read:contacts']);
    const existing = await createContact(app, key, { tags: ['vip'] });

    const checks: [Method, string, request.Response][] = [];
    const check = (method: Method, path: string, res: request.Response) =>
      checks.push([method, path, res]);

    check('get', '/v1/contacts', await http().get('/v1/contacts?limit=2').set('X-API-Key', key));
    check('get', '/v1/contacts', await http().get('/v1/contacts?limit=101').set('X-API-Key', key));
    check('get', '/v1/contacts', await http().get('/v1/contacts'));
    check(
      'get',
      '/v1/contacts',
      await http()
        .get('/v1/contacts')
        .set('X-API-Key', `saf_live_${'x'.repeat(40)}`),
    );
    check(
      'post',
      '/v1/contacts',
      await http()
        .post('/v1/contacts')
        .set('X-API-Key', key)
        .send({ firstName: 'Ada', email: `${randomUUID()}@x.io` }),
    );
    check(
      'post',
      '/v1/contacts',
      await http()
        .post('/v1/contacts')
        .set('X-API-Key', key)
        .send({ firstName: 'Twin', phone: existing.phone }),
    );
    check(
      'post',
      '/v1/contacts',
      await http().post('/v1/contacts').set('X-API-Key', key).send({ firstName: '' }),
    );
    check(
      'post',
      '/v1/contacts',
      await http()
        .post('/v1/contacts')
        .set('X-API-Key', readOnly)
        .send({ firstName: 'A', email: 'a@b.io' }),
    );
    check(
      'post',
      '/v1/contacts',
      await http()
        .post('/v1/contacts')
        .set('X-API-Key', key)
        .set('Content-Type', 'text/plain')
        .send('hi'),
    );
    check(
      'post',
      '/v1/contacts',
      await http()
        .post('/v1/contacts')
        .set('X-API-Key', key)
        .set('Content-Type', 'application/json')
        .send(`{"notes":"${'x'.repeat(1_100_000)}"}`),
    );
    check(
      'patch',
      '/v1/contacts/{id}',
      await http()
        .patch(`/v1/contacts/${existing.id}`)
        .set('X-API-Key', key)
        .send({ company: null, lifecycle: 'Customer' }),
    );
    check(
      'patch',
      '/v1/contacts/{id}',
      await http().patch(`/v1/contacts/${existing.id}`).set('X-API-Key', key).send({}),
    );
    check(
      'patch',
      '/v1/contacts/{id}',
      await http()
        .patch('/v1/contacts/ffffffffffffffffffffffff')
        .set('X-API-Key', key)
        .send({ company: 'X' }),
    );
    check(
      'patch',
      '/v1/contacts/{id}',
      await http()
        .patch(`/v1/contacts/${existing.id}`)
        .set('X-API-Key', key)
        .set('If-Match', '"1"')
        .send({ company: 'Y' }),
    );
    for (let i = 0; i < 4; i++) {
      check(
        'get',
        '/v1/contacts/{id}',
        await http().get(`/v1/contacts/${existing.id}`).set('X-API-Key', key),
      );
    }
    check(
      'get',
      '/v1/contacts/{id}',
      await http().get('/v1/contacts/ffffffffffffffffffffffff').set('X-API-Key', readOnly),
    );
    const sent = await http()
      .post('/v1/messages')
      .set('X-API-Key', key)
      .send({ to: existing.phone, text: 'Hello' });
    check('post', '/v1/messages', sent);
    check(
      'post',
      '/v1/messages',
      await http().post('/v1/messages').set('X-API-Key', key).send({ phone: 'nope', text: '' }),
    );
    check(
      'post',
      '/v1/messages',
      await http()
        .post('/v1/messages')
        .set('X-API-Key', readOnly)
        .send({ phone: existing.phone, text: 'x' }),
    );
    const conversationId = (sent.body as { conversationId: string }).conversationId;
    check(
      'get',
      '/v1/conversations',
      await http().get(`/v1/conversations?contactId=${existing.id}`).set('X-API-Key', key),
    );
    check(
      'get',
      '/v1/conversations',
      await http().get('/v1/conversations?contactId=nope').set('X-API-Key', key),
    );
    check(
      'get',
      '/v1/conversations/{id}',
      await http().get(`/v1/conversations/${conversationId}`).set('X-API-Key', key),
    );
    check(
      'get',
      '/v1/conversations/{id}',
      await http().get('/v1/conversations/ffffffffffffffffffffffff').set('X-API-Key', key),
    );
    check(
      'get',
      '/v1/conversations/{id}/messages',
      await http().get(`/v1/conversations/${conversationId}/messages`).set('X-API-Key', key),
    );
    const doomed = await createContact(app, key, { phone: uniquePhone() });
    check(
      'get',
      '/v1/contacts/{id}/history',
      await http().get(`/v1/contacts/${existing.id}/history?limit=5`).set('X-API-Key', key),
    );
    check(
      'get',
      '/v1/contacts/{id}/history',
      await http().get(`/v1/contacts/${existing.id}/history?limit=0`).set('X-API-Key', key),
    );
    check(
      'delete',
      '/v1/contacts/{id}',
      await http().delete(`/v1/contacts/${doomed.id}`).set('X-API-Key', key),
    );
    check(
      'delete',
      '/v1/contacts/{id}',
      await http().delete(`/v1/contacts/${doomed.id}`).set('X-API-Key', key),
    );
    await createContact(app, key, { phone: doomed.phone, email: null });
    check(
      'post',
      '/v1/contacts/{id}/restore',
      await http().post(`/v1/contacts/${doomed.id}/restore`).set('X-API-Key', key),
    );
    check(
      'post',
      '/v1/contacts/{id}/restore',
      await http().post(`/v1/contacts/${existing.id}/restore`).set('X-API-Key', key),
    );
    check(
      'post',
      '/v1/contacts/{id}/erase',
      await http().post(`/v1/contacts/${doomed.id}/erase`).set('X-API-Key', readOnly),
    );
    check(
      'post',
      '/v1/contacts/{id}/erase',
      await http().post(`/v1/contacts/${doomed.id}/erase`).set('X-API-Key', key),
    );
    check(
      'post',
      '/v1/contacts/{id}/erase',
      await http().post(`/v1/contacts/${doomed.id}/erase`).set('X-API-Key', key),
    );
    const [survivor, duplicate] = [await createContact(app, key), await createContact(app, key)];
    const mergeOf = (id: string, body: object) =>
      http().post(`/v1/contacts/${id}/merge`).set('X-API-Key', key).send(body);
    check(
      'post',
      '/v1/contacts/{id}/merge',
      await mergeOf(survivor.id, { sourceIds: [duplicate.id], dryRun: true }),
    );
    check(
      'post',
      '/v1/contacts/{id}/merge',
      await mergeOf(survivor.id, { sourceIds: [survivor.id] }),
    );
    check(
      'post',
      '/v1/contacts/{id}/merge',
      await mergeOf(survivor.id, { sourceIds: ['ffffffffffffffffffffffff'] }),
    );
    check(
      'post',
      '/v1/contacts/{id}/merge',
      await mergeOf(survivor.id, { sourceIds: [duplicate.id] }),
    );
    check(
      'post',
      '/v1/contacts/{id}/merge',
      await mergeOf(survivor.id, { sourceIds: [duplicate.id] }),
    );
    check(
      'patch',
      '/v1/contacts/{id}',
      await http()
        .patch(`/v1/contacts/${duplicate.id}`)
        .set('X-API-Key', key)
        .send({ company: 'X' }),
    );
    check(
      'delete',
      '/v1/contacts/{id}',
      await http().delete(`/v1/contacts/${duplicate.id}`).set('X-API-Key', key),
    );
    check(
      'get',
      '/v1/contacts/changes',
      await http().get('/v1/contacts/changes?limit=5').set('X-API-Key', key),
    );
    check(
      'get',
      '/v1/contacts/changes',
      await http().get('/v1/contacts/changes?after=nope').set('X-API-Key', key),
    );
    const firstPage = await http().get('/v1/contacts?limit=1').set('X-API-Key', key);
    check('get', '/v1/contacts', firstPage);
    check(
      'get',
      '/v1/contacts',
      await http()
        .get(`/v1/contacts?limit=1&after=${(firstPage.body as { nextCursor: string }).nextCursor}`)
        .set('X-API-Key', key),
    );
    const upsert = (body: object) =>
      http().post('/v1/contacts/upsert').set('X-API-Key', key).send(body);
    const upserted = await upsert({ firstName: 'Up', email: `${randomUUID()}@x.io` });
    check('post', '/v1/contacts/upsert', upserted);
    check(
      'post',
      '/v1/contacts/upsert',
      await upsert({
        firstName: 'Up',
        email: (upserted.body as { email: string }).email,
        company: 'Found',
      }),
    );
    check(
      'post',
      '/v1/contacts/upsert',
      await upsert({
        firstName: 'Up',
        email: (upserted.body as { email: string }).email,
        phone: existing.phone,
      }),
    );
    check('post', '/v1/contacts/upsert', await upsert({ firstName: 'Up', matchOn: ['name'] }));
    const batch = (body: object) =>
      http().post('/v1/contacts/batch').set('X-API-Key', key).send(body);
    check(
      'post',
      '/v1/contacts/batch',
      await batch({
        mode: 'upsert',
        items: [
          { firstName: 'B', email: `${randomUUID()}@x.io` },
          { firstName: 'Twin', phone: existing.phone, company: 'Z' },
          { firstName: 'B', email: 'bad' },
        ],
      }),
    );
    check('post', '/v1/contacts/batch', await batch({ mode: 'create', items: [] }));
    const hooks = (method: Method, path: string) => http()[method](path).set('X-API-Key', key);
    const hook = await hooks('post', '/v1/webhooks').send({
      url: 'https://hooks.invalid/safravo',
      events: ['contact.created'],
      description: 'docs',
    });
    check('post', '/v1/webhooks', hook);
    check(
      'post',
      '/v1/webhooks',
      await hooks('post', '/v1/webhooks').send({ url: 'http://127.0.0.1/x', events: ['*'] }),
    );
    const hookId = (hook.body as { id: string }).id;
    check('get', '/v1/webhooks', await hooks('get', '/v1/webhooks'));
    check('get', '/v1/webhooks/{id}', await hooks('get', `/v1/webhooks/${hookId}`));
    check('get', '/v1/webhooks/{id}', await hooks('get', '/v1/webhooks/ffffffffffffffffffffffff'));
    check(
      'patch',
      '/v1/webhooks/{id}',
      await hooks('patch', `/v1/webhooks/${hookId}`).send({ events: ['*'] }),
    );
    check(
      'patch',
      '/v1/webhooks/{id}',
      await hooks('patch', `/v1/webhooks/${hookId}`).send({ events: ['nope'] }),
    );
    check(
      'post',
      '/v1/webhooks/{id}/rotate-secret',
      await hooks('post', `/v1/webhooks/${hookId}/rotate-secret`),
    );
    check(
      'get',
      '/v1/webhooks/{id}/deliveries',
      await hooks('get', `/v1/webhooks/${hookId}/deliveries`),
    );
    check(
      'get',
      '/v1/webhooks/{id}/deliveries',
      await hooks('get', `/v1/webhooks/${hookId}/deliveries?limit=0`),
    );
    check(
      'post',
      '/v1/webhooks/{id}/deliveries/{deliveryId}/retry',
      await hooks(
        'post',
        `/v1/webhooks/${hookId}/deliveries/00000000-0000-4000-8000-000000000000/retry`,
      ),
    );
    check('delete', '/v1/webhooks/{id}', await hooks('delete', `/v1/webhooks/${hookId}`));
    check('get', '/health/live', await http().get('/health/live'));
    check('get', '/health/ready', await http().get('/health/ready'));

    const seen = new Set(checks.map(([m, p, r]) => `${m} ${p} ${r.status}`));
    for (const expected of [
      'get /v1/contacts 200',
      'get /v1/contacts 400',
      'get /v1/contacts 401',
      'post /v1/contacts 201',
      'post /v1/contacts 409',
      'post /v1/contacts 400',
      'post /v1/contacts 403',
      'post /v1/contacts 415',
      'post /v1/contacts 413',
      'patch /v1/contacts/{id} 200',
      'patch /v1/contacts/{id} 400',
      'patch /v1/contacts/{id} 404',
      'patch /v1/contacts/{id} 412',
      'get /v1/contacts/{id} 200',
      'get /v1/contacts/{id} 429',
      'get /v1/contacts/{id} 404',
      'post /v1/messages 202',
      'post /v1/messages 400',
      'post /v1/messages 403',
      'get /v1/conversations 200',
      'get /v1/conversations 400',
      'get /v1/conversations/{id} 200',
      'get /v1/conversations/{id} 404',
      'get /v1/conversations/{id}/messages 200',
      'get /v1/contacts/{id}/history 200',
      'get /v1/contacts/{id}/history 400',
      'delete /v1/contacts/{id} 204',
      'delete /v1/contacts/{id} 404',
      'post /v1/contacts/{id}/restore 409',
      'post /v1/contacts/{id}/restore 200',
      'post /v1/contacts/{id}/erase 403',
      'post /v1/contacts/{id}/erase 200',
      'post /v1/contacts/{id}/erase 404',
      'post /v1/contacts/{id}/merge 200',
      'post /v1/contacts/{id}/merge 400',
      'post /v1/contacts/{id}/merge 404',
      'post /v1/contacts/{id}/merge 410',
      'patch /v1/contacts/{id} 410',
      'delete /v1/contacts/{id} 410',
      'get /v1/contacts/changes 200',
      'get /v1/contacts/changes 400',
      'post /v1/contacts/upsert 201',
      'post /v1/contacts/upsert 200',
      'post /v1/contacts/upsert 409',
      'post /v1/contacts/upsert 400',
      'post /v1/contacts/batch 207',
      'post /v1/contacts/batch 400',
      'post /v1/webhooks 201',
      'post /v1/webhooks 400',
      'get /v1/webhooks 200',
      'get /v1/webhooks/{id} 200',
      'get /v1/webhooks/{id} 404',
      'patch /v1/webhooks/{id} 200',
      'patch /v1/webhooks/{id} 400',
      'post /v1/webhooks/{id}/rotate-secret 200',
      'get /v1/webhooks/{id}/deliveries 200',
      'get /v1/webhooks/{id}/deliveries 400',
      'post /v1/webhooks/{id}/deliveries/{deliveryId}/retry 404',
      'delete /v1/webhooks/{id} 204',
    ]) {
      expect(seen).toContain(expected);
    }
    for (const [method, path, res] of checks) expectDocumented(doc, method, path, res);
  });

  it('the check itself fails on an undocumented field or status', () => {
    const fake = {
      status: 200,
      body: { status: 'ok', extra: true },
    } as unknown as request.Response;
    expect(() => expectDocumented(doc, 'get', '/health/live', fake)).toThrow();
    const teapot = { status: 418, body: {} } as unknown as request.Response;
    expect(() => expectDocumented(doc, 'get', '/health/live', teapot)).toThrow(/not documented/);
  });
});
