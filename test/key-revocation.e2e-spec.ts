import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { ApiKeysService } from '../src/api-keys/api-keys.service';
import { createWorkspace } from './factories/workspace.factory';
import { runCli } from './utils/cli';
import { createTestApp } from './utils/create-test-app';
import { describeIf } from './utils/describe-if';

const REDIS_URL = process.env.REDIS_URL as string;

/**
 * A revoked key is refused by every instance within a second (published through Redis), not
 * after each instance's 5-second authentication cache runs out.
 */
describeIf(Boolean(process.env.REDIS_URL), 'Redis (REDIS_URL)')(
  'key revocation across instances',
  () => {
    const apps: NestFastifyApplication[] = [];
    afterAll(async () => {
      await Promise.all(apps.map((a) => a.close()));
    });

    async function twoInstances(
      prefix: string,
    ): Promise<[NestFastifyApplication, NestFastifyApplication]> {
      const settings = { REDIS_URL, REDIS_KEY_PREFIX: prefix };
      const pair = [await createTestApp(settings), await createTestApp(settings)] as [
        NestFastifyApplication,
        NestFastifyApplication,
      ];
      apps.push(...pair);
      return pair;
    }

    /** Milliseconds from `since` until `app` refuses `key` (polled every 20 ms, up to 8 s). */
    async function refusedAfter(
      app: NestFastifyApplication,
      key: string,
      since: number,
    ): Promise<number> {
      for (;;) {
        const res = await request(app.getHttpServer())
          .get('/v1/contacts?limit=1')
          .set('X-API-Key', key);
        if (res.status === 401) return Date.now() - since;
        expect(res.status).toBe(200);
        if (Date.now() - since > 8000) throw new Error('the key was still accepted after 8 s');
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    it('revoked on one instance, refused by the other within a second', async () => {
      const [a, b] = await twoInstances(`test:${randomUUID()}:`);
      const ws = await createWorkspace(a);
      // Both instances have the key in their authentication cache.
      await request(a.getHttpServer()).get('/v1/contacts').set('X-API-Key', ws.apiKey).expect(200);
      await request(b.getHttpServer()).get('/v1/contacts').set('X-API-Key', ws.apiKey).expect(200);

      const revokedAt = Date.now();
      await a.get(ApiKeysService).revoke(ws.apiKeyId);
      await request(a.getHttpServer()).get('/v1/contacts').set('X-API-Key', ws.apiKey).expect(401);
      const elapsed = await refusedAfter(b, ws.apiKey, revokedAt);
      console.log(`revoked on instance A: refused by instance B after ${elapsed} ms`);
      expect(elapsed).toBeLessThan(1000);
    });

    it('revoked by the command-line tool (another process), refused by a running instance within a second', async () => {
      const prefix = `test:${randomUUID()}:`;
      const [a] = await twoInstances(prefix);
      const ws = await createWorkspace(a);
      await request(a.getHttpServer()).get('/v1/contacts').set('X-API-Key', ws.apiKey).expect(200);

      const revoked = await runCli(['api-keys:revoke', ws.apiKeyId], {
        ...process.env,
        REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
      });
      expect(revoked.code).toBe(0);
      const elapsed = await refusedAfter(a, ws.apiKey, Date.now());
      console.log(`revoked by the CLI: refused by the instance ${elapsed} ms after the CLI exited`);
      expect(elapsed).toBeLessThan(1000);
    });

    it('without Redis, a revocation still reaches other instances when their cache runs out', async () => {
      const settings = {
        REDIS_URL: 'redis://127.0.0.1:1',
        REDIS_KEY_PREFIX: `test:${randomUUID()}:`,
        LOG_LEVEL: 'silent',
      };
      const a = await createTestApp(settings);
      const b = await createTestApp(settings);
      apps.push(a, b);
      const ws = await createWorkspace(a);
      await request(b.getHttpServer()).get('/v1/contacts').set('X-API-Key', ws.apiKey).expect(200);
      const revokedAt = Date.now();
      await a.get(ApiKeysService).revoke(ws.apiKeyId);
      const elapsed = await refusedAfter(b, ws.apiKey, revokedAt);
      expect(elapsed).toBeLessThan(5000 + 1000);
    });
  },
);
