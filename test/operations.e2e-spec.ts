import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PinoLogger } from 'nestjs-pino';
import request from 'supertest';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { createTestApp } from './utils/create-test-app';

describe('health checks and request logs', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await createTestApp({ REDIS_URL: '', LOG_LEVEL: 'info' });
  });
  // A fresh workspace for every test: none sees what another left.
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  it('GET /health/live and /health/ready answer without a key and without rate-limit headers', async () => {
    const live = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', checks: { database: { status: 'up' } } });
    expect(ready.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('GET / says where everything is, without a key', async () => {
    const root = await request(app.getHttpServer()).get('/').expect(200);
    expect(root.body).toMatchObject({
      docs: '/docs',
      openapi: '/openapi.json',
      asyncapi: '/asyncapi.json',
      health: '/health/ready',
    });
    // Each link it gives answers.
    for (const path of [
      root.body.docs,
      root.body.openapi,
      root.body.asyncapi,
      root.body.health,
    ] as string[]) {
      expect((await request(app.getHttpServer()).get(path)).status).toBe(200);
    }
  });

  it('writes one structured line per request with id, route, status, latency and key prefix, never the key', async () => {
    const info = jest.spyOn(PinoLogger.root, 'info');
    try {
      await request(app.getHttpServer())
        .get('/v1/contacts?search=secret-search')
        .set('X-API-Key', ws.apiKey)
        .set('X-Request-Id', 'log-test-1')
        .expect(200);
      const lines = info.mock.calls.filter(
        ([line]) => (line as { requestId?: string }).requestId === 'log-test-1',
      );
      expect(lines).toHaveLength(1);
      expect(lines[0][0]).toEqual({
        requestId: 'log-test-1',
        method: 'GET',
        route: '/v1/contacts',
        status: 200,
        latencyMs: expect.any(Number) as unknown,
        keyPrefix: ws.apiKey.slice(0, 15),
      });
      const everything = JSON.stringify(info.mock.calls);
      expect(everything).not.toContain(ws.apiKey);
      expect(everything).not.toContain('secret-search');

      await request(app.getHttpServer())
        .get('/health/live')
        .set('X-Request-Id', 'log-test-2')
        .expect(200);
      expect(
        info.mock.calls.some(
          ([line]) => (line as { requestId?: string }).requestId === 'log-test-2',
        ),
      ).toBe(false);
    } finally {
      info.mockRestore();
    }
  });
});
