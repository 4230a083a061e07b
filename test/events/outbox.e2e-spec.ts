import { randomUUID } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { newId } from '../../src/common/ids/object-id';
import { ConversationsService } from '../../src/conversations/conversations.service';
import { ConversationEntity } from '../../src/conversations/entities/conversation.entity';
import { MessageEntity } from '../../src/conversations/entities/message.entity';
import { deliveryChannel } from '../../src/outbox/outbox-consumer.decorator';
import { OutboxConsumerRegistry } from '../../src/outbox/outbox-consumer.registry';
import { OutboxDeliveryEntity } from '../../src/outbox/outbox-delivery.entity';
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher';
import { OutboxEventEntity } from '../../src/outbox/outbox-event.entity';
import { uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { runCli } from '../utils/cli';
import { createTestApp } from '../utils/create-test-app';
import { drainWorkspace } from '../utils/outbox';

describe('outbox delivery', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  const http = () => request(app.getHttpServer());
  const deliveriesOf = async (contactId: string) => {
    const events = await app
      .get(DataSource)
      .getRepository(OutboxEventEntity)
      .findBy({ aggregateId: contactId });
    const deliveries = await app
      .get(DataSource)
      .getRepository(OutboxDeliveryEntity)
      .find({ where: events.map((e) => ({ eventId: e.id })) });
    return new Map(
      deliveries.map((d) => [
        `${events.find((e) => e.id === d.eventId)?.eventName} ${d.consumer}`,
        d,
      ]),
    );
  };

  beforeAll(async () => {
    app = await createTestApp();
  });
  // A fresh workspace for every test: none sees what another left.
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  it('a failing consumer is retried, then parked; the request and the other consumer are unaffected; events:retry revives it', async () => {
    // The conversations consumer fails for this number, in every test app that may deliver it:
    // a trigger refuses to link its conversation.
    const dataSource = app.get(DataSource);
    const phone = uniquePhone();
    const trigger = `fail_${randomUUID().replace(/-/g, '')}`;
    await dataSource.query(`CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.address = '${phone}' AND NEW.contact_id IS NOT NULL THEN RAISE EXCEPTION 'inbox index is down'; END IF; RETURN NEW; END $$`);
    await dataSource.query(
      `CREATE TRIGGER ${trigger} BEFORE UPDATE ON conversations FOR EACH ROW EXECUTE FUNCTION ${trigger}()`,
    );
    let contactId: string;
    try {
      await dataSource.getRepository(ConversationEntity).save({
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
      const created = await http()
        .post('/v1/contacts')
        .set('X-API-Key', ws.apiKey)
        .send({ firstName: 'Robust', phone })
        .expect(201);
      contactId = created.body.id;
      await drainWorkspace(app, ws.workspace.id);
    } finally {
      await dataSource.query(`DROP TRIGGER ${trigger} ON conversations`);
      await dataSource.query(`DROP FUNCTION ${trigger}()`);
    }
    const deliveries = await deliveriesOf(contactId);
    const parked = deliveries.get('contact.created conversations.link-contact');
    expect(parked).toMatchObject({ status: 'failed', lastError: 'inbox index is down' });
    expect(parked?.attempts).toBeGreaterThanOrEqual(3);
    expect(deliveries.get('contact.created messaging.link-messages')).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastError: null,
    });

    const eventId = parked?.eventId as string;
    const failed = await runCli(['events:failed', '--limit', '10000'], process.env);
    expect({ code: failed.code, stderr: failed.stderr }).toEqual({ code: 0, stderr: '' });
    expect(failed.stdout).toContain(eventId);
    expect(failed.stdout).toContain('inbox index is down');
    const retry = await runCli(['events:retry', eventId], process.env);
    expect(retry.code).toBe(0);
    expect(retry.stdout).toContain('1 delivery');
    await drainWorkspace(app, ws.workspace.id);
    expect(
      (await deliveriesOf(contactId)).get('contact.created conversations.link-contact'),
    ).toMatchObject({ status: 'delivered' });
    const linked = await dataSource
      .getRepository(ConversationEntity)
      .findOneByOrFail({ workspaceId: ws.workspace.id, address: phone });
    expect(linked.contactId).toBe(contactId);
  });

  it('delivering one event twice changes nothing', async () => {
    const sent = await http()
      .post('/v1/messages')
      .set('X-API-Key', ws.apiKey)
      .send({ phone: uniquePhone(), text: 'twice' })
      .expect(202);
    await http()
      .patch(`/v1/contacts/${sent.body.contactId}`)
      .set('X-API-Key', ws.apiKey)
      .send({ firstName: 'Twice' })
      .expect(200);
    await drainWorkspace(app, ws.workspace.id);
    const dataSource = app.get(DataSource);
    const snapshot = async () => ({
      conversations: await dataSource
        .getRepository(ConversationEntity)
        .findBy({ workspaceId: ws.workspace.id }),
      messages: await dataSource
        .getRepository(MessageEntity)
        .findBy({ workspaceId: ws.workspace.id }),
    });
    const before = await snapshot();
    const events = await dataSource
      .getRepository(OutboxEventEntity)
      .find({ where: { aggregateId: sent.body.contactId }, order: { sequence: 'ASC' } });
    expect(events.map((e) => e.eventName)).toEqual(['contact.created', 'contact.updated']);
    const emitter = app.get(EventEmitter2);
    const registry = app.get(OutboxConsumerRegistry);
    // Again, in order, and then in reverse order, one at a time and then as one batch.
    const deliverAgain = async (batch: OutboxEventEntity[]) => {
      for (const consumer of [
        'conversations.link-contact',
        'conversations.refresh-contact',
        'messaging.link-messages',
      ]) {
        const mine = batch.filter((e) => registry.consumersOf(e.eventName).includes(consumer));
        const handler = registry.batchHandler(consumer);
        if (handler) {
          if (mine.length > 0) {
            await Promise.all(await handler(mine.map((e) => e.payload as Record<string, unknown>)));
          }
          continue;
        }
        for (const event of mine) {
          const channel = deliveryChannel(event.eventName, consumer);
          if (emitter.listenerCount(channel) > 0) await emitter.emitAsync(channel, event.payload);
        }
      }
    };
    for (const event of [...events, ...[...events].reverse()]) await deliverAgain([event]);
    await deliverAgain([...events].reverse());
    expect(await snapshot()).toEqual(before);
    expect(before.conversations[0]?.contactSummary?.fullName).toBe('Twice');
  });

  it('two dispatchers on one database deliver each event once', async () => {
    const second = await createTestApp();
    try {
      const spies = [app, second].map((a) =>
        jest.spyOn(a.get(ConversationsService), 'syncContact'),
      );
      const created: string[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await http()
          .post('/v1/contacts')
          .set('X-API-Key', ws.apiKey)
          .send({ firstName: `Once ${i}`, phone: uniquePhone() })
          .expect(201);
        created.push(res.body.id);
      }
      await Promise.all([
        app.get(OutboxDispatcher).drain(),
        second.get(OutboxDispatcher).drain(),
        app.get(OutboxDispatcher).drain(),
      ]);
      await drainWorkspace(app, ws.workspace.id);
      // No event went to a consumer twice (other test apps on the suite's database may take some).
      const calls = spies
        .flatMap((spy) => spy.mock.calls.map(([contact]) => contact.id))
        .filter((id) => created.includes(id));
      expect(new Set(calls).size).toBe(calls.length);
      for (const id of created) {
        const deliveries = await deliveriesOf(id);
        for (const delivery of deliveries.values()) {
          expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });
        }
      }
      spies.forEach((spy) => spy.mockRestore());
    } finally {
      await second.close();
    }
  });
  it('purge deletes delivered events past OUTBOX_RETENTION_DAYS (7), never pending, parked or recent ones', async () => {
    const dataSource = app.get(DataSource);
    const ids: Record<'old' | 'parked' | 'pending' | 'recent', string> = {
      old: '',
      parked: '',
      pending: '',
      recent: '',
    };
    for (const name of Object.keys(ids) as (keyof typeof ids)[]) {
      const res = await http()
        .post('/v1/contacts')
        .set('X-API-Key', ws.apiKey)
        .send({ firstName: name, phone: uniquePhone() })
        .expect(201);
      ids[name] = res.body.id;
    }
    await drainWorkspace(app, ws.workspace.id);
    const backdate = (contactId: string, days: number) =>
      dataSource.query(
        `UPDATE outbox_events SET occurred_at = now() - make_interval(days => $2) WHERE aggregate_id = $1`,
        [contactId, days],
      );
    const setOneDelivery = (contactId: string, status: string) =>
      dataSource.query(
        `UPDATE outbox_deliveries SET status = $2, next_attempt_at = now() + interval '1 day'
          WHERE (event_id, consumer) = (SELECT d.event_id, d.consumer FROM outbox_deliveries d
            JOIN outbox_events e ON e.id = d.event_id WHERE e.aggregate_id = $1 LIMIT 1)`,
        [contactId, status],
      );
    await backdate(ids.old, 8);
    await backdate(ids.parked, 30);
    await setOneDelivery(ids.parked, 'failed');
    await backdate(ids.pending, 30);
    await setOneDelivery(ids.pending, 'pending');
    await backdate(ids.recent, 6);

    const eventIds = async (contactId: string) =>
      (await dataSource.getRepository(OutboxEventEntity).findBy({ aggregateId: contactId })).map(
        (e) => e.id,
      );
    const before = new Map<string, string[]>();
    for (const id of Object.values(ids)) before.set(id, await eventIds(id));

    expect(await app.get(OutboxDispatcher).purge()).toBeGreaterThanOrEqual(1);

    const left = async (contactId: string) => {
      const [{ n }] = await dataSource.query<{ n: string }[]>(
        'SELECT count(*) AS n FROM outbox_deliveries WHERE event_id = ANY($1::uuid[])',
        [before.get(contactId)],
      );
      return { events: (await eventIds(contactId)).length, deliveries: Number(n) };
    };
    // Each contact has one event (created) with one delivery per consumer of it.
    const consumers = (await left(ids.recent)).deliveries;
    expect(consumers).toBeGreaterThan(0);
    expect(await left(ids.old)).toEqual({ events: 0, deliveries: 0 });
    for (const kept of [ids.parked, ids.pending, ids.recent]) {
      expect(await left(kept)).toEqual({ events: 1, deliveries: consumers });
    }
    // The contacts themselves are untouched.
    await http().get(`/v1/contacts/${ids.old}`).set('X-API-Key', ws.apiKey).expect(200);
  });
});
