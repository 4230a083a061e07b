import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey } from './utils/cli';
import { describeIf } from './utils/describe-if';
import { freePort } from './utils/free-port';
import { exited, stopProcess } from './utils/processes';
import { NGINX, startNginx, startReplica } from './utils/replicas';

/**
 * The production topology without Docker (SPEC §8): two instances of the built service on one
 * PostgreSQL and one Redis, behind Debian's nginx with the repository's configuration. Needs a
 * PostgreSQL server (the suite's DATABASE_URL), Redis and nginx: `.ci/run` provides all three.
 */
const ready =
  process.env.TEST_DATABASE_MODE === 'external' && Boolean(process.env.REDIS_URL) && Boolean(NGINX);

interface Topology {
  /** nginx's address. */
  base: string;
  /** A key of a fresh workspace, with read:contacts. */
  key: string;
  replicas: Map<'a' | 'b', ChildProcess>;
  stop(): Promise<void>;
}

/** Two fresh replicas (a and b) and nginx in front of them, with a key of a fresh workspace. */
async function startTopology(): Promise<Topology> {
  const dir = mkdtempSync(join(tmpdir(), 'safravo-topology-'));
  const children: ChildProcess[] = [];
  const replicas = new Map<'a' | 'b', ChildProcess>();
  const stop = async (): Promise<void> => {
    await Promise.all(children.map((child) => stopProcess(child, 5_000)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [portA, portB, portLb] = [await freePort(), await freePort(), await freePort()];
    const env = {
      ...process.env,
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '127.0.0.1',
      REDIS_KEY_PREFIX: `topology:${randomUUID()}:`,
      RATE_LIMIT_CONTACTS_LIST: '20',
      // The shared budget is this test's subject, not Redis's latency: with the default 50 ms, a
      // Redis call slowed by a busy machine lets the request through unlimited and unheaded.
      REDIS_TIMEOUT_MS: '2000',
      // The replicas share the suite's database: leave its outbox to the tests that drain it.
      OUTBOX_DISPATCH: 'false',
      SHUTDOWN_DRAIN_MS: '1000',
    };
    for (const [name, port] of [
      ['a', portA],
      ['b', portB],
    ] as const) {
      const replica = await startReplica(name, port, env);
      children.push(replica.child);
      replicas.set(name, replica.child);
    }
    children.push(await startNginx(dir, [portA, portB], portLb));
    const { key } = await createApiKey(
      ['--workspace', `topology-${randomUUID()}`, '--scopes', 'read:contacts'],
      env,
    );
    return { base: `http://127.0.0.1:${portLb}`, key, replicas, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

describeIf(ready, 'a PostgreSQL server (DATABASE_URL), Redis (REDIS_URL) and nginx')(
  'two replicas behind nginx',
  () => {
    let topology: Topology;

    beforeEach(async () => {
      topology = await startTopology();
    }, 90_000);
    afterEach(() => topology?.stop());

    it('both replicas serve, one key budget holds across them, request ids flow through', async () => {
      const { base, key } = topology;
      const servedBy = new Set<string>();
      for (let i = 1; i <= 20; i++) {
        const res = await fetch(`${base}/v1/contacts?limit=1`, { headers: { 'x-api-key': key } });
        expect(res.status).toBe(200);
        expect(res.headers.get('x-ratelimit-remaining')).toBe(String(20 - i));
        servedBy.add(res.headers.get('x-served-by') ?? '');
      }
      expect([...servedBy].sort()).toEqual(['a', 'b']);
      const limited = await fetch(`${base}/v1/contacts`, { headers: { 'x-api-key': key } });
      expect(limited.status).toBe(429);

      const mine = await fetch(`${base}/v1/contacts`, {
        headers: { 'x-request-id': 'through-nginx-1' },
      });
      expect(mine.headers.get('x-request-id')).toBe('through-nginx-1');
      expect(((await mine.json()) as { requestId: string }).requestId).toBe('through-nginx-1');
      const generated = await fetch(`${base}/v1/contacts`);
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/); // nginx's $request_id
    });

    it('stopping one replica leaves the API answering', async () => {
      const { base, key } = topology;
      const a = topology.replicas.get('a') as ChildProcess;
      const exit = exited(a);
      a.kill('SIGTERM');
      expect(await exit).toBe(0);
      for (let i = 0; i < 10; i++) {
        const res = await fetch(`${base}/health/ready`);
        expect(res.status).toBe(200);
        expect(res.headers.get('x-served-by')).toBe('b');
      }
      const contacts = await fetch(`${base}/v1/contacts`, { headers: { 'x-api-key': key } });
      expect(contacts.status).toBe(200);
      expect(contacts.headers.get('x-served-by')).toBe('b');
    });
  },
);
