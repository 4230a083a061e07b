import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { testEnv } from './utils/create-test-app';
import { errorShapeProblems } from './utils/expect-error';
import { postgresTarget, TcpProxy, throughProxy } from './utils/tcp-proxy';

const STATEMENT_TIMEOUT_MS = 1000;
const CONNECT_TIMEOUT_MS = 500;
/** The longest any request may take: a connection, then a statement, plus the service's own time. */
const WORST_REQUEST_MS = CONNECT_TIMEOUT_MS + STATEMENT_TIMEOUT_MS + 1000 + 1500;

interface Outcome {
  method: string;
  status: number;
  ms: number;
  problems: string[];
  retryAfter: string | null;
  id?: string;
  at: number;
}

/**
 * PostgreSQL that goes away (refuses connections, or stops answering) under load, then comes
 * back: no request hangs, none gets a 500, the ones that cannot be served get 503
 * `service_unavailable` with `Retry-After`, every 201 is kept, and the service recovers alone.
 */
describe('the database goes away and comes back', () => {
  let app: NestFastifyApplication;
  let proxy: TcpProxy;
  let ws: TestWorkspace;
  let base: string;
  let direct: DataSource;

  beforeAll(async () => {
    const url = process.env.DATABASE_URL as string;
    proxy = await new TcpProxy(postgresTarget(url)).start();
    const env = testEnv({
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      REDIS_URL: '',
      LOG_LEVEL: process.env.DEBUG_OUTAGE ? 'error' : 'silent',
    });
    app = await createApp({
      env,
      database: { url: throughProxy(url, proxy.port), poolSize: env.DATABASE_POOL_SIZE },
    });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    ws = await createWorkspace(app);
    direct = await new DataSource({ type: 'postgres', url, poolSize: 1 }).initialize();
  });
  afterAll(async () => {
    await app.close();
    await proxy.stop();
    await direct.destroy();
  });

  /** Clients sending creates and reads back to back until `until` resolves. */
  async function load(clients: number, until: Promise<unknown>): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let done = false;
    void until.finally(() => (done = true));
    let n = 0;
    const client = async () => {
      while (!done) {
        const create = n++ % 2 === 0;
        const started = Date.now();
        const res = await fetch(`${base}/v1/contacts${create ? '' : '?limit=5'}`, {
          method: create ? 'POST' : 'GET',
          headers: { 'x-api-key': ws.apiKey, 'content-type': 'application/json' },
          body: create
            ? JSON.stringify({
                firstName: 'Outage',
                email: `outage.${n}.${Date.now()}@example.com`,
              })
            : undefined,
        });
        const body = (await res.json()) as { id?: string };
        const headers = Object.fromEntries(res.headers);
        outcomes.push({
          method: create ? 'POST' : 'GET',
          status: res.status,
          ms: Date.now() - started,
          problems:
            res.status >= 400 ? errorShapeProblems({ status: res.status, headers, body }) : [],
          retryAfter: res.headers.get('retry-after'),
          id: res.status === 201 ? body.id : undefined,
          at: Date.now(),
        });
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
    return outcomes;
  }

  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it.each([
    ['refuses connections (down)', (p: TcpProxy) => p.refuse()],
    ['accepts but never answers (hung)', (p: TcpProxy) => p.hang()],
  ])(
    'while it %s: 503s with Retry-After, no 500, no hung request, no lost 201; then recovers',
    async (_label, breakIt) => {
      let restoredAt = 0;
      const scenario = (async () => {
        await wait(800);
        breakIt(proxy);
        await wait(3000);
        proxy.restore();
        restoredAt = Date.now();
        await wait(2500);
      })();
      const outcomes = await load(4, scenario);

      const statuses = [...new Set(outcomes.map((o) => o.status))].sort();
      const unavailable = outcomes.filter((o) => o.status === 503);
      console.log(
        `${_label}: ${outcomes.length} requests, statuses ${JSON.stringify(statuses)}, ${unavailable.length} × 503, ` +
          `slowest ${Math.max(...outcomes.map((o) => o.ms))} ms`,
      );
      expect(statuses.every((s) => [200, 201, 503].includes(s))).toBe(true);
      expect(unavailable.length).toBeGreaterThan(0);
      for (const outcome of unavailable) {
        expect(outcome.problems).toEqual([]);
        expect(Number(outcome.retryAfter)).toBeGreaterThan(0);
      }
      expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(WORST_REQUEST_MS);

      // Back by itself: the last requests succeed.
      const after = outcomes.filter((o) => o.at > restoredAt + 1500);
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((o) => o.status === 200 || o.status === 201)).toBe(true);

      // Every create answered 201 is in the database.
      const created = outcomes.flatMap((o) => (o.id ? [o.id] : []));
      const rows = await direct.query<{ id: string }[]>(
        `SELECT id FROM contacts WHERE workspace_id = $1 AND id = ANY($2)`,
        [ws.workspace.id, created],
      );
      expect(rows.length).toBe(created.length);
    },
    30_000,
  );
});
