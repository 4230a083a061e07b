import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource, type EntityManager } from 'typeorm';
import { newId } from '../../src/common/ids/object-id';
import { OutboxDeliveryEntity } from '../../src/outbox/outbox-delivery.entity';
import { type ClaimedDelivery, OutboxRepository } from '../../src/outbox/outbox.repository';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { createTestApp } from '../utils/create-test-app';

describe('outbox edges', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    ws = await createWorkspace(app);
    dataSource = app.get(DataSource);
  });
  afterAll(() => app.close());

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
        await manager.query(`UPDATE outbox_deliveries SET next_attempt_at = '-infinity' WHERE event_id = ANY($1::uuid[])`, [eventIds]);
        // The repository on this transaction (it only calls `query`).
        const claimed = await new OutboxRepository(manager as unknown as DataSource).claim(leaseMs, eventIds.length);
        await manager.query(`UPDATE outbox_deliveries SET next_attempt_at = now() + interval '1 day' WHERE event_id = ANY($1::uuid[])`, [eventIds]);
        return claimed.sort((a, b) => eventIds.indexOf(a.event_id) - eventIds.indexOf(b.event_id));
      });
    const rows = async () =>
      (
        await dataSource.getRepository(OutboxDeliveryEntity).find({ where: eventIds.map((eventId) => ({ eventId })) })
      ).sort((a, b) => eventIds.indexOf(a.eventId) - eventIds.indexOf(b.eventId));

    beforeAll(async () => {
      for (let i = 0; i < COUNT; i++) eventIds.push(randomUUID());
      await dataSource.query(
        `INSERT INTO outbox_events (id, workspace_id, aggregate_type, aggregate_id, sequence, event_name, payload, occurred_at)
         SELECT id, $2, 'test', $3, n, 'test.lease', '{}'::jsonb, now() FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
        [eventIds, ws.workspace.id, newId()],
      );
      await dataSource.query(
        `INSERT INTO outbox_deliveries (event_id, consumer, next_attempt_at)
         SELECT id, $2, now() + interval '1 day' FROM unnest($1::uuid[]) AS t(id)`,
        [eventIds, consumer],
      );
    });
    afterAll(() => dataSource.query('DELETE FROM outbox_events WHERE id = ANY($1::uuid[])', [eventIds]));

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
      const byB = await repository.markDelivered(b.slice(0, half));
      const afterB = await rows();
      expect(afterB.map((d) => d.status)).toEqual([...Array(half).fill('delivered'), ...Array(half).fill('pending')]);
      expect(afterB.slice(half).every((d) => d.lockedUntil !== null && d.lockedUntil.getTime() > Date.now())).toBe(true);

      // A's late results: a failure and a success, on rows B delivered and on rows B still holds.
      const lateFailures: unknown[] = [];
      for (const delivery of a) lateFailures.push(await repository.recordFailure(delivery, 'late failure of A', 0, false));
      lateFailures.push(await repository.recordFailure(a[0], 'late failure of A', 0, true));
      expect(await rows()).toEqual(afterB);
      const lateSuccesses = await repository.markDelivered(a);
      expect(await rows()).toEqual(afterB);
      expect(lateFailures).toEqual(Array(COUNT + 1).fill(false));
      expect(lateSuccesses).toHaveLength(COUNT);
      expect(byB).toEqual([]);

      // B's own results are recorded: its claim token matches exactly.
      expect(await repository.recordFailure(b[half], 'failure of B', 60_000, false)).toBe(true);
      expect(await repository.markDelivered(b.slice(half + 1))).toEqual([]);
      const final = await rows();
      expect(final[half]).toMatchObject({ status: 'pending', attempts: 2, lockedUntil: null, lastError: 'failure of B' });
      expect(final.filter((d) => d.status === 'delivered')).toHaveLength(COUNT - 1);
      // And only once: B's token is spent.
      expect(await repository.recordFailure(b[half], 'again', 0, true)).toBe(false);
      expect(await repository.markDelivered(b)).toHaveLength(COUNT);
      expect(await rows()).toEqual(final);
    });
  });
});
