import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { generateApiKey } from '../src/api-keys/api-key-format';
import { ApiKeysService } from '../src/api-keys/api-keys.service';
import { createContact, contactInput } from './factories/contact.factory';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { createTestApp } from './utils/create-test-app';
import { expectError } from './utils/expect-error';
import { waitFor } from './utils/wait';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** SPEC §2: API keys (401), scopes (403), and how keys are kept. */
describe('authentication and scopes', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let apiKeys: ApiKeysService;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    apiKeys = app.get(ApiKeysService);
    dataSource = app.get(DataSource);
  });
  // A fresh workspace for every test: none sees what another left.
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app?.close());

  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  describe('401', () => {
    it('refuses a request without X-API-Key with missing_api_key', async () => {
      expectError(await http().get('/v1/contacts'), 401, 'missing_api_key');
      expectError(await http().post('/v1/contacts').send(contactInput()), 401, 'missing_api_key');
    });

    it('refuses an empty X-API-Key with missing_api_key', async () => {
      expectError(await http().get('/v1/contacts').set('X-API-Key', ''), 401, 'missing_api_key');
    });

    it.each([
      ['a word', 'not-a-key'],
      ['a key too short', 'saf_live_abc123'],
      ['an unknown environment', `saf_prod_${'a'.repeat(40)}`],
      ['a non-base62 character', `saf_live_${'a'.repeat(39)}-`],
      ['an upper-case prefix', `SAF_LIVE_${'a'.repeat(40)}`],
      ['a Bearer prefix', `Bearer saf_live_${'a'.repeat(40)}`],
    ])('refuses a malformed key (%s) with invalid_api_key', async (_label, key) => {
      expectError(await http().get('/v1/contacts').set('X-API-Key', key), 401, 'invalid_api_key');
    });

    it('refuses a well-formed key that was never issued with invalid_api_key', async () => {
      expectError(
        await http().get('/v1/contacts').set('X-API-Key', generateApiKey('live')),
        401,
        'invalid_api_key',
      );
      expectError(
        await http().get('/v1/contacts').set('X-API-Key', generateApiKey('test')),
        401,
        'invalid_api_key',
      );
    });

    it('refuses a real key with one character changed', async () => {
      const last = ws.apiKey.at(-1) === 'a' ? 'b' : 'a';
      const tampered = `${ws.apiKey.slice(0, -1)}${last}`;
      expectError(
        await http().get('/v1/contacts').set('X-API-Key', tampered),
        401,
        'invalid_api_key',
      );
    });

    it('refuses a revoked key with invalid_api_key, by id and by key', async () => {
      for (const by of ['id', 'key'] as const) {
        const { apiKey, key } = await apiKeys.create({
          workspaceSlug: ws.workspace.slug,
          scopes: ['read:contacts'],
        });
        await http().get('/v1/contacts').set('X-API-Key', key).expect(200);

        const revoked = await apiKeys.revoke(by === 'id' ? apiKey.id : key);
        expect(revoked?.revokedAt).toBeInstanceOf(Date);

        expectError(await http().get('/v1/contacts').set('X-API-Key', key), 401, 'invalid_api_key');
      }
      // The other keys of the workspace keep working.
      await http().get('/v1/contacts').set('X-API-Key', ws.apiKey).expect(200);
    });

    it('checks the key before anything else: a bad key on an unknown contact is 401, not 404', async () => {
      const res = await http()
        .patch('/v1/contacts/ffffffffffffffffffffffff')
        .set('X-API-Key', generateApiKey('live'))
        .send({ firstName: 'x' });
      expectError(res, 401, 'invalid_api_key');
    });

    it('accepts test keys (saf_test_) like live ones', async () => {
      const { key } = await apiKeys.create({
        workspaceSlug: ws.workspace.slug,
        scopes: ['read:contacts'],
        environment: 'test',
      });
      expect(key).toMatch(/^saf_test_[0-9A-Za-z]{32,}$/);
      await http().get('/v1/contacts').set('X-API-Key', key).expect(200);
    });
  });

  describe('403', () => {
    it('a read-only key cannot create or update, and the 403 names write:contacts', async () => {
      const contact = await createContact(app, ws.apiKey, { firstName: 'Before' });
      const readOnly = await ws.newKey(['read:contacts']);

      const post = await http()
        .post('/v1/contacts')
        .set('X-API-Key', readOnly)
        .send(contactInput());
      const patch = await http()
        .patch(`/v1/contacts/${contact.id}`)
        .set('X-API-Key', readOnly)
        .send({ firstName: 'After' });
      for (const res of [post, patch]) {
        const details = expectError(res, 403, 'insufficient_scope');
        expect((res.body as { message: string }).message).toContain('write:contacts');
        expect(details).toEqual([{ scope: 'write:contacts' }]);
      }

      // Nothing changed, and the read-only key can still read.
      const after = await http()
        .get(`/v1/contacts/${contact.id}`)
        .set('X-API-Key', readOnly)
        .expect(200);
      expect(after.body).toMatchObject({ id: contact.id, firstName: 'Before' });
    });

    it('a write-only key cannot list or read, and the 403 names read:contacts', async () => {
      const contact = await createContact(app, ws.apiKey);
      const writeOnly = await ws.newKey(['write:contacts']);

      for (const path of ['/v1/contacts', `/v1/contacts/${contact.id}`]) {
        const res = await http().get(path).set('X-API-Key', writeOnly);
        const details = expectError(res, 403, 'insufficient_scope');
        expect((res.body as { message: string }).message).toContain('read:contacts');
        expect(details).toEqual([{ scope: 'read:contacts' }]);
      }
      // ...but it can write.
      await http()
        .post('/v1/contacts')
        .set('X-API-Key', writeOnly)
        .send(contactInput())
        .expect(201);
    });

    it('a key with unrelated scopes gets 403, not 401', async () => {
      const other = await ws.newKey(['read:conversations', 'write:messages']);
      expectError(
        await http().get('/v1/contacts').set('X-API-Key', other),
        403,
        'insufficient_scope',
      );
    });
  });

  describe('error bodies', () => {
    it('401 and 403 carry the request id the client sent, in the header and the body', async () => {
      const readOnly = await ws.newKey(['read:contacts']);
      const cases = [
        { id: 'auth-401-missing', send: () => http().get('/v1/contacts'), status: 401 },
        {
          id: 'auth-401-invalid',
          send: () => http().get('/v1/contacts').set('X-API-Key', generateApiKey('live')),
          status: 401,
        },
        {
          id: 'auth-403',
          send: () => http().post('/v1/contacts').set('X-API-Key', readOnly).send(contactInput()),
          status: 403,
        },
      ];
      for (const { id, send, status } of cases) {
        const res = await send().set('X-Request-Id', id);
        expect(res.status).toBe(status);
        expect(res.headers['x-request-id']).toBe(id);
        expect((res.body as { requestId: string }).requestId).toBe(id);
      }
    });

    it('401 and 403 without a client request id get a generated one, the same in header and body', async () => {
      const a = await http().get('/v1/contacts');
      const b = await http().get('/v1/contacts');
      expectError(a, 401, 'missing_api_key');
      expectError(b, 401, 'missing_api_key');
      expect((a.body as { requestId: string }).requestId).not.toBe(
        (b.body as { requestId: string }).requestId,
      );
    });
  });

  describe('storage of keys', () => {
    it('stores only the SHA-256 of the key: no column holds the key or its secret part', async () => {
      const { apiKey, key } = await apiKeys.create({
        workspaceSlug: ws.workspace.slug,
        scopes: ['read:contacts'],
        name: 'storage check',
      });
      const secret = key.slice('saf_live_'.length);

      const rows: Record<string, unknown>[] = await dataSource.query(
        'SELECT * FROM api_keys WHERE id = $1',
        [apiKey.id],
      );
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row.key_hash).toBe(sha256(key));
      expect(String(row.prefix)).toBe(key.slice(0, 'saf_live_'.length + 6));
      for (const [column, value] of Object.entries(row)) {
        const text = value instanceof Date ? value.toISOString() : JSON.stringify(value);
        expect({ column, holdsKey: text.includes(key) || text.includes(secret.slice(6)) }).toEqual({
          column,
          holdsKey: false,
        });
      }

      // The same, over the whole table as PostgreSQL renders every column.
      const [{ count }]: { count: string }[] = await dataSource.query(
        `SELECT count(*) AS count FROM api_keys WHERE strpos(row_to_json(api_keys)::text, $1) > 0`,
        [secret.slice(6)],
      );
      expect(Number(count)).toBe(0);
    });

    /** The key's last_used_at, as stored. */
    const lastUsed = async (apiKeyId: string): Promise<Date | null> => {
      const [row]: { last_used_at: Date | null }[] = await dataSource.query(
        'SELECT last_used_at FROM api_keys WHERE id = $1',
        [apiKeyId],
      );
      return row.last_used_at;
    };

    it('sets lastUsedAt once the key has been used', async () => {
      const { apiKey, key } = await apiKeys.create({
        workspaceSlug: ws.workspace.slug,
        scopes: ['read:contacts'],
      });
      expect(await lastUsed(apiKey.id)).toBeNull();

      const before = Date.now();
      await http().get('/v1/contacts').set('X-API-Key', key).expect(200);

      // Written without delaying the request: wait for the row.
      const seen = await waitFor(() => lastUsed(apiKey.id), {
        what: 'last_used_at to be written',
        timeoutMs: 5_000,
      });
      expect(seen).toBeInstanceOf(Date);
      expect(seen.getTime()).toBeGreaterThanOrEqual(before - 2_000);
      expect(seen.getTime()).toBeLessThanOrEqual(Date.now() + 2_000);
    });

    it('does not set lastUsedAt for a refused (revoked) key', async () => {
      const { apiKey, key } = await apiKeys.create({
        workspaceSlug: ws.workspace.slug,
        scopes: ['read:contacts'],
      });
      await apiKeys.revoke(apiKey.id);
      const marker = await apiKeys.create({
        workspaceSlug: ws.workspace.slug,
        scopes: ['read:contacts'],
      });
      expectError(await http().get('/v1/contacts').set('X-API-Key', key), 401, 'invalid_api_key');
      // A valid key used after the refused one: once its use is recorded, a use of the refused
      // key (recorded the same way, earlier) would be too.
      await http().get('/v1/contacts').set('X-API-Key', marker.key).expect(200);
      await waitFor(() => lastUsed(marker.apiKey.id), {
        what: 'last_used_at of the key used after the refused one',
        timeoutMs: 5_000,
      });
      expect(await lastUsed(apiKey.id)).toBeNull();
    });
  });
});
