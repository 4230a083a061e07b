import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { Client } from 'pg';
import { createApiKey } from './utils/cli';
import { freePort } from './utils/free-port';
import { MAIN, stopProcess, waitForOk } from './utils/processes';
import { waitFor } from './utils/wait';

/** A span as OTLP/HTTP JSON carries it (the fields this test reads). */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
}

const attribute = (span: OtlpSpan, key: string): unknown => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value && Object.values(value)[0];
};

/**
 * Traces (SPEC §8), end to end: the built service, started as in production with
 * OTEL_EXPORTER_OTLP_ENDPOINT pointing at a collector this test plays (OTLP/HTTP, JSON), exports
 * a request's spans: the server span named by route template, its PostgreSQL statements and Redis
 * commands as descendants, the deliveries of the event it wrote as its children; its log lines
 * carry its trace id; search terms never reach a span.
 *
 * A child process and not an in-memory exporter inside jest: instrumentations patch `pg` and
 * `ioredis` through Node's `require`, which jest replaces with its own module loader. (The outbox
 * trace propagation is tested in memory: test/events/outbox-trace.e2e-spec.ts.)
 */
describe('OpenTelemetry traces', () => {
  let collector: Server;
  let collectorPort: number;
  const spans: OtlpSpan[] = [];
  const exported: string[] = [];
  let service: ChildProcess | undefined;

  beforeAll(async () => {
    collector = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (request.url === '/v1/traces') {
          exported.push(body);
          const payload = JSON.parse(body) as {
            resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
          };
          for (const resource of payload.resourceSpans) {
            for (const scope of resource.scopeSpans) spans.push(...scope.spans);
          }
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    collectorPort = await freePort();
    await new Promise<void>((resolve) => collector.listen(collectorPort, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    if (service) await stopProcess(service);
    await new Promise((resolve) => collector.close(resolve));
  });

  it("exports a request's server, PostgreSQL and Redis spans in one trace, and logs its trace id", async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LOG_LEVEL: 'info',
      SHUTDOWN_DRAIN_MS: '0',
      OUTBOX_DISPATCH: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_SERVICE_NAME: 'contacts-under-test',
    };
    const { key } = await createApiKey(
      ['--workspace', 'traced', '--scopes', 'read:contacts,write:contacts'],
      env,
    );
    const port = await freePort();
    let log = '';
    service = spawn(process.execPath, [MAIN], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    service.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    await waitForOk(`${base}/health/live`, 60_000);

    const created = await fetch(`${base}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ firstName: 'Traced', email: 'traced.person@example.com' }),
    });
    expect(created.status).toBe(201);
    const requestId = created.headers.get('x-request-id');
    const searched = await fetch(`${base}/v1/contacts?search=traced.person%40example.com`, {
      headers: { 'x-api-key': key },
    });
    expect(searched.status).toBe(200);

    const server = await waitFor(
      () => spans.find((s) => s.name === 'POST /v1/contacts' && s.kind === 2),
      { what: 'the create request’s server span to be exported', timeoutMs: 60_000 },
    );
    expect(attribute(server, 'http.route')).toBe('/v1/contacts');
    expect(attribute(server, 'safravo.request_id')).toBe(requestId);
    expect(attribute(server, 'http.response.status_code')).toBe(201);

    // Its statements and commands are its descendants, in its trace.
    const trace = spans.filter((s) => s.traceId === server.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const descendsFromServer = (span: OtlpSpan): boolean => {
      for (let p = span.parentSpanId; p; p = byId.get(p)?.parentSpanId) {
        if (p === server.spanId) return true;
      }
      return false;
    };
    const statements = trace.filter((s) => attribute(s, 'db.system.name') === 'postgresql');
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every(descendsFromServer)).toBe(true);
    expect(statements.map((s) => String(attribute(s, 'db.query.text')))).toEqual(
      expect.arrayContaining([expect.stringMatching(/INSERT INTO/i)]),
    );
    const commands = trace.filter((s) => attribute(s, 'db.system.name') === 'redis');
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.every(descendsFromServer)).toBe(true);
    // A command's name only: its keys hold client addresses (the failed-auth limit's).
    for (const command of commands) {
      expect(attribute(command, 'db.query.text')).toBe(command.name);
    }

    // The event the create wrote is delivered in the same trace: a span per consumer, a child of
    // the request, however much later the delivery runs.
    const deliveries = await waitFor(
      () => {
        const found = spans.filter(
          (s) => s.traceId === server.traceId && s.name.startsWith('outbox contact.created → '),
        );
        // Each consumer's span is exported when its delivery ends, in no set order.
        const conversations = found.some(
          (s) => s.name === 'outbox contact.created → conversations.link-contact',
        );
        return found.length >= 2 && conversations && found;
      },
      {
        what: 'the created event’s delivery spans (conversations.link-contact among them) in the request’s trace',
        timeoutMs: 60_000,
      },
    );
    for (const delivery of deliveries) {
      expect(delivery.parentSpanId).toBe(server.spanId);
      expect(delivery.kind).toBe(5); // CONSUMER
    }

    // The search's span: its route, its parameter's name, never the term.
    const search = await waitFor(
      () => spans.find((s) => s.name === 'GET /v1/contacts' && s.kind === 2),
      { what: 'the search’s server span', timeoutMs: 60_000 },
    );
    expect(attribute(search, 'url.query')).toBe('search=REDACTED');
    expect(exported.join('\n')).not.toContain('traced.person');

    // The request's log line carries the trace and span ids of its server span.
    const line = await waitFor(
      () =>
        log
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>)
          .find((l) => l.requestId === requestId && l.msg === 'request completed'),
      { what: 'the create request’s log line', timeoutMs: 60_000 },
    );
    expect(line).toMatchObject({ trace_id: server.traceId, span_id: server.spanId });
  }, 120_000);

  it('without an exporter: no spans recorded; a request in a caller’s trace logs its trace id and passes it to its events', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', SHUTDOWN_DRAIN_MS: '0' };
    delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
    const { key } = await createApiKey(
      ['--workspace', 'traced-ids', '--scopes', 'read:contacts,write:contacts'],
      env,
    );
    const port = await freePort();
    let log = '';
    const child = spawn(process.execPath, [MAIN], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForOk(`${base}/health/live`, 60_000);
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      // A write (its body is read in socket callbacks) within the caller's trace, and a read without one.
      const created = await fetch(`${base}/v1/contacts`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': key,
          traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        },
        body: JSON.stringify({ firstName: 'Untraced', email: 'untraced@example.com' }),
      });
      expect(created.status).toBe(201);
      // The event it wrote carries the trace on to its deliveries (the body was read outside the
      // request's context: the context is entered again before the handler).
      const { id } = (await created.json()) as { id: string };
      const db = new Client({ connectionString: process.env.DATABASE_URL });
      await db.connect();
      try {
        const { rows } = await db.query<{ trace_context: { traceparent?: string } | null }>(
          `SELECT trace_context FROM outbox_events WHERE aggregate_id = $1`,
          [id],
        );
        expect(rows[0]?.trace_context?.traceparent).toMatch(
          new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[01]$`),
        );
      } finally {
        await db.end();
      }
      const listed = await fetch(`${base}/v1/contacts`, { headers: { 'x-api-key': key } });
      expect(listed.status).toBe(200);
      const lineOf = (requestId: string | null) =>
        waitFor(
          () =>
            log
              .split('\n')
              .filter((l) => l.startsWith('{'))
              .map((l) => JSON.parse(l) as Record<string, unknown>)
              .find((l) => l.requestId === requestId && l.msg === 'request completed'),
          { what: `the log line of request ${requestId}`, timeoutMs: 60_000 },
        );
      expect(await lineOf(created.headers.get('x-request-id'))).toMatchObject({
        trace_id: traceId,
        span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
      // Without a caller's trace, no trace id (its request id says it all): no context to enter.
      const own = await lineOf(listed.headers.get('x-request-id'));
      expect(own).toMatchObject({ status: 200 });
      expect(own).not.toHaveProperty('trace_id');
    } finally {
      await stopProcess(child);
    }
    // Nothing was sent anywhere: this service had no collector (the first test's saw none of it).
    expect(exported.join('\n')).not.toContain('traced-ids');
  }, 120_000);
});
