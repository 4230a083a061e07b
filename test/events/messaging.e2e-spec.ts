import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { newId } from '../../src/common/ids/object-id';
import { ConversationEntity } from '../../src/conversations/entities/conversation.entity';
import { MessageEntity } from '../../src/conversations/entities/message.entity';
import { createContact, uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { createTestApp } from '../utils/create-test-app';
import { drainWorkspace } from '../utils/outbox';

/** Messages, conversations, and the contact-event consumers that keep them linked. */
describe('messaging and conversations', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  const http = () => request(app.getHttpServer());
  const drain = () => drainWorkspace(app, ws.workspace.id);

  beforeAll(async () => {
    // The outbox is drained by the tests themselves, so that they know when it is done.
    app = await createTestApp({ OUTBOX_DISPATCH: 'false' });
  });
  // A fresh workspace for every test: none sees what another left.
  beforeEach(async () => {
    ws = await createWorkspace(app, { defaultCountry: 'KE' });
  });
  afterAll(() => app.close());

  it('a message to an unknown phone creates the contact (source "message") and a thread linked to it', async () => {
    const phone = uniquePhone();
    const sent = await http()
      .post('/v1/messages')
      .set('X-API-Key', ws.apiKey)
      .send({ phone, text: 'Hello there' })
      .expect(202);
    expect(sent.body).toMatchObject({ direction: 'outbound', text: 'Hello there', status: 'sent' });
    expect(sent.body.id).toMatch(/^[0-9a-f]{24}$/);

    const contacts = await http()
      .get(`/v1/contacts?search=${encodeURIComponent(phone)}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(contacts.body.items).toHaveLength(1);
    const contact = contacts.body.items[0];
    expect(contact).toMatchObject({ phone, firstName: phone, source: 'message' });
    expect(sent.body.contactId).toBe(contact.id);

    await drain();
    const conversation = await http()
      .get(`/v1/conversations/${sent.body.conversationId}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(conversation.body).toMatchObject({
      channel: 'whatsapp',
      address: phone,
      contactId: contact.id,
      contact: { id: contact.id, fullName: phone, phone, email: null },
    });
    expect(conversation.body.lastMessageAt).toBe(sent.body.createdAt);
  });

  it('a message to a known contact, its number written differently, reuses the contact and the thread', async () => {
    const contact = await createContact(app, ws.apiKey, {
      firstName: 'Wanjiku',
      phone: '+254 733 111 222',
      email: null,
    });
    const first = await http()
      .post('/v1/messages')
      .set('X-API-Key', ws.apiKey)
      .send({ to: '0733-111-222', text: 'one' })
      .expect(202);
    const second = await http()
      .post('/v1/messages')
      .set('X-API-Key', ws.apiKey)
      .send({ phone: '(+254) 733 111222', text: 'two' })
      .expect(202);
    expect(first.body.contactId).toBe(contact.id);
    expect(second.body.conversationId).toBe(first.body.conversationId);

    const messages = await http()
      .get(`/v1/conversations/${first.body.conversationId}/messages`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(messages.body).toMatchObject({ total: 2, page: 1, limit: 25, totalPages: 1 });
    expect(messages.body.items.map((m: { text: string }) => m.text)).toEqual(['one', 'two']);
    const list = await http()
      .get(`/v1/conversations?contactId=${contact.id}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.conversationId]);
  });

  it('renaming the contact refreshes the summary seen in GET /v1/conversations', async () => {
    const phone = uniquePhone();
    const sent = await http()
      .post('/v1/messages')
      .set('X-API-Key', ws.apiKey)
      .send({ phone, text: 'hi' })
      .expect(202);
    await http()
      .patch(`/v1/contacts/${sent.body.contactId}`)
      .set('X-API-Key', ws.apiKey)
      .send({ firstName: 'Amina', lastName: 'Otieno', email: 'amina@example.com' })
      .expect(200);
    await drain();
    const list = await http()
      .get(`/v1/conversations?contactId=${sent.body.contactId}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(list.body.items[0].contact).toEqual({
      id: sent.body.contactId,
      fullName: 'Amina Otieno',
      phone,
      email: 'amina@example.com',
      state: 'active',
    });
  });

  it('contact.created links the conversations and messages at its phone that had no contact', async () => {
    const phone = uniquePhone();
    const dataSource = app.get(DataSource);
    // A thread with no contact (as left by an import, or a change of phone).
    const conversation = await dataSource.getRepository(ConversationEntity).save({
      id: newId(),
      workspaceId: ws.workspace.id,
      channel: 'whatsapp',
      address: phone,
      status: 'open',
      contactId: null,
      contactSummary: null,
      lastMessageAt: null,
      createdAt: new Date(),
    });
    await dataSource.getRepository(MessageEntity).save({
      id: newId(),
      workspaceId: ws.workspace.id,
      conversationId: conversation.id,
      contactId: null,
      direction: 'inbound',
      text: 'who is this?',
      status: 'delivered',
      createdAt: new Date(),
    });
    const contact = await createContact(app, ws.apiKey, {
      firstName: 'Late',
      lastName: 'Comer',
      phone,
    });
    await drain();
    const linked = await dataSource
      .getRepository(ConversationEntity)
      .findOneByOrFail({ id: conversation.id });
    expect(linked.contactId).toBe(contact.id);
    expect(linked.contactSummary).toEqual({
      id: contact.id,
      fullName: 'Late Comer',
      phone,
      email: contact.email,
      state: 'active',
    });
    const messages = await dataSource
      .getRepository(MessageEntity)
      .findBy({ conversationId: conversation.id });
    expect(messages.map((m) => m.contactId)).toEqual([contact.id]);
  });

  it('contact.updated links conversations at its new phone that had no contact', async () => {
    const dataSource = app.get(DataSource);
    const contact = await createContact(app, ws.apiKey, { firstName: 'Moves' });
    const newPhone = uniquePhone();
    const conversation = await dataSource.getRepository(ConversationEntity).save({
      id: newId(),
      workspaceId: ws.workspace.id,
      channel: 'whatsapp',
      address: newPhone,
      status: 'open',
      contactId: null,
      contactSummary: null,
      lastMessageAt: null,
      createdAt: new Date(),
    });
    await http()
      .patch(`/v1/contacts/${contact.id}`)
      .set('X-API-Key', ws.apiKey)
      .send({ phone: newPhone })
      .expect(200);
    await drain();
    expect(
      (await dataSource.getRepository(ConversationEntity).findOneByOrFail({ id: conversation.id }))
        .contactId,
    ).toBe(contact.id);
  });

  it('validates the message: phone or to, a valid number, text of 1..4096 characters', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ text: 'no number' }, 'phone'],
      [{ phone: 'call me', text: 'x' }, 'phone'],
      [{ to: '12', text: 'x' }, 'to'],
      [{ phone: uniquePhone(), text: '' }, 'text'],
      [{ phone: uniquePhone(), text: '   ' }, 'text'],
      [{ phone: uniquePhone(), text: 'x'.repeat(4097) }, 'text'],
      [{ phone: uniquePhone(), to: uniquePhone(), text: 'x' }, 'to'],
      [{ phone: uniquePhone(), text: 'x', contactId: 'abc' }, 'contactId'],
    ];
    for (const [body, field] of cases) {
      const res = await http().post('/v1/messages').set('X-API-Key', ws.apiKey).send(body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({
        body,
        status: 400,
        code: 'validation_failed',
      });
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const long = await http()
      .post('/v1/messages')
      .set('X-API-Key', ws.apiKey)
      .send({ phone: uniquePhone(), text: 'x'.repeat(4096) });
    expect(long.status).toBe(202);
  });

  it('keeps workspaces apart and needs the right scopes', async () => {
    const other = await createWorkspace(app);
    const sent = await http()
      .post('/v1/messages')
      .set('X-API-Key', ws.apiKey)
      .send({ phone: uniquePhone(), text: 'mine' })
      .expect(202);
    const foreign = await http()
      .get(`/v1/conversations/${sent.body.conversationId}`)
      .set('X-API-Key', other.apiKey)
      .expect(404);
    expect(foreign.body.code).toBe('conversation_not_found');
    await http()
      .get(`/v1/conversations/${sent.body.conversationId}/messages`)
      .set('X-API-Key', other.apiKey)
      .expect(404);
    const list = await http()
      .get(`/v1/conversations?contactId=${sent.body.contactId}`)
      .set('X-API-Key', other.apiKey)
      .expect(200);
    expect(list.body).toMatchObject({ items: [], total: 0 });

    const readContacts = await ws.newKey(['read:contacts']);
    const denied = await http()
      .post('/v1/messages')
      .set('X-API-Key', readContacts)
      .send({ phone: uniquePhone(), text: 'x' })
      .expect(403);
    expect(denied.body.message).toContain('write:messages');
    await http().get('/v1/conversations').set('X-API-Key', readContacts).expect(403);
  });

  it('concurrent first messages to one new number make one contact and one thread', async () => {
    const phone = uniquePhone();
    const server = app.getHttpServer();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request(server)
          .post('/v1/messages')
          .set('X-API-Key', ws.apiKey)
          .send({ phone, text: `m${i}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(202));
    expect(new Set(results.map((r) => r.body.conversationId)).size).toBe(1);
    expect(new Set(results.map((r) => r.body.contactId)).size).toBe(1);
    const contacts = await http()
      .get(`/v1/contacts?search=${encodeURIComponent(phone)}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(contacts.body.total).toBe(1);
  });
});
