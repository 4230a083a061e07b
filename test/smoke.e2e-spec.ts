import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createContact } from './factories/contact.factory';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { createTestApp } from './utils/create-test-app';

describe('smoke', () => {
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

  it('creates and reads back a contact', async () => {
    const created = await createContact(app, ws.apiKey, {
      firstName: ' Ada ',
      lastName: 'Lovelace',
    });
    const res = await request(app.getHttpServer())
      .get(`/v1/contacts/${created.id}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(res.body).toMatchObject({ id: created.id, firstName: 'Ada', fullName: 'Ada Lovelace' });
  });
});
