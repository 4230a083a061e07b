import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ContactRetention } from '../../src/contacts/contact-retention';
import { createContact, uniqueEmail, uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { expectError } from '../utils/expect-error';
import { drainWorkspace } from '../utils/outbox';
import { startContactsApp } from './support';

/** SPEC §9: delete and restore, and what they do to totals, search, dedupe and conversations. */
describe('deleting and restoring a contact', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  const http = () => request(app.getHttpServer());
  const total = async (search?: string) =>
    (
      await http()
        .get(`/v1/contacts?limit=1${search ? `&search=${encodeURIComponent(search)}` : ''}`)
        .set('X-API-Key', ws.apiKey)
        .expect(200)
    ).body.total as number;

  beforeAll(async () => {
    app = await startContactsApp();
  });
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  it('a deleted contact leaves get, lists, searches and totals at once, and its phone and email are free', async () => {
    const contact = await createContact(app, ws.apiKey, { firstName: 'Zelda', lastName: 'Gone' });
    await createContact(app, ws.apiKey, { firstName: 'Zelda', lastName: 'Stays' });
    expect([await total(), await total('zelda')]).toEqual([2, 2]);

    await http().delete(`/v1/contacts/${contact.id}`).set('X-API-Key', ws.apiKey).expect(204);

    expectError(
      await http().get(`/v1/contacts/${contact.id}`).set('X-API-Key', ws.apiKey),
      404,
      'contact_not_found',
    );
    expect([
      await total(),
      await total('zelda'),
      await total('gone'),
      await total(contact.phone as string),
    ]).toEqual([1, 1, 0, 0]);
    const list = await http().get('/v1/contacts').set('X-API-Key', ws.apiKey).expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(contact.id);
    expectError(
      await http()
        .patch(`/v1/contacts/${contact.id}`)
        .set('X-API-Key', ws.apiKey)
        .send({ company: 'X' }),
      404,
      'contact_not_found',
    );
    expectError(
      await http().delete(`/v1/contacts/${contact.id}`).set('X-API-Key', ws.apiKey),
      404,
      'contact_not_found',
    );

    const again = await createContact(app, ws.apiKey, {
      firstName: 'New',
      phone: contact.phone,
      email: contact.email,
    });
    expect(again.id).not.toBe(contact.id);
  });

  it("another workspace's contact, or an id that cannot exist, is 404 exactly like a missing one", async () => {
    const other = await createWorkspace(app);
    const theirs = await createContact(app, other.apiKey);
    for (const id of [theirs.id, 'ffffffffffffffffffffffff', 'not-an-id']) {
      expectError(
        await http().delete(`/v1/contacts/${id}`).set('X-API-Key', ws.apiKey),
        404,
        'contact_not_found',
      );
      expectError(
        await http().post(`/v1/contacts/${id}/restore`).set('X-API-Key', ws.apiKey),
        404,
        'contact_not_found',
      );
    }
    await http().get(`/v1/contacts/${theirs.id}`).set('X-API-Key', other.apiKey).expect(200);
  });

  it('restore brings it back in reads, lists and totals; restoring a live contact changes nothing', async () => {
    const contact = await createContact(app, ws.apiKey, { firstName: 'Lazarus' });
    await http().delete(`/v1/contacts/${contact.id}`).set('X-API-Key', ws.apiKey).expect(204);
    const restored = await http()
      .post(`/v1/contacts/${contact.id}/restore`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(restored.body).toMatchObject({
      id: contact.id,
      firstName: 'Lazarus',
      phone: contact.phone,
      email: contact.email,
    });
    expect(Date.parse(restored.body.updatedAt)).toBeGreaterThan(Date.parse(contact.updatedAt));
    await http().get(`/v1/contacts/${contact.id}`).set('X-API-Key', ws.apiKey).expect(200);
    expect([await total(), await total('lazarus')]).toEqual([1, 1]);

    const again = await http()
      .post(`/v1/contacts/${contact.id}/restore`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(again.body.updatedAt).toBe(restored.body.updatedAt);
  });

  it('restore is 409 contact_exists, naming the field and the new owner, when its phone or email was taken meanwhile', async () => {
    const contact = await createContact(app, ws.apiKey);
    await http().delete(`/v1/contacts/${contact.id}`).set('X-API-Key', ws.apiKey).expect(204);
    const taker = await createContact(app, ws.apiKey, {
      phone: contact.phone,
      email: uniqueEmail(),
    });
    const details = expectError(
      await http().post(`/v1/contacts/${contact.id}/restore`).set('X-API-Key', ws.apiKey),
      409,
      'contact_exists',
    );
    expect(details).toEqual([{ field: 'phone', contactId: taker.id }]);
    expectError(
      await http().get(`/v1/contacts/${contact.id}`).set('X-API-Key', ws.apiKey),
      404,
      'contact_not_found',
    );
    expect(await total()).toBe(1);
  });

  it('records contact.deleted and contact.restored in the outbox, for every consumer', async () => {
    const contact = await createContact(app, ws.apiKey);
    await http().delete(`/v1/contacts/${contact.id}`).set('X-API-Key', ws.apiKey).expect(204);
    await http().post(`/v1/contacts/${contact.id}/restore`).set('X-API-Key', ws.apiKey).expect(200);
    const events = await app
      .get(DataSource)
      .query<{ event_name: string; sequence: number; consumers: string[] }[]>(
        `SELECT e.event_name, e.sequence, array_agg(d.consumer ORDER BY d.consumer) AS consumers
         FROM outbox_events e LEFT JOIN outbox_deliveries d ON d.event_id = e.id
        WHERE e.aggregate_id = $1 GROUP BY e.id ORDER BY e.sequence`,
        [contact.id],
      );
    expect(events.map((e) => [e.event_name, e.sequence])).toEqual([
      ['contact.created', 1],
      ['contact.deleted', 2],
      ['contact.restored', 3],
    ]);
    expect(events[1].consumers).toEqual(['conversations.refresh-contact', 'webhooks.fan-out']);
    expect(events[2].consumers).toEqual([
      'conversations.refresh-contact',
      'messaging.link-messages',
      'webhooks.fan-out',
    ]);
  });

  it('conversations keep their link; the inbox shows the contact as deleted, then active again', async () => {
    const sent = await http()
      .post('/v1/messages')
      .set('X-API-Key', ws.apiKey)
      .send({ phone: uniquePhone(), text: 'Hello' })
      .expect(202);
    const { contactId, conversationId } = sent.body as {
      contactId: string;
      conversationId: string;
    };
    await http().delete(`/v1/contacts/${contactId}`).set('X-API-Key', ws.apiKey).expect(204);
    await drainWorkspace(app, ws.workspace.id);
    const deleted = await http()
      .get(`/v1/conversations/${conversationId}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(deleted.body).toMatchObject({ contactId, contact: { id: contactId, state: 'deleted' } });
    const messages = await http()
      .get(`/v1/conversations/${conversationId}/messages`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(messages.body.items.map((m: { contactId: string }) => m.contactId)).toEqual([contactId]);

    await http().post(`/v1/contacts/${contactId}/restore`).set('X-API-Key', ws.apiKey).expect(200);
    await drainWorkspace(app, ws.workspace.id);
    const restored = await http()
      .get(`/v1/conversations/${conversationId}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(restored.body.contact).toMatchObject({ id: contactId, state: 'active' });
  });

  it('a later message from the number goes to a new live contact and a new conversation, never the deleted one', async () => {
    const phone = uniquePhone();
    const first = (
      await http()
        .post('/v1/messages')
        .set('X-API-Key', ws.apiKey)
        .send({ phone, text: 'one' })
        .expect(202)
    ).body as {
      contactId: string;
      conversationId: string;
    };
    await http().delete(`/v1/contacts/${first.contactId}`).set('X-API-Key', ws.apiKey).expect(204);
    const second = (
      await http()
        .post('/v1/messages')
        .set('X-API-Key', ws.apiKey)
        .send({ phone, text: 'two' })
        .expect(202)
    ).body as {
      contactId: string;
      conversationId: string;
    };
    expect(second.contactId).not.toBe(first.contactId);
    expect(second.conversationId).not.toBe(first.conversationId);
    const live = await http()
      .get(`/v1/contacts/${second.contactId}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(live.body).toMatchObject({ phone, source: 'message' });
    const old = await http()
      .get(`/v1/conversations/${first.conversationId}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(old.body).toMatchObject({ status: 'closed', contactId: first.contactId });
  });

  it('20 concurrent deletes, restores and creates on one phone never leave two live contacts with it, nor a wrong total', async () => {
    const phone = uniquePhone();
    const seeds = await Promise.all(
      Array.from({ length: 4 }, () =>
        createContact(app, ws.apiKey, { phone: null, email: uniqueEmail() }),
      ),
    );
    const holder = await createContact(app, ws.apiKey, { phone });
    const ids = [holder.id, ...seeds.map((s) => s.id)];
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const id = ids[i % ids.length];
        if (i % 3 === 0) {
          return http()
            .delete(`/v1/contacts/${holder.id}`)
            .set('X-API-Key', ws.apiKey)
            .then((r) => r.status);
        }
        if (i % 3 === 1) {
          return http()
            .post(`/v1/contacts/${holder.id}/restore`)
            .set('X-API-Key', ws.apiKey)
            .then((r) => r.status);
        }
        return http()
          .post('/v1/contacts')
          .set('X-API-Key', ws.apiKey)
          .send({ firstName: `Racer ${i} ${id}`, phone })
          .then((r) => r.status);
      }),
    );
    expect(statuses.filter((s) => ![200, 201, 204, 404, 409].includes(s))).toEqual([]);
    const db = app.get(DataSource);
    const [{ live }] = await db.query<{ live: string }[]>(
      `SELECT count(*) AS live FROM contacts WHERE workspace_id = $1 AND phone = $2 AND deleted_at IS NULL`,
      [ws.workspace.id, phone],
    );
    expect(Number(live)).toBeLessThanOrEqual(1);
    const [{ actual }] = await db.query<{ actual: string }[]>(
      `SELECT count(*) AS actual FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL`,
      [ws.workspace.id],
    );
    expect(await total()).toBe(Number(actual));
  });

  it('a contact deleted longer than CONTACT_RETENTION_DAYS is erased for good by the retention job', async () => {
    const contact = await createContact(app, ws.apiKey, {
      firstName: 'Expired',
      company: 'Old Co',
    });
    const recent = await createContact(app, ws.apiKey);
    await http().delete(`/v1/contacts/${contact.id}`).set('X-API-Key', ws.apiKey).expect(204);
    await http().delete(`/v1/contacts/${recent.id}`).set('X-API-Key', ws.apiKey).expect(204);
    const db = app.get(DataSource);
    await db.query(`UPDATE contacts SET deleted_at = now() - interval '31 days' WHERE id = $1`, [
      contact.id,
    ]);

    const { erased } = await app.get(ContactRetention).run();
    expect(erased).toBeGreaterThanOrEqual(1);
    const [row] = await db.query<Record<string, unknown>[]>(
      `SELECT first_name, phone, email, company, erased_at, erase_request_id FROM contacts WHERE id = $1`,
      [contact.id],
    );
    expect(row).toMatchObject({ first_name: '', phone: null, email: null, company: null });
    expect(row.erased_at).not.toBeNull();
    expectError(
      await http().get(`/v1/contacts/${contact.id}/history`).set('X-API-Key', ws.apiKey),
      404,
      'contact_not_found',
    );
    // The recent deletion can still be restored.
    await http().post(`/v1/contacts/${recent.id}/restore`).set('X-API-Key', ws.apiKey).expect(200);
  });
});
