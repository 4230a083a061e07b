import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { ServiceLifecycle } from '../src/health/service-lifecycle';
import { createTestApp, testEnv } from './utils/create-test-app';
import { describeIf } from './utils/describe-if';
import { expectError } from './utils/expect-error';

/** `/health/ready` for a load balancer: cheap, and failing only for what stops the instance serving. */
describe('readiness', () => {
  const apps: NestFastifyApplication[] = [];
  const start = async (overrides: Record<string, string> = {}) => {
    const app = await createTestApp(overrides);
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  it('stays ready with Redis down, reporting it as degraded (rate limits fail open, serving goes on)', async () => {
    const app = await start({ REDIS_URL: 'redis://127.0.0.1:1' });
    const res = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(res.body).toEqual({
      status: 'degraded',
      checks: {
        database: { status: 'up' },
        redis: { status: 'down', impact: expect.stringContaining('rate limits') as unknown },
      },
    });
  });

  describeIf(Boolean(process.env.REDIS_URL), 'Redis (REDIS_URL)')('with Redis', () => {
    it('connects to Redis once at start, without a warning', async () => {
      const lines: string[] = [];
      const env = testEnv({ REDIS_URL: process.env.REDIS_URL as string, LOG_LEVEL: 'warn' });
      const app = await createApp({
        env,
        database: { url: env.DATABASE_URL as string, poolSize: env.DATABASE_POOL_SIZE },
        logDestination: new Writable({
          write: (chunk: Buffer, _encoding, done) => {
            lines.push(chunk.toString());
            done();
          },
        }),
      });
      apps.push(app);
      await request(app.getHttpServer()).get('/health/ready').expect(200);
      expect(lines.join('')).not.toContain('Redis');
    });

    it('is ok with every dependency up', async () => {
      const app = await start({ REDIS_URL: process.env.REDIS_URL as string });
      const res = await request(app.getHttpServer()).get('/health/ready').expect(200);
      expect(res.body).toEqual({
        status: 'ok',
        checks: { database: { status: 'up' }, redis: { status: 'up' } },
      });
    });
  });

  it('checks the database at most once per HEALTH_CHECK_CACHE_MS, however often it is probed', async () => {
    const app = await start({ HEALTH_CHECK_CACHE_MS: '60000' });
    const ping = jest.spyOn(TypeOrmHealthIndicator.prototype, 'pingCheck');
    await Promise.all(
      Array.from({ length: 50 }, () =>
        request(app.getHttpServer()).get('/health/ready').expect(200),
      ),
    );
    for (let i = 0; i < 20; i++) {
      await request(app.getHttpServer()).get('/health/ready').expect(200);
    }
    expect(ping).toHaveBeenCalledTimes(1);
    ping.mockRestore();
  });

  it('fails at once when the instance starts draining, in the one error shape, while the API still serves', async () => {
    const app = await start();
    app.get(ServiceLifecycle).startDraining();
    const res = await request(app.getHttpServer()).get('/health/ready');
    expect(expectError(res, 503, 'service_unavailable')).toEqual([
      { component: 'instance', status: 'draining' },
    ]);
    expect(res.headers.connection).toBe('close');
    await request(app.getHttpServer()).get('/health/live').expect(200);
  });
});
