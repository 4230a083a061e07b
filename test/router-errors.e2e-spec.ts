import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { createTestApp } from './utils/create-test-app';

/** URLs Fastify's router refuses before any hook or Nest code: still the one error shape. */
describe('URLs the router refuses', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  beforeAll(async () => {
    app = await createTestApp();
  });
  // A fresh workspace for every test: none sees what another left.
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  it.each([
    ['a path parameter too long', `/v1/contacts/${'a'.repeat(500)}`, 414, 'uri_too_long'],
    ['bad percent-encoding in the path', '/v1/contacts/%ZZ', 400, 'bad_request'],
  ])('%s', async (_, url, status, code) => {
    const res = await request(app.getHttpServer())
      .get(url)
      .set('X-API-Key', ws.apiKey)
      .set('X-Request-Id', 'router-1');
    expect(res.status).toBe(status);
    expect(res.body).toEqual({
      statusCode: status,
      error: expect.any(String) as unknown,
      code,
      message: expect.any(String) as unknown,
      requestId: 'router-1',
    });
    expect(res.headers['x-request-id']).toBe('router-1');
  });
});
