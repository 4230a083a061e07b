import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { newId } from '../../src/common/ids/object-id';
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher';
import { OutboxRepository } from '../../src/outbox/outbox.repository';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { createTestApp } from '../utils/create-test-app';

/**
 * Ordered consumers (webhooks, the broker): an aggregate's event is claimed for such a consumer
 * only once every earlier event of that aggregate is delivered (or parked) for it.
 */
describe('ordered outbox consumers', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let outbox: OutboxRepository;
  let db: DataSource;
  /** Consumer names of this run only, so that the claims below take no other test's rows. */
  const ordered = `test.ordered-${randomUUID().slice(0, 8)}`;
  const free = `test.free-${randomUUID().slice(0, 8)}`;

  /** An event of `aggregate` at `sequence`, with a delivery for both consumers. */
  const event = async (aggregate: string, sequence: number): Promise<string> => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO outbox_events (id, workspace_id, aggregate_type, aggregate_id, sequence, event_name, payload, occurred_at)
       VALUES ($1, $2, 'contact', $3, $4, 'contact.updated', '{}', now())`,
      [id, ws.workspace.id, aggregate, sequence],
    );
    await db.query(
      `INSERT INTO outbox_deliveries (event_id, consumer, aggregate_type, aggregate_id, sequence) VALUES ($1, $2, 'contact', $4, $5), ($1, $3, 'contact', $4, $5)`,
      [id, ordered, free, aggregate, sequence],
    );
    return id;
  };
  /** What the dispatcher's claims of both consumers take now (each consumer claims its own). */
  const claim = async () =>
    [
      ...(await outbox.claimBatch(ordered, true, 60_000, 100)),
      ...(await outbox.claimBatch(free, false, 60_000, 100)),
    ]
      .map((d) => `${d.consumer === ordered ? 'ordered' : 'free'} ${d.event_id}`)
      .sort();

  beforeAll(async () => {
    app = await createTestApp();
    ws = await createWorkspace(app);
    outbox = app.get(OutboxRepository);
    db = app.get(DataSource);
  });
  afterAll(async () => {
    // Nothing left for another test's dispatcher to find (no process has these consumers).
    await db.query(`DELETE FROM outbox_events WHERE workspace_id = $1`, [ws.workspace.id]);
    await app.close();
  });

  it('claims only the earliest pending event of each aggregate for an ordered consumer, every event for the others', async () => {
    const [a, b] = [newId(), newId()];
    // Written out of order: the order is the aggregate's sequence, not the rows'.
    const a2 = await event(a, 2);
    const a1 = await event(a, 1);
    const a3 = await event(a, 3);
    const b1 = await event(b, 1);
    expect(await claim()).toEqual(
      [
        `free ${a1}`,
        `free ${a2}`,
        `free ${a3}`,
        `free ${b1}`,
        `ordered ${a1}`,
        `ordered ${b1}`,
      ].sort(),
    );

    // a1 held by a claim (in flight) or failed and due again later: a2 waits either way.
    const [held] = await db.query<{ attempts: number; locked_until: string }[]>(
      `SELECT attempts, locked_until::text FROM outbox_deliveries WHERE event_id = $1 AND consumer = $2`,
      [a1, ordered],
    );
    await outbox.recordFailure({ event_id: a1, consumer: ordered, ...held }, 'down', 0, false);
    expect(await claim()).toEqual([`ordered ${a1}`]);

    // Delivered: a2 is next (and only a2).
    const [again] = await db.query<{ attempts: number; locked_until: string }[]>(
      `SELECT attempts, locked_until::text FROM outbox_deliveries WHERE event_id = $1 AND consumer = $2`,
      [a1, ordered],
    );
    // Recorded, it says a later event of `a` is pending (the lane claims again for it); b1's does not.
    expect(
      await outbox.markDelivered([{ event_id: a1, consumer: ordered, ...again }], true),
    ).toEqual({ lost: [], later: true });
    expect(await claim()).toEqual([`ordered ${a2}`]);

    // A parked (failed) event does not hold the later ones back.
    const [third] = await db.query<{ attempts: number; locked_until: string }[]>(
      `SELECT attempts, locked_until::text FROM outbox_deliveries WHERE event_id = $1 AND consumer = $2`,
      [a2, ordered],
    );
    await outbox.recordFailure({ event_id: a2, consumer: ordered, ...third }, 'gave up', 0, true);
    expect(await claim()).toEqual([`ordered ${a3}`]);

    // The last of each aggregate: nothing later pending, whether asked for or not.
    const tokens = await db.query<{ event_id: string; attempts: number; locked_until: string }[]>(
      `SELECT event_id, attempts, locked_until::text FROM outbox_deliveries WHERE event_id = ANY($1) AND consumer = $2`,
      [[a3, b1], ordered],
    );
    const last = tokens.map((t) => ({ ...t, consumer: ordered }));
    expect(await outbox.markDelivered(last.slice(0, 1), true)).toEqual({ lost: [], later: false });
    expect(await outbox.markDelivered(last.slice(1), false)).toEqual({ lost: [], later: false });
  });

  it('leaves the deliveries of a consumer it does not have to the instances that have it (a rolling deploy)', async () => {
    const id = await event(newId(), 1);
    await app.get(OutboxDispatcher).drain();
    const rows = await db.query<{ consumer: string; status: string; attempts: number }[]>(
      `SELECT consumer, status, attempts FROM outbox_deliveries WHERE event_id = $1 ORDER BY consumer`,
      [id],
    );
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);
  });
});
