import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import {
  type AttemptOutcome,
  type ClaimedWebhook,
  WebhookDeliveriesRepository,
} from '../../src/webhooks/webhook-deliveries.repository';
import { WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher';
import { DataSource } from 'typeorm';
import { GENEROUS_RATE_LIMITS } from '../contacts/support';
import { createContact } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { createTestApp } from '../utils/create-test-app';
import { drainWorkspace } from '../utils/outbox';

/**
 * Webhook dispatchers hold endpoints, not deliveries (WebhookDispatcher): the claim statement on
 * real PostgreSQL, called as two dispatchers would call it, with the time given to it. Nothing
 * here sends a request: no dispatcher runs in the app (WEBHOOK_DISPATCH=false).
 */
describe('webhook endpoint holds', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let deliveries: WebhookDeliveriesRepository;
  const holds = { safeMs: 3_000, renewMs: 5_000, holdMs: 7_000 };
  const claim = (dispatcher: string, at: Date, sending: ClaimedWebhook[] = []) =>
    deliveries.claim(dispatcher, at, holds, 100, () => 10, {
      perEndpoint: 10,
      sending: sending.map((d) => d.id),
      scope: { workspaceId: ws.workspace.id },
    });
  const delivered = (delivery: ClaimedWebhook, at: Date): AttemptOutcome => ({
    id: delivery.id,
    attempts: delivery.attempts,
    attemptedAt: at,
    statusCode: 204,
    latencyMs: 1,
    error: null,
    status: 'delivered',
    nextAttemptAt: at,
  });
  const bodyOf = (d: ClaimedWebhook) =>
    JSON.parse(d.body) as { type: string; data: { contactId: string } };
  const eventsOf = (claimed: ClaimedWebhook[]) => claimed.map((d) => bodyOf(d).type).sort();

  beforeAll(async () => {
    app = await createTestApp({ ...GENEROUS_RATE_LIMITS, WEBHOOKS_ALLOW_PRIVATE: 'true' });
    deliveries = app.get(WebhookDeliveriesRepository);
  });
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  /** Two endpoints; contact X created then updated, contact Y created: 3 deliveries each. */
  async function twoEndpoints(): Promise<{ endpoints: string[]; x: string }> {
    const endpoints: string[] = [];
    for (const name of ['one', 'two']) {
      const res = await request(app.getHttpServer())
        .post('/v1/webhooks')
        .set('X-API-Key', ws.apiKey)
        .send({ url: `http://127.0.0.1:9/${name}`, events: ['*'] })
        .expect(201);
      endpoints.push((res.body as { id: string }).id);
    }
    const x = await createContact(app, ws.apiKey);
    await request(app.getHttpServer())
      .patch(`/v1/contacts/${x.id}`)
      .set('X-API-Key', ws.apiKey)
      .send({ company: 'Later' })
      .expect(200);
    await createContact(app, ws.apiKey);
    await drainWorkspace(app, ws.workspace.id);
    return { endpoints, x: x.id };
  }

  it('lets one dispatcher at a time send to an endpoint, in per-contact order, leaving out what it has in flight', async () => {
    const { endpoints, x } = await twoEndpoints();
    const [a, b] = [randomUUID(), randomUUID()];
    const t0 = new Date();

    // A takes both endpoints: of each, X's creation and Y's (X's update waits for X's creation).
    const first = await claim(a, t0);
    expect(first).toHaveLength(4);
    expect(new Set(first.map((d) => d.endpoint_id))).toEqual(new Set(endpoints));
    expect(eventsOf(first)).toEqual(Array(4).fill('contact.created'));
    expect(first.every((d) => d.attempts === 1)).toBe(true);

    // B gets nothing while A holds them; A gets nothing new while the four are in flight.
    expect(await claim(b, t0)).toEqual([]);
    expect(await claim(a, t0, first)).toEqual([]);

    // X's creation at the first endpoint is recorded as delivered: X's update is next there, for A only.
    const [endpointOne] = endpoints;
    const xCreated = first.find(
      (d) => d.endpoint_id === endpointOne && bodyOf(d).data.contactId === x,
    ) as ClaimedWebhook;
    await deliveries.record([delivered(xCreated, t0)]);
    const stillOut = first.filter((d) => d.id !== xCreated.id);
    expect(await claim(b, t0, stillOut)).toEqual([]);
    const next = await claim(a, t0, stillOut);
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ endpoint_id: endpointOne, attempts: 1 });
    expect(bodyOf(next[0])).toMatchObject({ type: 'contact.updated', data: { contactId: x } });
  });

  it("takes a dead dispatcher's endpoints once their hold runs out, and a stopped one's at once", async () => {
    const { endpoints } = await twoEndpoints();
    const [dead, other, stopping] = [randomUUID(), randomUUID(), randomUUID()];
    const t0 = new Date();
    const taken = await claim(dead, t0);
    expect(taken).toHaveLength(4);

    // Before the hold runs out: nothing for another dispatcher.
    expect(await claim(other, new Date(t0.getTime() + holds.holdMs - 100))).toEqual([]);
    // After: the same deliveries again (never recorded: sent again, at least once).
    const after = new Date(t0.getTime() + holds.holdMs + 100);
    const again = await claim(stopping, after);
    expect(again.map((d) => d.id).sort()).toEqual(taken.map((d) => d.id).sort());
    expect(new Set(again.map((d) => d.endpoint_id))).toEqual(new Set(endpoints));

    // A stopping dispatcher lets go: the next one takes them at once.
    expect(await claim(other, after)).toEqual([]);
    await deliveries.releaseEndpoints(stopping);
    expect((await claim(other, after)).map((d) => d.id).sort()).toEqual(
      taken.map((d) => d.id).sort(),
    );
  });

  it('a dispatcher that stops lets go of the endpoints it held', async () => {
    const { endpoints } = await twoEndpoints();
    const holders = () =>
      app
        .get(DataSource)
        .query<{ dispatcher_id: string | null }[]>(
          `SELECT dispatcher_id FROM webhook_endpoints WHERE id = ANY($1) ORDER BY id`,
          [endpoints],
        );
    const other = await createTestApp({
      ...GENEROUS_RATE_LIMITS,
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOK_TIMEOUT_MS: '500',
    });
    try {
      // Nothing listens on port 9: every attempt fails and waits out its backoff, the holds stay.
      await other.get(WebhookDispatcher).drain({ workspaceId: ws.workspace.id });
      const held = await holders();
      expect(held).toHaveLength(2);
      expect(held.every((row) => row.dispatcher_id !== null)).toBe(true);
    } finally {
      await other.close();
    }
    expect(await holders()).toEqual([{ dispatcher_id: null }, { dispatcher_id: null }]);
  });

  it('renews the hold of a dispatcher that keeps claiming, and records each attempt once', async () => {
    await twoEndpoints();
    const [a, b] = [randomUUID(), randomUUID()];
    const t0 = new Date();
    const first = await claim(a, t0);
    // Claiming again when less than renewMs is left renews the hold past the first one's end...
    const renewedAt = new Date(t0.getTime() + holds.holdMs - holds.renewMs + 100);
    expect(await claim(a, renewedAt, first)).toEqual([]);
    // ...so B still gets nothing just after the first hold would have ended.
    expect(await claim(b, new Date(t0.getTime() + holds.holdMs + 100))).toEqual([]);

    // The same attempt recorded twice (two dispatchers after a lost hold) counts once.
    await deliveries.record([delivered(first[0], t0)]);
    await deliveries.record([delivered(first[0], t0)]);
    const rows = await request(app.getHttpServer())
      .get(`/v1/webhooks/${first[0].endpoint_id}/deliveries`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    const row = (
      rows.body as { items: { id: string; attempts: number; status: string }[] }
    ).items.find((d) => d.id === first[0].id);
    expect(row).toMatchObject({ attempts: 1, status: 'delivered' });
  });
});
