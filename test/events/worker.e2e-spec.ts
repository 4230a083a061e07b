import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApiKey } from '../utils/cli';
import { describeIf } from '../utils/describe-if';
import { freePort } from '../utils/free-port';
import { NATS_URL, workspaceMessages } from '../utils/nats';
import { ownDatabase, type OwnDatabase } from '../utils/own-database';
import { exitedWithin, MAIN, waitForOk, WORKER } from '../utils/processes';
import { Receiver } from '../utils/receiver';
import { waitFor } from '../utils/wait';

/**
 * `npm run worker`: the API with OUTBOX_DISPATCH=false and WEBHOOK_DISPATCH=false, and a worker
 * process that delivers. The worker polls only once a minute here, so an event that arrives within
 * seconds was woken by the API's commit (LISTEN/NOTIFY). Needs a PostgreSQL server (the suite's
 * DATABASE_URL); NATS (NATS_URL) for the broker part.
 */
describeIf(process.env.TEST_DATABASE_MODE === 'external', 'a PostgreSQL server (DATABASE_URL)')(
  'a separate worker delivers the events',
  () => {
    let dir: string;
    let database: OwnDatabase;
    let env: NodeJS.ProcessEnv;
    let receiver: Receiver;
    let db: Client;
    const children: ChildProcess[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'safravo-worker-'));
      database = await ownDatabase('safravo_worker', dir);
      receiver = await new Receiver().start();
      env = {
        ...process.env,
        ...database.env,
        LOG_LEVEL: 'info',
        REDIS_URL: '',
        NATS_URL,
        WEBHOOKS_ALLOW_PRIVATE: 'true',
        METRICS_PORT: '0',
      };
      db = new Client({ connectionString: database.url });
    }, 60_000);

    afterAll(async () => {
      for (const child of children) child.kill('SIGKILL');
      await db.end().catch(() => undefined);
      await receiver.stop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    /** The API, delivering nothing itself. */
    const startApi = async (): Promise<string> => {
      const port = await freePort();
      const child = spawn(process.execPath, [MAIN], {
        env: {
          ...env,
          LOG_LEVEL: 'warn',
          PORT: String(port),
          HOST: '127.0.0.1',
          OUTBOX_DISPATCH: 'false',
          WEBHOOK_DISPATCH: 'false',
          RETENTION_JOBS: 'false',
        },
        stdio: 'ignore',
      });
      children.push(child);
      await waitForOk(`http://127.0.0.1:${port}/health/ready`);
      return `http://127.0.0.1:${port}`;
    };

    /** A worker that polls once a minute; resolves once it says it runs, with its log so far. */
    const startWorker = async (): Promise<{ child: ChildProcess; log: () => string }> => {
      const child = spawn(process.execPath, [WORKER], {
        env: { ...env, OUTBOX_POLL_MS: '60000', WEBHOOK_POLL_MS: '60000' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let log = '';
      child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
      await waitFor(() => log.includes('Worker running'), {
        what: 'the worker to start',
        timeoutMs: 30_000,
      });
      // Its dispatcher listens for commits once its connection is up.
      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'safravo-contacts-listener'`,
            )
          ).rowCount,
        { what: 'the worker to listen', timeoutMs: 10_000 },
      );
      return { child, log: () => log };
    };

    const pending = async (): Promise<number> =>
      Number(
        (
          await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM outbox_deliveries WHERE status <> 'delivered'`,
          )
        ).rows[0].n,
      );

    it('delivers what the API commits, woken by the commit, and stops cleanly on SIGTERM', async () => {
      const base = await startApi();
      await db.connect();
      const worker = await startWorker();
      expect(worker.log()).toContain('outbox delivery to');
      expect(worker.log()).toContain('webhook sending');
      // Its only port: metrics, and the probes an orchestrator asks.
      const port = /metrics and probes on port (\d+)/.exec(worker.log())?.[1];
      expect(port).toBeDefined();
      const probe = async (path: string) => {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        return { status: response.status, body: (await response.json()) as unknown };
      };
      expect(await probe('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await probe('/health/ready')).toEqual({
        status: 200,
        body: { status: 'ok', checks: { database: { status: 'up' } } },
      });
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);

      const { key } = await createApiKey(
        ['--workspace', 'worker', '--scopes', 'read:contacts,write:contacts,manage:webhooks'],
        env,
      );
      const headers = { 'x-api-key': key, 'content-type': 'application/json' };
      const hook = await fetch(`${base}/v1/webhooks`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ url: receiver.url, events: ['*'] }),
      });
      expect(hook.status).toBe(201);

      const committed = Date.now();
      const created = await fetch(`${base}/v1/contacts`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ firstName: 'Worked', phone: '+254712000111' }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };

      // Well before the worker's next poll (a minute): woken by the commit.
      const message = await waitFor(
        () =>
          receiver
            .messages<{ type: string; data: { contactId: string } }>()
            .find((m) => m.data.contactId === id),
        { what: 'the webhook', timeoutMs: 10_000 },
      ).catch(async (error: unknown) => {
        const state = await db.query(
          `SELECT consumer, status, attempts, last_error FROM outbox_deliveries
           UNION ALL SELECT 'webhook', status, attempts, last_error FROM webhook_deliveries`,
        );
        throw new Error(
          `${String(error)}\ndeliveries: ${JSON.stringify(state.rows)}\nworker log:\n${worker.log().slice(-3000)}`,
        );
      });
      expect(message.type).toBe('contact.created');
      expect(Date.now() - committed).toBeLessThan(10_000);
      await waitFor(async () => (await pending()) === 0, {
        what: 'every consumer to have the event',
        timeoutMs: 10_000,
      });
      const consumers = await db.query<{ consumer: string; status: string }>(
        `SELECT consumer, status FROM outbox_deliveries ORDER BY consumer`,
      );
      expect(consumers.rows.map((r) => r.consumer)).toEqual(
        [
          ...(NATS_URL ? ['broker.nats'] : []),
          'conversations.link-contact',
          'messaging.link-messages',
          'webhooks.fan-out',
        ].sort(),
      );
      if (NATS_URL) {
        const [{ workspace_id: workspaceId }] = (
          await db.query<{ workspace_id: string }>(
            `SELECT workspace_id FROM outbox_events WHERE aggregate_id = $1`,
            [id],
          )
        ).rows;
        const stored = await workspaceMessages(workspaceId);
        expect(stored.map((m) => [m.envelope.type, m.envelope.data.contactId])).toEqual([
          ['contact.created', id],
        ]);
      }

      // SIGTERM: exits 0 once what it has in flight is done.
      const exit = exitedWithin(worker.child, 15_000);
      worker.child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(worker.log()).toContain('Closed');

      // Committed while no worker runs: delivered by the next worker as it starts.
      const later = await fetch(`${base}/v1/contacts/${id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ company: 'Later' }),
      });
      expect(later.status).toBe(200);
      expect(await pending()).toBeGreaterThan(0);
      await startWorker();
      await waitFor(
        () =>
          receiver
            .messages<{ type: string; data: { contactId: string } }>()
            .find((m) => m.type === 'contact.updated' && m.data.contactId === id),
        { what: 'the update to reach the webhook', timeoutMs: 10_000 },
      );
      await waitFor(async () => (await pending()) === 0, {
        what: 'every consumer to have the update',
        timeoutMs: 10_000,
      });
    }, 120_000);
  },
);
