import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { NatsStream } from '../../src/broker/nats-stream';
import { createContact } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { GENEROUS_RATE_LIMITS } from '../contacts/support';
import { createTestApp } from '../utils/create-test-app';
import { drainWorkspace } from '../utils/outbox';
import { NATS_URL, TEST_STREAM, workspaceMessages } from '../utils/nats';
import { describeIf } from '../utils/describe-if';
import { waitFor } from '../utils/wait';

/** SPEC §12: every event also published to NATS JetStream. */
describeIf(Boolean(NATS_URL), 'NATS with JetStream (set NATS_URL, e.g. nats://127.0.0.1:4222)')(
  'NATS JetStream',
  () => {
    let app: NestFastifyApplication;
    let ws: TestWorkspace;
    let db: DataSource;
    const api = (method: 'get' | 'post' | 'patch' | 'delete', path: string) =>
      request(app.getHttpServer())[method](path).set('X-API-Key', ws.apiKey);

    beforeAll(async () => {
      app = await createTestApp({ ...GENEROUS_RATE_LIMITS, NATS_URL, NATS_STREAM: TEST_STREAM });
      await app.listen(0, '127.0.0.1');
      await app.get(NatsStream).clients();
      db = app.get(DataSource);
    });
    beforeEach(async () => {
      ws = await createWorkspace(app);
    });
    afterAll(() => app.close());

    it('creates or checks the stream on start: subjects safravo.>, a duplicate window', async () => {
      const { jsm } = await app.get(NatsStream).clients();
      const info = await jsm.streams.info(TEST_STREAM);
      expect(info.config.subjects).toContain('safravo.>');
      expect(info.config.duplicate_window).toBe(120_000 * 1_000_000);
    });

    it("publishes each event to safravo.<workspace>.<type> with Nats-Msg-Id = the event id, a contact's events in order", async () => {
      const contact = await createContact(app, ws.apiKey);
      for (let i = 1; i <= 4; i++) {
        await api('patch', `/v1/contacts/${contact.id}`)
          .send({ company: `C${i}` })
          .expect(200);
      }
      await api('delete', `/v1/contacts/${contact.id}`).expect(204);
      await drainWorkspace(app, ws.workspace.id);
      const messages = await workspaceMessages(ws.workspace.id);
      expect(messages.map((m) => m.subject)).toEqual([
        `safravo.${ws.workspace.id}.contact.created`,
        ...Array.from({ length: 4 }, () => `safravo.${ws.workspace.id}.contact.updated`),
        `safravo.${ws.workspace.id}.contact.deleted`,
      ]);
      for (const m of messages) expect(m.msgId).toBe(m.envelope.id);
      expect(messages.map((m) => m.envelope.data.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(messages[4].envelope).toMatchObject({
        type: 'contact.updated',
        version: 1,
        data: { contactId: contact.id, contact: { company: 'C4' } },
      });
    });

    it('a publication repeated (acknowledged, then not recorded) is stored once', async () => {
      await createContact(app, ws.apiKey);
      await drainWorkspace(app, ws.workspace.id);
      // As if the instance died between the stream's ack and the delivery's record: due again.
      await db.query(
        `UPDATE outbox_deliveries d SET status = 'pending', delivered_at = NULL FROM outbox_events e
        WHERE e.id = d.event_id AND e.workspace_id = $1 AND d.consumer = 'broker.nats'`,
        [ws.workspace.id],
      );
      await drainWorkspace(app, ws.workspace.id);
      expect(await workspaceMessages(ws.workspace.id)).toHaveLength(1);
    });

    it("an erasure deletes the contact's messages from the stream, then publishes contact.erased", async () => {
      const contact = await createContact(app, ws.apiKey, { firstName: 'Forgettable' });
      await api('patch', `/v1/contacts/${contact.id}`).send({ company: 'Secret Corp' }).expect(200);
      await drainWorkspace(app, ws.workspace.id);
      expect(await workspaceMessages(ws.workspace.id)).toHaveLength(2);
      await api('post', `/v1/contacts/${contact.id}/erase`).expect(200);
      await drainWorkspace(app, ws.workspace.id);
      const left = await workspaceMessages(ws.workspace.id);
      expect(left.map((m) => m.envelope.type)).toEqual(['contact.erased']);
      expect(JSON.stringify(left)).not.toContain('Forgettable');
      const [{ n }] = await db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM broker_messages WHERE contact_id = $1`,
        [contact.id],
      );
      expect(Number(n)).toBe(0);
    });

    it('with NATS unreachable, publications wait and are retried; requests and other consumers go on', async () => {
      const offline = await createTestApp({
        ...GENEROUS_RATE_LIMITS,
        NATS_URL: 'nats://127.0.0.1:1',
        NATS_STREAM: TEST_STREAM,
      });
      try {
        const other = await createWorkspace(offline);
        const res = await request(offline.getHttpServer())
          .post('/v1/contacts')
          .set('X-API-Key', other.apiKey)
          .send({ firstName: 'Offline', phone: '+254711000999' });
        expect(res.status).toBe(201);
        const { OutboxDispatcher } = await import('../../src/outbox/outbox-dispatcher');
        await offline.get(OutboxDispatcher).drain();
        const rows = await waitFor(
          async () => {
            const found = await db.query<{ consumer: string; status: string; attempts: number }[]>(
              `SELECT d.consumer, d.status, d.attempts FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id WHERE e.workspace_id = $1 ORDER BY d.consumer`,
              [other.workspace.id],
            );
            return found.find((r) => r.consumer === 'broker.nats' && r.attempts > 0)
              ? found
              : undefined;
          },
          { what: 'an attempt to publish' },
        );
        const broker = rows.find((r) => r.consumer === 'broker.nats');
        expect(broker?.status).toBe('pending');
        expect(
          rows.filter((r) => r.consumer !== 'broker.nats').every((r) => r.status === 'delivered'),
        ).toBe(true);
      } finally {
        await offline.close();
      }
    });
  },
);
