import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey } from './utils/cli';
import { freePort } from './utils/free-port';
import { exited, MAIN, waitForOk } from './utils/processes';
import { waitFor } from './utils/wait';

describe('graceful shutdown (SIGTERM)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'safravo-shutdown-'));
    env = {
      ...process.env,
      LOG_LEVEL: 'info',
      REDIS_URL: '',
      SHUTDOWN_DRAIN_MS: '300',
      EMBEDDED_DB_DIR: join(dir, 'pglite'),
    };
    // Its own embedded database: this test needs to see the database closed with the service.
    delete env.DATABASE_URL;
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** The built service on a free port, its output collected. */
  const start = async (): Promise<{ child: ChildProcess; port: number; log: () => string }> => {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let log = '';
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    return { child, port, log: () => log };
  };

  it('finishes the request in flight, refuses new connections, closes the database and exits 0', async () => {
    const { key } = await createApiKey(
      ['--workspace', 'shutdown', '--scopes', 'write:contacts'],
      env,
    );
    const service = await start();
    const { port } = service;
    const exit = exited(service.child);
    await waitForOk(`http://127.0.0.1:${port}/health/live`);

    // A create whose body is still arriving when SIGTERM comes. `Expect: 100-continue` makes the
    // service say when it has read the headers and waits for the body.
    const body = JSON.stringify({ firstName: 'Late', email: 'late@example.com' });
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/v1/contacts',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-api-key': key,
        expect: '100-continue',
      },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
    });
    await new Promise<void>((resolve, reject) => {
      req.once('continue', resolve);
      req.once('error', reject);
    });
    req.write(body.slice(0, 10));

    service.child.kill('SIGTERM');
    await waitFor(() => service.log().includes('SIGTERM received'), {
      what: 'the service to log that it received SIGTERM',
    });
    req.end(body.slice(10));

    const finished = await response;
    expect(finished.status).toBe(201);
    expect(JSON.parse(finished.body)).toMatchObject({
      firstName: 'Late',
      email: 'late@example.com',
    });

    const started = Date.now();
    expect(await exit).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();

    // The data it committed is there on the next start.
    const again = await start();
    const exit2 = exited(again.child);
    await waitForOk(`http://127.0.0.1:${again.port}/health/live`);
    const res = await fetch(`http://127.0.0.1:${again.port}/v1/contacts`, {
      headers: { 'x-api-key': key },
    });
    expect(res.status).toBe(403); // the key may only write; it still authenticates after the restart
    const twin = await fetch(`http://127.0.0.1:${again.port}/v1/contacts`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Twin', email: 'late@example.com' }),
    });
    expect(twin.status).toBe(409); // the contact created during the shutdown is stored
    again.child.kill('SIGTERM');
    expect(await exit2).toBe(0);
  }, 60_000);
});
