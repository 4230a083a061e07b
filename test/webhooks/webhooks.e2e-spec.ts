import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/time/clock';
import { WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher';
import { createContact, uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { GENEROUS_RATE_LIMITS } from '../contacts/support';
import { runCli } from '../utils/cli';
import { createTestApp } from '../utils/create-test-app';
import { expectError } from '../utils/expect-error';
import { drainWorkspace } from '../utils/outbox';
import { Receiver } from '../utils/receiver';

interface Envelope {
  id: string;
  type: string;
  version: number;
  timestamp: string;
  data: {
    eventId: string;
    contactId: string;
    contact?: Record<string, unknown>;
    changes?: Record<string, { from: unknown; to: unknown }>;
  };
}

/** SPEC §12: webhooks. */
describe('webhooks', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let receiver: Receiver;
  let clock: Clock;
  /** The time the service reads; moved by tests that wait out a backoff. */
  let now: number;
  const http = () => request(app.getHttpServer());
  const api = (method: 'get' | 'post' | 'patch' | 'delete', path: string) =>
    http()[method](path).set('X-API-Key', ws.apiKey);
  const addEndpoint = async (body: object = {}) => {
    const res = await api('post', '/v1/webhooks')
      .send({ url: receiver.url, events: ['*'], ...body })
      .expect(201);
    return res.body as { id: string; secret: string };
  };
  /** Delivers the workspace's events: the outbox (fan-out), then the webhooks due at the clock's time. */
  const deliver = async () => {
    await drainWorkspace(app, ws.workspace.id);
    await app.get(WebhookDispatcher).drain({ workspaceId: ws.workspace.id });
  };
  const deliveriesOf = async (endpointId: string) =>
    (await api('get', `/v1/webhooks/${endpointId}/deliveries`).expect(200)).body.items as {
      id: string;
      status: string;
      attempts: number;
      eventType: string;
      lastStatusCode: number | null;
      nextAttemptAt: string | null;
      attemptLog: { statusCode: number | null; error: string | null }[];
    }[];

  beforeAll(async () => {
    // Few slots in all (20), so that a backlog is much larger than what one claim reads.
    app = await createTestApp({
      ...GENEROUS_RATE_LIMITS,
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      WEBHOOK_TIMEOUT_MS: '1000',
      WEBHOOK_RETRY_BASE_MS: '60000',
      WEBHOOK_CONCURRENCY: '20',
    });
    await app.listen(0, '127.0.0.1');
    clock = app.get(Clock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(now));
  });
  beforeEach(async () => {
    now = Date.now();
    ws = await createWorkspace(app);
    receiver = await new Receiver().start();
  });
  afterEach(() => receiver.stop());
  afterAll(() => app.close());

  describe('endpoints', () => {
    it('shows the secret once, lists and changes endpoints, and deletes them', async () => {
      const created = await api('post', '/v1/webhooks')
        .send({ url: receiver.url, events: ['contact.created'], description: ' CRM sync ' })
        .expect(201);
      expect(created.headers.location).toBe(`/v1/webhooks/${created.body.id}`);
      expect(created.body).toMatchObject({
        url: receiver.url,
        events: ['contact.created'],
        enabled: true,
        description: 'CRM sync',
        disabledReason: null,
      });
      expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      const listed = await api('get', '/v1/webhooks').expect(200);
      expect(listed.body.items).toHaveLength(1);
      expect(listed.body.items[0].secret).toBeUndefined();
      expect(
        (await api('get', `/v1/webhooks/${created.body.id}`).expect(200)).body.secret,
      ).toBeUndefined();
      const patched = await api('patch', `/v1/webhooks/${created.body.id}`)
        .send({ events: ['*'], enabled: false })
        .expect(200);
      expect(patched.body).toMatchObject({ events: ['*'], enabled: false });
      await api('delete', `/v1/webhooks/${created.body.id}`).expect(204);
      expectError(await api('get', `/v1/webhooks/${created.body.id}`), 404, 'webhook_not_found');
    });

    it('refuses bad endpoints with 400, and needs the manage:webhooks scope', async () => {
      for (const [body, field] of [
        [{ url: 'ftp://example.com', events: ['*'] }, 'url'],
        [{ url: 'https://user:pw@example.com/', events: ['*'] }, 'url'],
        [{ url: receiver.url, events: [] }, 'events'],
        [{ url: receiver.url, events: ['contact.exploded'] }, 'events'],
        [{ url: receiver.url, events: ['*', '*'] }, 'events'],
        [{ url: receiver.url }, 'events'],
      ] as const) {
        expect(
          expectError(await api('post', '/v1/webhooks').send(body), 400, 'validation_failed').map(
            (d) => d.field,
          ),
        ).toContain(field);
      }
      const writer = await ws.newKey(['write:contacts', 'read:contacts']);
      expectError(
        await http().get('/v1/webhooks').set('X-API-Key', writer),
        403,
        'insufficient_scope',
      );
    });

    it('refuses private, loopback and link-local receivers unless WEBHOOKS_ALLOW_PRIVATE', async () => {
      const strict = await createTestApp({ ...GENEROUS_RATE_LIMITS });
      try {
        const other = await createWorkspace(strict);
        for (const url of [
          receiver.url,
          'http://localhost:8080/x',
          'http://10.1.2.3/x',
          'http://169.254.169.254/latest/meta-data',
          'http://[::1]:9000/',
          'http://[::ffff:127.0.0.1]/',
          'http://192.168.1.10/',
        ]) {
          const res = await request(strict.getHttpServer())
            .post('/v1/webhooks')
            .set('X-API-Key', other.apiKey)
            .send({ url, events: ['*'] });
          expect(expectError(res, 400, 'validation_failed')[0]).toMatchObject({
            field: 'url',
            message: expect.stringContaining('private') as string,
          });
        }
      } finally {
        await strict.close();
      }
    });
  });

  describe('delivery', () => {
    it('sends each event once per endpoint, signed per Standard Webhooks (checked by the standardwebhooks library)', async () => {
      const { id, secret } = await addEndpoint();
      const contact = await createContact(app, ws.apiKey);
      await api('patch', `/v1/contacts/${contact.id}`).send({ company: 'Acme' }).expect(200);
      await deliver();
      expect(receiver.received).toHaveLength(2);
      const verifier = new Webhook(secret);
      const [created, updated] = receiver.received.map(
        (r) => verifier.verify(r.body, r.headers as Record<string, string>) as Envelope,
      );
      expect(created).toMatchObject({
        type: 'contact.created',
        version: 1,
        data: { contactId: contact.id, contact: { id: contact.id, company: null } },
      });
      expect(updated).toMatchObject({
        type: 'contact.updated',
        data: { contactId: contact.id, changes: { company: { from: null, to: 'Acme' } } },
      });
      expect(receiver.received[0].headers['webhook-id']).toBe(created.id);
      expect(created.id).toBe(created.data.eventId);
      // Another secret does not verify it.
      expect(() =>
        new Webhook(`whsec_${Buffer.from('another secret of 24 bytes').toString('base64')}`).verify(
          receiver.received[0].body,
          receiver.received[0].headers as Record<string, string>,
        ),
      ).toThrow();
      const log = await deliveriesOf(id);
      expect(log.map((d) => [d.eventType, d.status, d.attempts, d.lastStatusCode])).toEqual([
        ['contact.updated', 'delivered', 1, 200],
        ['contact.created', 'delivered', 1, 200],
      ]);
      // Delivered again by the outbox (at least once), an event is still sent once.
      await deliver();
      expect(receiver.received).toHaveLength(2);
    });

    it('sends only the subscribed types, and nothing to a disabled endpoint', async () => {
      await addEndpoint({ events: ['contact.updated'] });
      const off = await new Receiver().start();
      try {
        await api('post', '/v1/webhooks')
          .send({ url: off.url, events: ['*'], enabled: false })
          .expect(201);
        const contact = await createContact(app, ws.apiKey);
        await api('patch', `/v1/contacts/${contact.id}`).send({ company: 'X' }).expect(200);
        await deliver();
        expect(receiver.messages().map((m) => m.type)).toEqual(['contact.updated']);
        expect(off.received).toHaveLength(0);
      } finally {
        await off.stop();
      }
    });

    it("keeps each contact's events in order for an endpoint", async () => {
      await addEndpoint();
      // Slow answers, so that the next event would be sent before the first is answered if order were not kept.
      receiver.answer = () => ({ status: 200, delayMs: 30 });
      const contact = await createContact(app, ws.apiKey);
      for (let i = 1; i <= 6; i++) {
        await api('patch', `/v1/contacts/${contact.id}`)
          .send({ company: `C${i}` })
          .expect(200);
      }
      await deliver();
      const companies = receiver.messages<Envelope>().map((m) => m.data.contact?.company ?? null);
      expect(companies).toEqual([null, 'C1', 'C2', 'C3', 'C4', 'C5', 'C6']);
    });

    it('retries a failing endpoint with growing delays, logs every attempt, and parks the delivery after WEBHOOK_RETRY_HOURS', async () => {
      const { id } = await addEndpoint();
      receiver.answer = () => ({ status: 503 });
      await createContact(app, ws.apiKey);
      await deliver();
      const delays: number[] = [];
      for (let attempt = 1; attempt <= 4; attempt++) {
        const [delivery] = await deliveriesOf(id);
        expect([delivery.status, delivery.attempts]).toEqual(['pending', attempt]);
        delays.push(Date.parse(delivery.nextAttemptAt as string) - now);
        // Not due yet: nothing is sent.
        await deliver();
        expect(receiver.received).toHaveLength(attempt);
        now = Date.parse(delivery.nextAttemptAt as string) + 1;
        await deliver();
      }
      // 60 s, then about twice as long each time (±20% jitter).
      expect(delays[0]).toBeGreaterThanOrEqual(48_000);
      expect(delays[0]).toBeLessThanOrEqual(72_000);
      for (let i = 1; i < delays.length; i++) {
        expect(delays[i] / delays[i - 1]).toBeGreaterThan(1.3);
      }
      const [retried] = await deliveriesOf(id);
      expect(retried.attemptLog.slice(0, 2).map((a) => [a.statusCode, a.error])).toEqual([
        [503, 'the endpoint answered 503'],
        [503, 'the endpoint answered 503'],
      ]);
      // A day and more later, the last retry parks it.
      now += 27 * 3_600_000;
      await deliver();
      const [parked] = await deliveriesOf(id);
      expect(parked.status).toBe('failed');
      // An operator finds it, and the endpoint failing since the first attempt.
      const listed = await runCli(['webhooks:failing', '--limit', '10000'], process.env);
      expect({ code: listed.code, stderr: listed.stderr }).toEqual({ code: 0, stderr: '' });
      expect(listed.stdout).toMatch(new RegExp(`${id} .*${receiver.url}.*enabled.*failing since`));
      expect(listed.stdout).toMatch(
        new RegExp(
          `${parked.id} .*endpoint ${id}.*contact.created.*6 attempts.*the endpoint answered 503`,
        ),
      );
      // By hand, once the endpoint works again.
      receiver.answer = () => ({ status: 204 });
      await api('post', `/v1/webhooks/${id}/deliveries/${parked.id}/retry`).expect(202);
      await deliver();
      expect((await deliveriesOf(id))[0]).toMatchObject({
        status: 'delivered',
        lastStatusCode: 204,
      });
      expectError(
        await api(
          'post',
          `/v1/webhooks/${id}/deliveries/00000000-0000-4000-8000-000000000000/retry`,
        ),
        404,
        'webhook_delivery_not_found',
      );
    });

    it('a retry makes a delivery waiting out its backoff due now; one already due answers 409', async () => {
      const { id } = await addEndpoint();
      receiver.answer = () => ({ status: 503 });
      await createContact(app, ws.apiKey);
      await deliver();
      const [waiting] = await deliveriesOf(id);
      expect(waiting.status).toBe('pending');
      expect(Date.parse(waiting.nextAttemptAt as string)).toBeGreaterThan(now);

      const retry = () => api('post', `/v1/webhooks/${id}/deliveries/${waiting.id}/retry`);
      await retry().expect(202);
      expect(Date.parse((await deliveriesOf(id))[0].nextAttemptAt as string)).toBe(now);
      // Due now (queued, or being sent): nothing to make due.
      expectError(await retry(), 409, 'webhook_delivery_in_flight');

      receiver.answer = () => ({ status: 204 });
      await deliver();
      expect(receiver.received).toHaveLength(2);
      expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    });

    it('keeps done deliveries for WEBHOOK_RETENTION_DAYS (7), delivered or parked, then purges them; pending ones stay', async () => {
      // Long ago, so that the purge below reaches no other test's deliveries.
      now = Date.parse('2001-01-01T00:00:00Z');
      const healthy = await addEndpoint();
      const failing = await new Receiver().start();
      failing.answer = () => ({ status: 503 });
      try {
        const broken = await addEndpoint({ url: failing.url });
        await createContact(app, ws.apiKey);
        await deliver();
        now = Date.parse('2001-01-08T00:00:00Z');
        await createContact(app, ws.apiKey);
        await deliver();
        expect((await deliveriesOf(healthy.id)).map((d) => d.status)).toEqual([
          'delivered',
          'delivered',
        ]);
        // The older one was retried for longer than WEBHOOK_RETRY_HOURS: parked, done too.
        expect((await deliveriesOf(broken.id)).map((d) => d.status)).toEqual(['pending', 'failed']);

        now = Date.parse('2001-01-09T00:00:00Z');
        expect(await app.get(WebhookDispatcher).purge()).toBe(2);
        // Done more than 7 days ago: gone. The newer delivered one and the pending one stay.
        expect((await deliveriesOf(healthy.id)).map((d) => d.status)).toEqual(['delivered']);
        expect((await deliveriesOf(broken.id)).map((d) => d.status)).toEqual(['pending']);
      } finally {
        await failing.stop();
      }
    });

    it('a 410 disables the endpoint; enabling it again resumes delivery', async () => {
      const { id } = await addEndpoint();
      receiver.answer = () => ({ status: 410 });
      const contact = await createContact(app, ws.apiKey);
      await deliver();
      const disabled = await api('get', `/v1/webhooks/${id}`).expect(200);
      expect(disabled.body).toMatchObject({
        enabled: false,
        disabledReason: 'the endpoint answered 410 Gone',
      });
      await api('patch', `/v1/contacts/${contact.id}`).send({ company: 'Later' }).expect(200);
      now += 3_600_000;
      await deliver();
      expect(receiver.received).toHaveLength(1);
      receiver.answer = () => ({ status: 200 });
      const enabled = await api('patch', `/v1/webhooks/${id}`).send({ enabled: true }).expect(200);
      expect(enabled.body).toMatchObject({
        enabled: true,
        disabledReason: null,
        failingSince: null,
      });
      await deliver();
      // The pending creation goes out; the update made while it was disabled was never queued.
      expect(receiver.messages().map((m) => m.type)).toEqual([
        'contact.created',
        'contact.created',
      ]);
    });

    it('disables an endpoint that has failed for WEBHOOK_DISABLE_AFTER_DAYS', async () => {
      const { id } = await addEndpoint();
      receiver.answer = () => ({ status: 500 });
      await createContact(app, ws.apiKey);
      await deliver();
      expect((await api('get', `/v1/webhooks/${id}`).expect(200)).body.failingSince).not.toBeNull();
      for (let day = 1; day <= 4; day++) {
        now += 86_400_000;
        await createContact(app, ws.apiKey);
        await deliver();
      }
      expect((await api('get', `/v1/webhooks/${id}`).expect(200)).body).toMatchObject({
        enabled: false,
        disabledReason: 'every attempt failed for 3 days',
      });
    });

    it('follows no redirect, and times out a receiver that does not answer', async () => {
      const { id } = await addEndpoint();
      receiver.answer = (_, i) =>
        i === 0
          ? { status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } }
          : { status: 200, delayMs: 3000 };
      await createContact(app, ws.apiKey);
      await deliver();
      let [delivery] = await deliveriesOf(id);
      expect([delivery.status, delivery.lastStatusCode]).toEqual(['pending', 302]);
      now = Date.parse(delivery.nextAttemptAt as string) + 1;
      await deliver();
      [delivery] = await deliveriesOf(id);
      expect(delivery.attemptLog[0]).toMatchObject({ statusCode: null, error: 'timed out' });
      expect(receiver.received).toHaveLength(2);
    });

    it("a slow endpoint's backlog does not delay another endpoint, and deleting it mid-request loses no other outcome", async () => {
      const slow = await new Receiver().start();
      try {
        slow.answer = () => ({ status: 200, delayMs: 800 });
        const { body: slowEndpoint } = await api('post', '/v1/webhooks')
          .send({ url: slow.url, events: ['*'] })
          .expect(201);
        const batch = (n: number) =>
          api('post', '/v1/contacts/batch')
            .send({
              mode: 'create',
              items: Array.from({ length: n }, (_, i) => ({
                firstName: `Backlog${i}`,
                phone: uniquePhone(),
              })),
            })
            .expect(207);
        // A backlog for the slow endpoint, older than anything the fast one will get.
        for (let i = 0; i < 3; i++) await batch(100);
        await drainWorkspace(app, ws.workspace.id);
        const { id: fastId } = await addEndpoint();
        await batch(20);
        await drainWorkspace(app, ws.workspace.id);

        const started = Date.now();
        const draining = app.get(WebhookDispatcher).drain({ workspaceId: ws.workspace.id });
        while (receiver.received.length < 20 && Date.now() - started < 5000) {
          await new Promise((r) => setTimeout(r, 10));
        }
        // 300 deliveries to the slow one take 24 s at 10 at a time: the fast one does not wait for them.
        expect({ fast: receiver.received.length, within: Date.now() - started < 3000 }).toEqual({
          fast: 20,
          within: true,
        });
        expect(slow.received.length).toBeLessThan(100);
        // Gone while requests to it are in flight: the drain ends without losing the fast one's outcomes.
        await api('delete', `/v1/webhooks/${slowEndpoint.id as string}`).expect(204);
        await draining;
        expect((await deliveriesOf(fastId)).every((d) => d.status === 'delivered')).toBe(true);
      } finally {
        await slow.stop();
      }
    });

    it('during a rotation each request carries both signatures, each verifying alone', async () => {
      const { id, secret: old } = await addEndpoint();
      const rotated = await api('post', `/v1/webhooks/${id}/rotate-secret`).expect(200);
      expect(rotated.body.secret).not.toBe(old);
      expect(Date.parse(rotated.body.previousSecretExpiresAt) - now).toBe(24 * 3_600_000);
      await createContact(app, ws.apiKey);
      await deliver();
      const [{ body, headers }] = receiver.received;
      expect(String(headers['webhook-signature']).split(' ')).toHaveLength(2);
      for (const secret of [old, rotated.body.secret as string]) {
        expect(new Webhook(secret).verify(body, headers as Record<string, string>)).toMatchObject({
          type: 'contact.created',
        });
      }
      // After the overlap only the new secret signs.
      now += 25 * 3_600_000;
      await createContact(app, ws.apiKey);
      await deliver();
      const last = receiver.received[1];
      expect(String(last.headers['webhook-signature']).split(' ')).toHaveLength(1);
      expect(() =>
        new Webhook(old).verify(last.body, last.headers as Record<string, string>),
      ).toThrow();
    });

    it('an erasure removes the contact from its deliveries, sent or pending', async () => {
      await addEndpoint();
      receiver.answer = () => ({ status: 500 });
      const contact = await createContact(app, ws.apiKey, { firstName: 'Forgettable' });
      await deliver();
      await api('post', `/v1/contacts/${contact.id}/erase`).expect(200);
      const stored = await app
        .get(DataSource)
        .query<{ body: string }[]>(
          `SELECT body::text AS body FROM webhook_deliveries WHERE workspace_id = $1`,
          [ws.workspace.id],
        );
      expect(stored.length).toBeGreaterThan(0);
      for (const { body } of stored) expect(body).not.toContain('Forgettable');
    });
  });
});
