import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ContactRetention } from '../../src/contacts/contact-retention';
import { createContact, uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { expectError } from '../utils/expect-error';
import { startContactsApp } from './support';

interface Entry {
  id: string;
  type: string;
  occurredAt: string;
  actor: Record<string, string>;
  changes: { field: string; old: unknown; new: unknown }[];
  requestId: string | null;
}

/** SPEC §9: every change of a contact, newest first, with who made it and in which request. */
describe('contact history', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  const http = () => request(app.getHttpServer());
  const historyOf = async (
    id: string,
    query = '',
  ): Promise<{ items: Entry[]; nextCursor: string | null }> =>
    (await http().get(`/v1/contacts/${id}/history${query}`).set('X-API-Key', ws.apiKey).expect(200))
      .body;

  beforeAll(async () => {
    app = await startContactsApp();
  });
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  it('lists created, updated, deleted and restored, newest first, with the key as actor and the request ids', async () => {
    const created = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .set('X-Request-Id', 'history-create')
      .send({ firstName: 'Ada', phone: uniquePhone(), tags: ['vip'] })
      .expect(201);
    const id = created.body.id as string;
    await http()
      .patch(`/v1/contacts/${id}`)
      .set('X-API-Key', ws.apiKey)
      .set('X-Request-Id', 'history-update')
      .send({ lastName: 'Lovelace', tags: [] })
      .expect(200);
    await http()
      .patch(`/v1/contacts/${id}`)
      .set('X-API-Key', ws.apiKey)
      .send({ lastName: 'Lovelace' })
      .expect(200); // no change: no entry
    await http()
      .delete(`/v1/contacts/${id}`)
      .set('X-API-Key', ws.apiKey)
      .set('X-Request-Id', 'history-delete')
      .expect(204);

    // Available for a deleted contact.
    const whileDeleted = await historyOf(id);
    expect(whileDeleted.items.map((e) => e.type)).toEqual(['deleted', 'updated', 'created']);

    await http()
      .post(`/v1/contacts/${id}/restore`)
      .set('X-API-Key', ws.apiKey)
      .set('X-Request-Id', 'history-restore')
      .expect(200);
    const { items, nextCursor } = await historyOf(id);
    expect(nextCursor).toBeNull();
    expect(items.map((e) => [e.type, e.requestId])).toEqual([
      ['restored', 'history-restore'],
      ['deleted', 'history-delete'],
      ['updated', 'history-update'],
      ['created', 'history-create'],
    ]);
    for (const entry of items) {
      expect(entry.actor).toEqual({
        type: 'api_key',
        id: ws.apiKeyId,
        prefix: ws.apiKey.slice(0, 15),
      });
    }
    expect(items[2].changes).toEqual([
      { field: 'lastName', old: null, new: 'Lovelace' },
      { field: 'tags', old: ['vip'], new: [] },
    ]);
    expect(items[3].changes).toEqual([
      { field: 'firstName', old: null, new: 'Ada' },
      { field: 'phone', old: null, new: created.body.phone },
      { field: 'tags', old: null, new: ['vip'] },
    ]);
    const times = items.map((e) => Date.parse(e.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('pages through a long history with an opaque cursor, newest first, without repeating or skipping', async () => {
    const contact = await createContact(app, ws.apiKey);
    for (let i = 1; i <= 6; i++) {
      await http()
        .patch(`/v1/contacts/${contact.id}`)
        .set('X-API-Key', ws.apiKey)
        .send({ company: `Co ${i}` })
        .expect(200);
    }
    const all = await historyOf(contact.id, '?limit=100');
    expect(all.items).toHaveLength(7);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Entry[]; nextCursor: string | null } = await historyOf(
        contact.id,
        `?limit=3${cursor ? `&after=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.id));
  });

  it('refuses a bad limit or cursor with 400, and answers 404 for an unknown or foreign contact', async () => {
    const contact = await createContact(app, ws.apiKey);
    for (const query of [
      '?limit=0',
      '?limit=101',
      '?limit=abc',
      '?after=nonsense',
      `?after=${Buffer.from('h:zz').toString('base64url')}`,
    ]) {
      expectError(
        await http().get(`/v1/contacts/${contact.id}/history${query}`).set('X-API-Key', ws.apiKey),
        400,
        'validation_failed',
      );
    }
    const other = await createWorkspace(app);
    expectError(
      await http().get(`/v1/contacts/${contact.id}/history`).set('X-API-Key', other.apiKey),
      404,
      'contact_not_found',
    );
    expectError(
      await http().get('/v1/contacts/ffffffffffffffffffffffff/history').set('X-API-Key', ws.apiKey),
      404,
      'contact_not_found',
    );
  });

  it('a contact created by messaging has the system as its actor, with the request that sent the message', async () => {
    const sent = await http()
      .post('/v1/messages')
      .set('X-API-Key', ws.apiKey)
      .set('X-Request-Id', 'history-message')
      .send({ phone: uniquePhone(), text: 'hi' })
      .expect(202);
    const { items } = await historyOf(sent.body.contactId as string);
    expect(items).toEqual([
      expect.objectContaining({
        type: 'created',
        actor: { type: 'system', module: 'messaging' },
        requestId: 'history-message',
      }),
    ]);
  });

  it('keeps entries HISTORY_RETENTION_DAYS, then the retention job deletes them', async () => {
    const contact = await createContact(app, ws.apiKey);
    await http()
      .patch(`/v1/contacts/${contact.id}`)
      .set('X-API-Key', ws.apiKey)
      .send({ company: 'Recent' })
      .expect(200);
    const [created] = (await historyOf(contact.id)).items.slice(-1);
    await app
      .get(DataSource)
      .query(`UPDATE contact_history SET occurred_at = now() - interval '366 days' WHERE id = $1`, [
        created.id,
      ]);
    await app.get(ContactRetention).run();
    expect((await historyOf(contact.id)).items.map((e) => e.type)).toEqual(['updated']);
  });
});
