import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLI, exited, freePort, MAIN, waitForOk } from './utils/processes';

describe('graceful shutdown (SIGTERM)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'safravo-shutdown-'));
    env = {
      ...process.env,
      LOG_LEVEL: 'warn',
      REDIS_URL: '',
      SHUTDOWN_DRAIN_MS: '300',
      EMBEDDED_DB_DIR: join(dir, 'pglite'),
    };
    // Its own embedded database: this test needs to see the database closed with the service.
    delete env.DATABASE_URL;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finishes the request in flight, refuses new connections, closes the database and exits 0', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CLI, 'api-keys:create', '--workspace', 'shutdown', '--scopes', 'write:contacts'],
      { env },
    );
    const key = stdout.trim().split('\n').pop() as string;
    const port = await freePort();
    const service = spawn(process.execPath, [MAIN], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: 'ignore',
    });
    const exit = exited(service);
    try {
      await waitForOk(`http://127.0.0.1:${port}/health/live`);

      // A create whose body is still arriving when SIGTERM comes.
      const body = JSON.stringify({ firstName: 'Late', email: 'late@example.com' });
      const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/v1/contacts',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              'x-api-key': key,
            },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 10));
        setTimeout(() => {
          service.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(10)), 300);
        }, 200);
      });

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
    } finally {
      service.kill('SIGKILL');
    }

    // The data it committed is there on the next start.
    const port2 = await freePort();
    const again = spawn(process.execPath, [MAIN], {
      env: { ...env, PORT: String(port2), HOST: '127.0.0.1' },
      stdio: 'ignore',
    });
    const exit2 = exited(again);
    try {
      await waitForOk(`http://127.0.0.1:${port2}/health/live`);
      const res = await fetch(`http://127.0.0.1:${port2}/v1/contacts`, {
        headers: { 'x-api-key': key },
      });
      expect(res.status).toBe(403); // the key may only write; it still authenticates after the restart
      again.kill('SIGTERM');
      expect(await exit2).toBe(0);
    } finally {
      again.kill('SIGKILL');
    }
  }, 60_000);
});
