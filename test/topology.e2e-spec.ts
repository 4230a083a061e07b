import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey } from './utils/cli';
import { describeIf } from './utils/describe-if';
import { freePort } from './utils/free-port';
import { exited, MAIN, stopProcess, waitForOk } from './utils/processes';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));

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
      // The replicas share the suite's database: leave its outbox to the tests that drain it.
      OUTBOX_DISPATCH: 'false',
    };
    for (const [name, port] of [
      ['a', portA],
      ['b', portB],
    ] as const) {
      const child = spawn(process.execPath, [MAIN], {
        env: { ...env, PORT: String(port), HOST: '127.0.0.1', INSTANCE_NAME: name },
        stdio: 'ignore',
      });
      children.push(child);
      replicas.set(name, child);
    }
    await Promise.all([
      waitForOk(`http://127.0.0.1:${portA}/health/ready`),
      waitForOk(`http://127.0.0.1:${portB}/health/ready`),
    ]);

    const rendered = execFileSync('envsubst', ['${SAFRAVO_UPSTREAMS} ${SAFRAVO_LISTEN}'], {
      input: readFileSync('deploy/nginx/default.conf.template'),
      env: {
        SAFRAVO_UPSTREAMS: `server 127.0.0.1:${portA}; server 127.0.0.1:${portB};`,
        SAFRAVO_LISTEN: `127.0.0.1:${portLb}`,
      },
    });
    writeFileSync(join(dir, 'default.conf'), rendered);
    writeFileSync(
      join(dir, 'nginx.conf'),
      `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  include ${dir}/default.conf;
}
`,
    );
    children.push(
      spawn(NGINX as string, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
        stdio: 'ignore',
      }),
    );
    const base = `http://127.0.0.1:${portLb}`;
    await waitForOk(`${base}/health/live`);

    const { key } = await createApiKey(
      ['--workspace', `topology-${randomUUID()}`, '--scopes', 'read:contacts'],
      env,
    );
    return { base, key, replicas, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

describeIf(ready, 'a PostgreSQL server (DATABASE_URL), Redis (REDIS_URL) and nginx')('two replicas behind nginx', () => {
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
});
