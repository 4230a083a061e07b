import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource, type EntityManager } from 'typeorm';
import { newId } from '../../src/common/ids/object-id';
import { ConversationsService } from '../../src/conversations/conversations.service';
import { ConversationEntity } from '../../src/conversations/entities/conversation.entity';
import { OutboxDeliveryEntity } from '../../src/outbox/outbox-delivery.entity';
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher';
import { OutboxEventEntity } from '../../src/outbox/outbox-event.entity';
import { type ClaimedDelivery, OutboxRepository } from '../../src/outbox/outbox.repository';
import { uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { createTestApp } from '../utils/create-test-app';

/** Rejects when `work` has not settled within `ms`: a test that would hang fails instead. */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

describe('outbox edges', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await createTestApp({
      OUTBOX_DELIVERY_TIMEOUT_MS: '300',
      OUTBOX_LEASE_MS: '10000',
      // A failed attempt is due again only after the test has looked at it.
      OUTBOX_RETRY_BASE_MS: '60000',
    });
    ws = await createWorkspace(app);
    dataSource = app.get(DataSource);
  });
  afterAll(() => app.close());

  it('a consumer that never settles times out as a failed attempt; the drain returns and the rest is delivered', async () => {
    const http = () => request(app.getHttpServer());
    // A conversation waits at the first contact's number: linking it is work for the consumer
    // (a contact with no conversation costs the consumer one probe and no call).
    const hungPhone = uniquePhone();
    await dataSource.getRepository(ConversationEntity).save({
      id: newId(),
      workspaceId: ws.workspace.id,
      channel: 'whatsapp',
      address: hungPhone,
      status: 'open',
      contactId: null,
      contactSummary: null,
      lastMessageAt: null,
      createdAt: new Date(),
    });
    const hung = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .send({ firstName: 'Hung', phone: hungPhone })
      .expect(201);
    const fine = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .send({ firstName: 'Fine', phone: uniquePhone() })
      .expect(201);
    const conversations = app.get(ConversationsService);
    const syncContact = conversations.syncContact.bind(conversations);
    // conversations.link-contact never settles for the first contact, in this app.
    const spy = jest
      .spyOn(conversations, 'syncContact')
      .mockImplementation((contact) =>
        contact.id === hung.body.id ? new Promise<void>(() => undefined) : syncContact(contact),
      );
    try {
      const started = Date.now();
      await within(app.get(OutboxDispatcher).drain(), 5000, 'the drain');
      expect(Date.now() - started).toBeLessThan(5000);
      expect(spy.mock.calls.some(([contact]) => contact.id === hung.body.id)).toBe(true);
    } finally {
      spy.mockRestore();
    }

    const deliveries = async (contactId: string) => {
      const [event] = await dataSource
        .getRepository(OutboxEventEntity)
        .findBy({ aggregateId: contactId });
      const rows = await dataSource
        .getRepository(OutboxDeliveryEntity)
        .findBy({ eventId: event.id });
      return new Map(rows.map((d) => [d.consumer, d]));
    };
    const ofHung = await deliveries(hung.body.id);
    expect(ofHung.get('conversations.link-contact')).toMatchObject({
      status: 'pending',
      attempts: 1,
      lockedUntil: null,
      lastError: expect.stringMatching(/timed out after 300 ms/i),
    });
    // Retried with backoff like any failure.
    expect(ofHung.get('conversations.link-contact')?.nextAttemptAt.getTime()).toBeGreaterThan(
      Date.now() + 10_000,
    );
    // The other consumer of the same event, and the other event, were delivered.
    expect(ofHung.get('messaging.link-messages')).toMatchObject({
      status: 'delivered',
      lastError: null,
    });
    for (const delivery of (await deliveries(fine.body.id)).values()) {
      expect(delivery).toMatchObject({ status: 'delivered', lastError: null });
    }
  });

  describe('a result recorded after the lease ran out', () => {
    // Deliveries of events this test writes itself, to a consumer no application has. They are
    // never due for the other test apps on the suite's database (next_attempt_at a day ahead):
    // they are made due inside the transaction that claims them and put back before it commits,
    // so the real claim statement takes exactly these rows.
    const consumer = `test.lease-${randomUUID().slice(0, 8)}`;
    const eventIds: string[] = [];
    const COUNT = 20;

    const claimOurs = (leaseMs: number): Promise<ClaimedDelivery[]> =>
      dataSource.transaction(async (manager: EntityManager) => {
        await manager.query(
          `UPDATE outbox_deliveries SET next_attempt_at = '-infinity' WHERE event_id = ANY($1::uuid[])`,
          [eventIds],
        );
        // The repository on this transaction (it only calls `query`).
        const claimed = await new OutboxRepository(manager as unknown as DataSource).claimBatch(
          consumer,
          false,
          leaseMs,
          eventIds.length,
        );
        await manager.query(
          `UPDATE outbox_deliveries SET next_attempt_at = now() + interval '1 day' WHERE event_id = ANY($1::uuid[])`,
          [eventIds],
        );
        return claimed.sort((a, b) => eventIds.indexOf(a.event_id) - eventIds.indexOf(b.event_id));
      });
    const rows = async () =>
      (
        await dataSource
          .getRepository(OutboxDeliveryEntity)
          .find({ where: eventIds.map((eventId) => ({ eventId })) })
      ).sort((a, b) => eventIds.indexOf(a.eventId) - eventIds.indexOf(b.eventId));

    beforeAll(async () => {
      for (let i = 0; i < COUNT; i++) eventIds.push(randomUUID());
      await dataSource.query(
        `INSERT INTO outbox_events (id, workspace_id, aggregate_type, aggregate_id, sequence, event_name, payload, occurred_at)
         SELECT id, $2, 'test', $3, n, 'test.lease', '{}'::jsonb, now() FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
        [eventIds, ws.workspace.id, newId()],
      );
      await dataSource.query(
        `INSERT INTO outbox_deliveries (event_id, consumer, next_attempt_at, aggregate_type, aggregate_id, sequence)
         SELECT e.id, $2, now() + interval '1 day', e.aggregate_type, e.aggregate_id, e.sequence FROM outbox_events e WHERE e.id = ANY($1::uuid[])`,
        [eventIds, consumer],
      );
    });
    afterAll(() =>
      dataSource.query('DELETE FROM outbox_events WHERE id = ANY($1::uuid[])', [eventIds]),
    );

    it('changes nothing: the row stays with the claim that holds it, or delivered with its data', async () => {
      const repository = app.get(OutboxRepository);
      // Dispatcher A claims with a lease that runs out at once...
      const a = await claimOurs(1);
      expect(a.map((d) => [d.event_id, d.attempts])).toEqual(eventIds.map((id) => [id, 1]));
      for (;;) {
        const [{ expired }] = await dataSource.query<{ expired: boolean }[]>(
          'SELECT bool_and(locked_until <= now()) AS expired FROM outbox_deliveries WHERE event_id = ANY($1::uuid[])',
          [eventIds],
        );
        if (expired) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      // ...B claims the same rows again and delivers the first half.
      const b = await claimOurs(60_000);
      expect(b.map((d) => [d.event_id, d.attempts])).toEqual(eventIds.map((id) => [id, 2]));
      const half = COUNT / 2;
      const { lost: byB } = await repository.markDelivered(b.slice(0, half));
      const afterB = await rows();
      expect(afterB.map((d) => d.status)).toEqual([
        ...Array(half).fill('delivered'),
        ...Array(half).fill('pending'),
      ]);
      expect(
        afterB
          .slice(half)
          .every((d) => d.lockedUntil !== null && d.lockedUntil.getTime() > Date.now()),
      ).toBe(true);

      // A's late results: a failure and a success, on rows B delivered and on rows B still holds.
      const lateFailures: unknown[] = [];
      for (const delivery of a) {
        lateFailures.push(await repository.recordFailure(delivery, 'late failure of A', 0, false));
      }
      lateFailures.push(await repository.recordFailure(a[0], 'late failure of A', 0, true));
      expect(await rows()).toEqual(afterB);
      const { lost: lateSuccesses } = await repository.markDelivered(a);
      expect(await rows()).toEqual(afterB);
      expect(lateFailures).toEqual(Array(COUNT + 1).fill(false));
      expect(lateSuccesses).toHaveLength(COUNT);
      expect(byB).toEqual([]);

      // B's own results are recorded: its claim token matches exactly.
      expect(await repository.recordFailure(b[half], 'failure of B', 60_000, false)).toBe(true);
      expect((await repository.markDelivered(b.slice(half + 1))).lost).toEqual([]);
      const final = await rows();
      expect(final[half]).toMatchObject({
        status: 'pending',
        attempts: 2,
        lockedUntil: null,
        lastError: 'failure of B',
      });
      expect(final.filter((d) => d.status === 'delivered')).toHaveLength(COUNT - 1);
      // And only once: B's token is spent.
      expect(await repository.recordFailure(b[half], 'again', 0, true)).toBe(false);
      expect((await repository.markDelivered(b)).lost).toHaveLength(COUNT);
      expect(await rows()).toEqual(final);
    });
  });
});
