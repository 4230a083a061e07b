import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Metrics } from '../src/metrics/metrics';
import { createContact } from './factories/contact.factory';
import { createWorkspace } from './factories/workspace.factory';
import { createTestApp } from './utils/create-test-app';

/** One sample of the Prometheus text exposition format: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the exposition format (version 0.0.4): `# HELP`/`# TYPE` lines, then one sample per line. */
function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1], type[2]);
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) throw new Error(`not a sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (sample[2] ?? '').matchAll(
      /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g,
    )) {
      labels[key] = value;
    }
    samples.push({ name: sample[1], labels, value: Number(sample[3]) });
  }
  return { types, samples };
}

/** SPEC §8: Prometheus metrics on a port of their own. */
describe('metrics', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app.close());

  it('serves /metrics on METRICS_PORT only: requests, rate limits, auth failures, the pool, the outbox, Node', async () => {
    const ws = await createWorkspace(app);
    const contact = await createContact(app, ws.apiKey);
    // A delivery for a consumer no process has: it stays pending whatever other tests drain.
    const db = app.get(DataSource);
    const consumer = `test.metrics-${randomUUID().slice(0, 8)}`;
    const eventId = randomUUID();
    await db.query(
      `INSERT INTO outbox_events (id, workspace_id, aggregate_type, aggregate_id, sequence, event_name, payload, occurred_at)
       VALUES ($1, $2, 'contact', $3, 1000, 'contact.updated', '{}', now() - interval '1 minute')`,
      [eventId, ws.workspace.id, contact.id],
    );
    await db.query(
      `INSERT INTO outbox_deliveries (event_id, consumer, aggregate_type, aggregate_id, sequence, created_at) VALUES ($1, $2, 'contact', $3, 1000, now() - interval '1 minute')`,
      [eventId, consumer, contact.id],
    );
    for (let i = 0; i < 3; i++) {
      await request(app.getHttpServer())
        .get(`/v1/contacts/${contact.id}`)
        .set('X-API-Key', ws.apiKey)
        .expect(200);
    }
    await request(app.getHttpServer())
      .get('/v1/contacts')
      .set('X-API-Key', 'saf_live_nope')
      .expect(401);

    // Never on the public port.
    await request(app.getHttpServer()).get('/metrics').expect(404);

    const port = app.get(Metrics).port;
    expect(port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const { types, samples } = parseExposition(await res.text());
    const sample = (name: string, labels: Record<string, string> = {}) =>
      samples.find(
        (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      );

    expect(types.get('safravo_http_request_duration_seconds')).toBe('histogram');
    expect(
      sample('safravo_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/v1/contacts/:id',
        status: '200',
      })?.value,
    ).toBeGreaterThanOrEqual(3);
    expect(sample('safravo_http_requests_in_flight')).toBeDefined();
    expect(
      sample('safravo_rate_limit_decisions_total', {
        route: '/v1/contacts/:id',
        decision: 'allowed',
      })?.value,
    ).toBeGreaterThanOrEqual(3);
    expect(sample('safravo_rate_limit_store_fail_open_total')).toBeDefined();
    expect(sample('safravo_auth_failures_total')?.value).toBeGreaterThanOrEqual(1);
    for (const state of ['in_use', 'idle', 'waiting']) {
      expect(sample('safravo_db_pool_connections', { state })).toBeDefined();
    }
    expect(sample('safravo_outbox_deliveries', { consumer, status: 'pending' })?.value).toBe(1);
    expect(
      sample('safravo_outbox_oldest_pending_seconds', { consumer })?.value,
    ).toBeGreaterThanOrEqual(59);
    await db.query(`DELETE FROM outbox_events WHERE id = $1`, [eventId]);
    expect(types.get('safravo_nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(sample('safravo_process_resident_memory_bytes')?.value).toBeGreaterThan(0);
  });
  it('METRICS_ENABLED=false: no listener, no timing of requests, no Node metrics', async () => {
    const quiet = await createTestApp({ METRICS_ENABLED: 'false' });
    try {
      await quiet.listen(0, '127.0.0.1');
      const ws = await createWorkspace(quiet);
      await createContact(quiet, ws.apiKey);
      const metrics = quiet.get(Metrics);
      expect(metrics.port).toBeUndefined();
      const text = await metrics.registry.metrics();
      expect(text).not.toContain('safravo_http_request_duration_seconds_count');
      expect(text).not.toContain('safravo_nodejs_eventloop_lag_seconds');
    } finally {
      await quiet.close();
    }
  });
});
