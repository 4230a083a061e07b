import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createContact } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { expectError } from '../utils/expect-error';
import { startContactsApp } from './support';

/** SPEC §11: conditional requests, an ETag from the contact's version. */
describe('conditional requests', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  const http = () => request(app.getHttpServer());
  const get = (id: string, ifNoneMatch?: string) => {
    const req = http().get(`/v1/contacts/${id}`).set('X-API-Key', ws.apiKey);
    return ifNoneMatch === undefined ? req : req.set('If-None-Match', ifNoneMatch);
  };

  beforeAll(async () => {
    app = await startContactsApp();
  });
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  it('GET answers an ETag that moves with every change; If-None-Match with the current one is 304 without a body', async () => {
    const contact = await createContact(app, ws.apiKey);
    const first = await get(contact.id).expect(200);
    expect(first.headers.etag).toBe('"1"');

    const notModified = await get(contact.id, first.headers.etag).expect(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.etag).toBe('"1"');
    await get(contact.id, `W/${first.headers.etag}`).expect(304); // weak comparison
    await get(contact.id, `"9", ${first.headers.etag}`).expect(304);
    await get(contact.id, '*').expect(304);

    const patched = await http()
      .patch(`/v1/contacts/${contact.id}`)
      .set('X-API-Key', ws.apiKey)
      .send({ company: 'Acme' })
      .expect(200);
    expect(patched.headers.etag).toBe('"2"');
    const changed = await get(contact.id, first.headers.etag).expect(200);
    expect(changed.body.company).toBe('Acme');
    expect(changed.headers.etag).toBe('"2"');
    // A PATCH that changes nothing keeps the version, so the ETag stays.
    const same = await http()
      .patch(`/v1/contacts/${contact.id}`)
      .set('X-API-Key', ws.apiKey)
      .send({ company: 'Acme' })
      .expect(200);
    expect(same.headers.etag).toBe('"2"');
  });

  it('PATCH with a stale If-Match is 412 precondition_failed naming the current ETag, and changes nothing', async () => {
    const contact = await createContact(app, ws.apiKey, { company: 'Before' });
    await http()
      .patch(`/v1/contacts/${contact.id}`)
      .set('X-API-Key', ws.apiKey)
      .send({ jobTitle: 'CEO' })
      .expect(200);

    const stale = await http()
      .patch(`/v1/contacts/${contact.id}`)
      .set('X-API-Key', ws.apiKey)
      .set('If-Match', '"1"')
      .send({ company: 'Lost update' });
    expect(expectError(stale, 412, 'precondition_failed')).toEqual([{ etag: '"2"' }]);
    expect(stale.headers.etag).toBe('"2"');
    for (const tag of ['W/"2"', '2', 'garbage']) {
      expectError(
        await http()
          .patch(`/v1/contacts/${contact.id}`)
          .set('X-API-Key', ws.apiKey)
          .set('If-Match', tag)
          .send({ company: 'X' }),
        412,
        'precondition_failed',
      );
    }
    expect((await get(contact.id).expect(200)).body).toMatchObject({
      company: 'Before',
      jobTitle: 'CEO',
    });

    const current = await http()
      .patch(`/v1/contacts/${contact.id}`)
      .set('X-API-Key', ws.apiKey)
      .set('If-Match', '"7", "2"')
      .send({ company: 'After' })
      .expect(200);
    expect(current.headers.etag).toBe('"3"');
    await http()
      .patch(`/v1/contacts/${contact.id}`)
      .set('X-API-Key', ws.apiKey)
      .set('If-Match', '*')
      .send({ notes: 'any version' })
      .expect(200);
  });

  it('two clients editing from one version: the first write wins, the second is 412 instead of overwriting it', async () => {
    const contact = await createContact(app, ws.apiKey);
    const etag = (await get(contact.id).expect(200)).headers.etag;
    const [a, b] = await Promise.all(
      ['Alpha', 'Beta'].map((company) =>
        http()
          .patch(`/v1/contacts/${contact.id}`)
          .set('X-API-Key', ws.apiKey)
          .set('If-Match', etag)
          .send({ company }),
      ),
    );
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? 'Alpha' : 'Beta';
    expect((await get(contact.id).expect(200)).body.company).toBe(winner);
  });

  it('DELETE with a stale If-Match is 412 and the contact stays; with the current one it deletes', async () => {
    const contact = await createContact(app, ws.apiKey);
    await http()
      .patch(`/v1/contacts/${contact.id}`)
      .set('X-API-Key', ws.apiKey)
      .send({ company: 'Moved on' })
      .expect(200);
    expectError(
      await http()
        .delete(`/v1/contacts/${contact.id}`)
        .set('X-API-Key', ws.apiKey)
        .set('If-Match', '"1"'),
      412,
      'precondition_failed',
    );
    await get(contact.id).expect(200);
    await http()
      .delete(`/v1/contacts/${contact.id}`)
      .set('X-API-Key', ws.apiKey)
      .set('If-Match', '"2"')
      .expect(204);
    expectError(await get(contact.id), 404, 'contact_not_found');
  });

  it('create and restore answer the ETag of the version they leave', async () => {
    const created = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .send({ firstName: 'Etta', email: `etta.${Date.now()}@example.com` })
      .expect(201);
    expect(created.headers.etag).toBe('"1"');
    await http()
      .delete(`/v1/contacts/${created.body.id as string}`)
      .set('X-API-Key', ws.apiKey)
      .expect(204);
    const restored = await http()
      .post(`/v1/contacts/${created.body.id as string}/restore`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(restored.headers.etag).toBe('"3"');
    expect((await get(created.body.id as string).expect(200)).headers.etag).toBe('"3"');
  });
});
