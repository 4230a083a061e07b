import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createContact } from './factories/contact.factory';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { createTestApp } from './utils/create-test-app';
import { describeIf } from './utils/describe-if';

const DOCUMENTED = {
  RATE_LIMIT_CONTACTS_LIST: '60',
  RATE_LIMIT_CONTACTS_GET: '300',
  RATE_LIMIT_CONTACTS_CREATE: '30',
  RATE_LIMIT_CONTACTS_UPDATE: '30',
  RATE_LIMIT_DEFAULT: '120',
  RATE_LIMIT_AUTH_FAILURES: '100',
};

const badKey = (): string => `saf_live_${randomUUID().replace(/-/g, '')}XYZ`;

describe('rate limits', () => {
  const apps: NestFastifyApplication[] = [];
  const start = async (overrides: Record<string, string> = {}) => {
    const app = await createTestApp({ ...DOCUMENTED, ...overrides });
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  describe('per key and per route (memory store)', () => {
    let app: NestFastifyApplication;
    let ws: TestWorkspace;

    beforeAll(async () => {
      app = await start({ REDIS_URL: '' });
    });
    // Budgets are per key: a fresh workspace and key for every test.
    beforeEach(async () => {
      ws = await createWorkspace(app);
    });

    it('the 61st list call within a minute is 429, with the headers counting down before it', async () => {
      const http = request(app.getHttpServer());
      for (let i = 1; i <= 60; i++) {
        const res = await http.get('/v1/contacts?limit=1').set('X-API-Key', ws.apiKey);
        expect(res.status).toBe(200);
        expect(res.headers['x-ratelimit-limit']).toBe('60');
        expect(res.headers['x-ratelimit-remaining']).toBe(String(60 - i));
        expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
        expect(Number(res.headers['x-ratelimit-reset'])).toBeLessThanOrEqual(60);
      }
      const limited = await http.get('/v1/contacts?limit=1').set('X-API-Key', ws.apiKey);
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({
        statusCode: 429,
        code: 'rate_limited',
        requestId: limited.headers['x-request-id'],
      });
      expect(limited.headers['x-ratelimit-remaining']).toBe('0');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(limited.headers['ratelimit-policy']).toBe('"contactsList";q=60;w=60');

      // Another route of the same key, and the same route for another key, are untouched.
      const contact = await createContact(app, ws.apiKey);
      const get = await http
        .get(`/v1/contacts/${contact.id}`)
        .set('X-API-Key', ws.apiKey)
        .expect(200);
      expect(get.headers['x-ratelimit-limit']).toBe('300');
      expect(get.headers['x-ratelimit-remaining']).toBe('299');
      const otherKey = await ws.newKey(['read:contacts']);
      const other = await http.get('/v1/contacts').set('X-API-Key', otherKey).expect(200);
      expect(other.headers['x-ratelimit-remaining']).toBe('59');
    });

    it('create and update have their documented limits', async () => {
      const http = request(app.getHttpServer());
      const fresh = await ws.newKey(['read:contacts', 'write:contacts']);
      const created = await http
        .post('/v1/contacts')
        .set('X-API-Key', fresh)
        .send({ firstName: 'A', email: `${randomUUID()}@x.io` });
      expect(created.status).toBe(201);
      expect(created.headers['x-ratelimit-limit']).toBe('30');
      const updated = await http
        .patch(`/v1/contacts/${created.body.id}`)
        .set('X-API-Key', fresh)
        .send({ company: 'B' });
      expect(updated.status).toBe(200);
      expect(updated.headers['x-ratelimit-limit']).toBe('30');
      expect(updated.headers['x-ratelimit-remaining']).toBe('29');
    });

    it('counts a request refused for its scope, but never a request refused for its key', async () => {
      const http = request(app.getHttpServer());
      const readOnly = await ws.newKey(['read:contacts']);
      const res = await http
        .post('/v1/contacts')
        .set('X-API-Key', readOnly)
        .send({ firstName: 'A', email: 'a@b.io' });
      expect(res.status).toBe(403);
      expect(res.headers['x-ratelimit-remaining']).toBe('29');
      const unauthenticated = await http.get('/v1/contacts').set('X-API-Key', badKey());
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.headers['x-ratelimit-limit']).toBeUndefined();
    });
  });

  describe('failed authentication, per client address', () => {
    it('400 unknown keys from one address get 429 before the end; a valid key from it still works', async () => {
      const app = await start({ REDIS_URL: '' });
      const ws = await createWorkspace(app);
      const http = request(app.getHttpServer());
      await http.get('/v1/contacts').set('X-API-Key', ws.apiKey).expect(200);

      const statuses: number[] = [];
      for (let i = 0; i < 400; i++) {
        statuses.push((await http.get('/v1/contacts').set('X-API-Key', badKey())).status);
      }
      expect(statuses.slice(0, 100).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(100).every((s) => s === 429)).toBe(true);
      const refused = await http.get('/v1/contacts').set('X-API-Key', badKey()).expect(429);
      expect(refused.body.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

      await http.get('/v1/contacts').set('X-API-Key', ws.apiKey).expect(200);
    });

    it('X-Forwarded-For from an untrusted peer does not move the bucket', async () => {
      const app = await start({ REDIS_URL: '', RATE_LIMIT_AUTH_FAILURES: '5' });
      const http = request(app.getHttpServer());
      for (let i = 0; i < 5; i++) {
        await http
          .get('/v1/contacts')
          .set('X-API-Key', badKey())
          .set('X-Forwarded-For', `203.0.113.${i}`)
          .expect(401);
      }
      await http
        .get('/v1/contacts')
        .set('X-API-Key', badKey())
        .set('X-Forwarded-For', '198.51.100.7')
        .expect(429);
    });

    it('X-Forwarded-For from a trusted proxy is the client address', async () => {
      const app = await start({
        REDIS_URL: '',
        RATE_LIMIT_AUTH_FAILURES: '5',
        TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1',
      });
      const http = request(app.getHttpServer());
      for (let i = 0; i < 5; i++) {
        await http
          .get('/v1/contacts')
          .set('X-API-Key', badKey())
          .set('X-Forwarded-For', '203.0.113.9')
          .expect(401);
      }
      await http
        .get('/v1/contacts')
        .set('X-API-Key', badKey())
        .set('X-Forwarded-For', '203.0.113.9')
        .expect(429);
      await http
        .get('/v1/contacts')
        .set('X-API-Key', badKey())
        .set('X-Forwarded-For', '198.51.100.7')
        .expect(401);
    });
  });

  describeIf(Boolean(process.env.REDIS_URL), 'Redis (set REDIS_URL)')(
    'shared across instances (Redis)',
    () => {
      it('two instances on one Redis share one budget for a key', async () => {
        const prefix = `test:${randomUUID()}:`;
        const shared = {
          REDIS_URL: process.env.REDIS_URL as string,
          REDIS_KEY_PREFIX: prefix,
          RATE_LIMIT_CONTACTS_LIST: '10',
          LOG_LEVEL: 'error',
        };
        const a = await start(shared);
        const b = await start(shared);
        const ws = await createWorkspace(a);
        const remaining: string[] = [];
        for (let i = 0; i < 10; i++) {
          const app = i % 2 === 0 ? a : b;
          const res = await request(app.getHttpServer())
            .get('/v1/contacts')
            .set('X-API-Key', ws.apiKey)
            .expect(200);
          remaining.push(res.headers['x-ratelimit-remaining']);
        }
        expect(remaining).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
        await request(a.getHttpServer())
          .get('/v1/contacts')
          .set('X-API-Key', ws.apiKey)
          .expect(429);
        await request(b.getHttpServer())
          .get('/v1/contacts')
          .set('X-API-Key', ws.apiKey)
          .expect(429);
      });
    },
  );

  describe('when Redis is down or does not answer, requests go through (fail open) within the bound', () => {
    let silent: Server;
    let silentPort = 0;
    const held: Socket[] = [];
    beforeAll(async () => {
      // Accepts connections and never answers: a hung Redis.
      silent = createServer((socket) => held.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      silentPort = (silent.address() as { port: number }).port;
    });
    afterAll(async () => {
      held.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it.each([
      ['a closed port', () => 'redis://127.0.0.1:1'],
      ['a server that never answers', () => `redis://127.0.0.1:${silentPort}`],
    ])('%s', async (_, url) => {
      const app = await start({
        REDIS_URL: url(),
        REDIS_TIMEOUT_MS: '50',
        RATE_LIMIT_CONTACTS_LIST: '2',
      });
      const ws = await createWorkspace(app);
      const http = request(app.getHttpServer());
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        const res = await http.get('/v1/contacts').set('X-API-Key', ws.apiKey);
        expect(res.status).toBe(200);
        expect(Date.now() - started).toBeLessThan(1000);
      }
      const bad = await http.get('/v1/contacts').set('X-API-Key', badKey());
      expect(bad.status).toBe(401);
    });
  });
});
