import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApiKey } from './utils/cli';
import { describeIf } from './utils/describe-if';
import { errorShapeProblems } from './utils/expect-error';
import { freePort } from './utils/free-port';
import { NGINX, type Replica, startNginx, startReplica } from './utils/replicas';
import { sleep } from './utils/wait';

const external =
  process.env.TEST_DATABASE_MODE === 'external' && Boolean(process.env.REDIS_URL) && Boolean(NGINX);

interface Sent {
  status: number;
  id?: string;
  body: unknown;
  headers: Record<string, string>;
}

/** A POST with the body written in full, its response read in full; a reset is status 0. */
function post(port: number, path: string, key: string, body: object): Promise<Sent> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'x-api-key': key,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          let parsed: { id?: string } | string = text;
          try {
            parsed = JSON.parse(text) as { id?: string };
          } catch {
            // not JSON (a proxy's own error page): kept as text
          }
          const id = typeof parsed === 'object' ? parsed.id : undefined;
          resolve({
            status: res.statusCode ?? 0,
            id,
            body: parsed,
            headers: res.headers as Record<string, string>,
          });
        });
        res.on('error', () => resolve({ status: 0, body: null, headers: {} }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: null, headers: {} }));
    req.end(payload);
  });
}

/**
 * Rolling deploys are invisible to clients (SPEC §8): on SIGTERM an instance fails readiness,
 * keeps serving through SHUTDOWN_DRAIN_MS, then stops accepting and finishes what it has.
 */
describeIf(external, 'a PostgreSQL server (DATABASE_URL), Redis (REDIS_URL) and nginx')(
  'rolling restarts',
  () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let key: string;
    let workspaceSlug: string;
    let db: DataSource;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'safravo-rolling-'));
      env = {
        ...process.env,
        LOG_LEVEL: 'warn',
        TRUST_PROXY: '127.0.0.1',
        REDIS_KEY_PREFIX: `rolling:${randomUUID()}:`,
        RATE_LIMIT_CONTACTS_CREATE: '1000000',
        RATE_LIMIT_CONTACTS_GET: '1000000',
        RATE_LIMIT_CONTACTS_LIST: '1000000',
        OUTBOX_DISPATCH: 'false',
        // Longer than nginx's upstream idle timeout (4 s): nginx closes its idle connections first.
        SHUTDOWN_DRAIN_MS: '5000',
        SHUTDOWN_TIMEOUT_MS: '15000',
      };
      workspaceSlug = `rolling-${randomUUID()}`;
      ({ key } = await createApiKey(
        ['--workspace', workspaceSlug, '--scopes', 'read:contacts,write:contacts'],
        env,
      ));
      db = await new DataSource({
        type: 'postgres',
        url: process.env.DATABASE_URL,
        poolSize: 1,
      }).initialize();
    }, 60_000);
    afterAll(async () => {
      await db.destroy();
      if (!process.env.KEEP_ROLLING) rmSync(dir, { recursive: true, force: true });
      else console.log(dir);
    });

    const createdIn = async (): Promise<number> => {
      const [{ n }] = await db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM contacts c JOIN workspaces w ON w.id = c.workspace_id WHERE w.slug = $1`,
        [workspaceSlug],
      );
      return Number(n);
    };

    it('SIGTERM during 40 creates in flight: every one answered 201 and kept, none reset; the instance exits 0', async () => {
      const port = await freePort();
      const replica = await startReplica('solo', port, env);
      const before = await createdIn();
      try {
        const inFlight = Array.from({ length: 40 }, (_, i) =>
          post(port, '/v1/contacts', key, {
            firstName: 'InFlight',
            email: `inflight.${i}.${randomUUID()}@example.com`,
          }),
        );
        setImmediate(() => replica.child.kill('SIGTERM'));
        const results = await Promise.all(inFlight);
        expect(results.map((r) => r.status)).toEqual(Array(40).fill(201));
        expect(await replica.exit).toBe(0);
        expect((await createdIn()) - before).toBe(40);
      } finally {
        replica.child.kill('SIGKILL');
      }
    }, 60_000);

    it('two instances behind nginx under steady load, restarted one after the other: no reset, no lost create', async () => {
      const [portA, portB, portLb] = [await freePort(), await freePort(), await freePort()];
      const replicas: Replica[] = [
        await startReplica('a', portA, env),
        await startReplica('b', portB, env),
      ];
      let nginx: ChildProcess | undefined;
      const before = await createdIn();
      try {
        nginx = await startNginx(dir, [portA, portB], portLb);
        let loading = true;
        const results: Sent[] = [];
        const client = async () => {
          while (loading) {
            const created = await post(portLb, '/v1/contacts', key, {
              firstName: 'Rolling',
              email: `rolling.${randomUUID()}@example.com`,
            });
            results.push(created);
            if (created.id) {
              const res = await fetch(`http://127.0.0.1:${portLb}/v1/contacts/${created.id}`, {
                headers: { 'x-api-key': key },
              });
              const body = await res.json();
              results.push({ status: res.status, body, headers: Object.fromEntries(res.headers) });
            }
          }
        };
        const load = Promise.all(Array.from({ length: 8 }, client));

        await sleep(1000);
        for (const [index, port] of [portA, portB].entries()) {
          const old = replicas[index];
          old.child.kill('SIGTERM');
          expect(await old.exit).toBe(0);
          replicas[index] = await startReplica(old.name, port, env);
          // nginx tries a replica that refused connections again after its fail_timeout (2 s).
          await sleep(2500);
        }
        loading = false;
        await load;

        const failures = results.filter((r) => r.status < 200 || r.status >= 300);
        const creates = results.filter((r) => r.id !== undefined && r.status === 201);
        console.log(
          `rolling restart of 2 instances under load: ${results.length} requests, ${creates.length} creates, ${failures.length} non-2xx ${JSON.stringify(failures.map((f) => f.status))}`,
        );
        for (const failure of failures) {
          // Shown in full if the next assertion fails: a 503 at least comes in the error shape.
          expect({
            status: failure.status,
            problems: errorShapeProblems({
              status: failure.status,
              headers: failure.headers,
              body: failure.body,
            }),
          }).toEqual({ status: 503, problems: [] });
        }
        expect(failures).toEqual([]);
        expect((await createdIn()) - before).toBe(creates.length);
      } finally {
        nginx?.kill('SIGTERM');
        for (const replica of replicas) replica.child.kill('SIGKILL');
      }
    }, 120_000);
  },
);
