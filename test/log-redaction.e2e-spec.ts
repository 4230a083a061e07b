import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../src/app.factory';
import { ContactSearchPlanner } from '../src/contacts/search/contact-search.planner';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { testEnv } from './utils/create-test-app';

/**
 * Log lines written while a request is served: an API key and a search term (an email, a phone
 * number) must appear in none of them, whatever goes wrong.
 */
describe('request logs never carry the key or the query string', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let output: string[];

  beforeAll(async () => {
    output = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        output.push(chunk.toString());
        done();
      },
    });
    const env = testEnv({ LOG_LEVEL: 'info' });
    app = await createApp({
      env,
      database: { url: env.DATABASE_URL as string, poolSize: env.DATABASE_POOL_SIZE },
      logDestination: destination,
    });
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  it('an unexpected error during a search is logged with its request id, without the key and the search', async () => {
    // A warning from inside the request's own work, then an unexpected failure.
    const failure = jest.spyOn(app.get(ContactSearchPlanner), 'page').mockImplementation(() => {
      new Logger('Probe').warn('inside the request');
      return Promise.reject(new Error('search index exploded'));
    });
    const search = 'jane.secret@example.com';
    try {
      const res = await request(app.getHttpServer())
        .get(`/v1/contacts?search=${encodeURIComponent(search)}&limit=5`)
        .set('X-API-Key', ws.apiKey)
        .set('X-Request-Id', 'redaction-test-1')
        .expect(500);
      expect(res.body).toMatchObject({ code: 'internal_error', requestId: 'redaction-test-1' });
    } finally {
      failure.mockRestore();
    }
    const lines = output.join('');
    const errorLine = lines.split('\n').find((line) => line.includes('search index exploded'));
    expect(errorLine).toBeDefined();
    expect(JSON.parse(errorLine as string)).toMatchObject({
      reqId: 'redaction-test-1',
      route: 'GET /v1/contacts',
      level: 50,
    });
    expect(lines).toContain('inside the request');
    for (const secret of [
      ws.apiKey,
      search,
      encodeURIComponent(search),
      'jane.secret',
      'x-api-key',
    ]) {
      expect(lines).not.toContain(secret);
    }
  });

  it('a phone number searched for appears in no line either', async () => {
    const failure = jest
      .spyOn(app.get(ContactSearchPlanner), 'page')
      .mockRejectedValue(new Error('boom again'));
    try {
      await request(app.getHttpServer())
        .get('/v1/contacts?search=%2B254712999888')
        .set('X-API-Key', ws.apiKey)
        .expect(500);
    } finally {
      failure.mockRestore();
    }
    const lines = output.join('');
    expect(lines).toContain('boom again');
    expect(lines).not.toContain('712999888');
  });
});
