import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { renderClientFiles } from '../../clients/generate';
import {
  type ApiError,
  type Contact,
  createSafravoClient,
  type SafravoClient,
} from '../../clients/typescript/src';
import { buildOpenApiDocumentOffline } from '../../src/openapi-document';
import { uniqueEmail, uniquePhone } from '../factories/contact.factory';
import { createWorkspace } from '../factories/workspace.factory';
import { createTestApp, testEnv } from '../utils/create-test-app';

const ROOT = join(__dirname, '../..');

/** The first line where two texts differ, to say where a committed file is stale. */
function firstDifference(committed: string, generated: string): string | undefined {
  const [a, b] = [committed.split('\n'), generated.split('\n')];
  const line = a.findIndex((text, i) => text !== b[i]);
  if (line === -1 && a.length === b.length) return undefined;
  const at = line === -1 ? Math.min(a.length, b.length) : line;
  return `line ${at + 1}: committed ${JSON.stringify(a[at])}, generated ${JSON.stringify(b[at])}`;
}

describe('the typed TypeScript client (clients/typescript)', () => {
  let app: NestFastifyApplication;
  let safravo: SafravoClient;
  let baseUrl: string;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    const { apiKey } = await createWorkspace(app);
    safravo = createSafravoClient({ baseUrl, apiKey });
  });
  afterAll(() => app.close());

  it('is what the OpenAPI document generates (`npm run client:generate` or UPDATE_CLIENT=1 rewrites it)', async () => {
    const files = await renderClientFiles(ROOT);
    const stale: Record<string, string> = {};
    for (const [path, generated] of Object.entries(files)) {
      const file = join(ROOT, path);
      if (process.env.UPDATE_CLIENT === '1') writeFileSync(file, generated);
      const difference = firstDifference(readFileSync(file, 'utf8'), generated);
      if (difference) stale[path] = difference;
    }
    // A route, DTO or description changed without `npm run client:generate`.
    expect(stale).toEqual({});
  });

  it('is generated from the document the service serves (built without a database, the same)', async () => {
    const served = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as unknown;
    expect(await buildOpenApiDocumentOffline(testEnv())).toEqual(served);
  });

  it('creates, lists and reads contacts with typed bodies and answers, and types the errors', async () => {
    const phone = uniquePhone();
    const created = await safravo.POST('/v1/contacts', {
      body: { firstName: 'Ada', lastName: 'Lovelace', phone, tags: ['client'] },
    });
    expect(created.response.status).toBe(201);
    expect(created.response.headers.get('location')).toBe(`/v1/contacts/${created.data?.id}`);
    const contact: Contact = created.data!;
    expect(contact).toMatchObject({
      firstName: 'Ada',
      fullName: 'Ada Lovelace',
      phone,
      email: null,
      tags: ['client'],
    });

    const listed = await safravo.GET('/v1/contacts', {
      params: { query: { search: 'Lovelace', limit: 10 } },
    });
    expect(listed.response.status).toBe(200);
    const page = listed.data!;
    // A numbered page (no `after`): the answer says so by its `total`.
    expect('total' in page && page.total).toBe(1);
    expect(page.items.map((c) => c.id)).toEqual([contact.id]);

    const read = await safravo.GET('/v1/contacts/{id}', {
      params: { path: { id: contact.id } },
    });
    expect(read.data).toEqual(contact);
    expect(read.response.headers.get('etag')).toBeTruthy();

    const missing = await safravo.GET('/v1/contacts/{id}', {
      params: { path: { id: 'ffffffffffffffffffffffff' } },
    });
    expect(missing.data).toBeUndefined();
    const notFound: ApiError = missing.error!;
    expect(missing.response.status).toBe(404);
    expect(notFound).toMatchObject({ statusCode: 404, code: 'contact_not_found' });
    expect(notFound.requestId).toBe(missing.response.headers.get('x-request-id'));

    const twin = await safravo.POST('/v1/contacts', {
      body: { firstName: 'Ada', phone, email: uniqueEmail() },
    });
    expect(twin.response.status).toBe(409);
    expect(twin.error).toMatchObject({
      code: 'contact_exists',
      details: [{ field: 'phone', contactId: contact.id }],
    });

    // The compiler refuses a body the document refuses (`firstName` is required)...
    // @ts-expect-error firstName is missing
    const invalid = await safravo.POST('/v1/contacts', { body: { phone: uniquePhone() } });
    // ...and so does the service.
    expect(invalid.error).toMatchObject({ statusCode: 400, code: 'validation_failed' });
  });

  it('sends the API key in X-API-Key: without a valid one, 401 in the one error shape', async () => {
    const stranger = createSafravoClient({ baseUrl, apiKey: 'saf_live_not-a-key' });
    const { error, response } = await stranger.GET('/v1/contacts', {});
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ statusCode: 401, code: 'invalid_api_key' });
  });
});
