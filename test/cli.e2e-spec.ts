import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { displayPrefix } from '../src/api-keys/api-key-format';
import { AUTH_CACHE_TTL_MS } from '../src/api-keys/api-keys.service';
import { createTestApp } from './utils/create-test-app';
import { expectError, type HttpResult } from './utils/expect-error';

/**
 * The command-line tool of SPEC §2, run as a user runs it: the compiled CLI in a child process,
 * on a fresh embedded database (DATABASE_URL unset), alone and while the service runs on the
 * same data directory; and once on DATABASE_URL when the suite has a real PostgreSQL.
 */

jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const SERVICE = join(ROOT, 'dist/src/main.js');
const LIVE_KEY = /^saf_live_[0-9A-Za-z]{32,}$/;
const TEST_KEY = /^saf_test_[0-9A-Za-z]{32,}$/;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of the test worker, minus what would point a child at the suite's database. */
function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...overrides };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'TEST_DATABASE_MODE', 'NODE_OPTIONS']) {
    if (!(name in overrides)) delete env[name];
  }
  return env;
}

function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: childEnv(env),
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`CLI ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, 45_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}

/** Creates a key through the CLI and returns it with its id, failing with the CLI's output. */
async function createKey(
  env: Record<string, string>,
  args: string[],
): Promise<{ key: string; id: string; out: CliResult }> {
  const out = await runCli(['api-keys:create', ...args], env);
  if (out.code !== 0) {
    throw new Error(`api-keys:create exited ${out.code}\n${out.stdout}\n${out.stderr}`);
  }
  const id = /Created API key ([0-9a-f]{24})/.exec(out.stdout)?.[1];
  if (!id) throw new Error(`no key id in:\n${out.stdout}`);
  return { key: lastLine(out.stdout), id, out };
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

async function fetchResult(url: string, key?: string): Promise<HttpResult> {
  const res = await fetch(url, { headers: key === undefined ? {} : { 'X-API-Key': key } });
  const headers: HttpResult['headers'] = {};
  res.headers.forEach((value, name) => (headers[name] = value));
  return { status: res.status, headers, body: await res.json() };
}

function waitForExit(child: ChildProcess, ms: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the service did not exit within ${ms} ms`)), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
}

beforeAll(() => {
  if (!existsSync(CLI) || !existsSync(SERVICE)) {
    throw new Error('dist/ is missing: run `npm run -s build` first (`npm test` does it)');
  }
});

describe('CLI on the embedded database (DATABASE_URL unset)', () => {
  let tmp: string;
  let env: Record<string, string>;
  const slug = `cli-${randomUUID().slice(0, 8)}`;
  let firstKey: string;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'safravo-cli-'));
    env = { EMBEDDED_DB_DIR: join(tmp, 'pglite') };
  });
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  describe('with no service running', () => {
    it('api-keys:create creates the workspace and prints a live key alone on the last line', async () => {
      const { key, out } = await createKey(env, [
        '--workspace',
        slug,
        '--scopes',
        'read:contacts,write:contacts',
      ]);
      expect(key).toMatch(LIVE_KEY);
      // The key appears once, on its own line, and nowhere else (not on stderr either).
      expect(out.stdout.split(key)).toHaveLength(2);
      expect(out.stderr).not.toContain(key);
      firstKey = key;

      const list = await runCli(['api-keys:list', '--workspace', slug], env);
      expect(list.code).toBe(0);
      expect(list.stdout).toContain(displayPrefix(key));
    });

    it('api-keys:create --test prints a test key', async () => {
      const { key } = await createKey(env, [
        '--workspace',
        slug,
        '--scopes',
        'read:contacts',
        '--test',
      ]);
      expect(key).toMatch(TEST_KEY);
    });
  });

  describe('while the service runs on the same data directory', () => {
    let service: ChildProcess | undefined;
    let serviceLog = '';
    let base: string;

    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      service = spawn(process.execPath, [SERVICE], {
        cwd: ROOT,
        env: childEnv({ ...env, PORT: String(port), HOST: '127.0.0.1' }),
        stdio: 'pipe',
      });
      service.stdout?.on('data', (chunk: Buffer) => (serviceLog += chunk.toString()));
      service.stderr?.on('data', (chunk: Buffer) => (serviceLog += chunk.toString()));

      const deadline = Date.now() + 40_000;
      for (;;) {
        if (service.exitCode !== null) {
          throw new Error(`the service exited ${service.exitCode}:\n${serviceLog}`);
        }
        try {
          const res = await fetch(`${base}/v1/contacts`);
          if (res.status === 401) break;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`the service did not answer:\n${serviceLog}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    });

    afterAll(async () => {
      if (service && service.exitCode === null && service.signalCode === null) {
        service.kill('SIGTERM');
        try {
          await waitForExit(service, 15_000);
        } catch {
          service.kill('SIGKILL');
          await waitForExit(service, 5_000);
        }
      }
    });

    it('the key created before the service started works against it', async () => {
      const res = await fetchResult(`${base}/v1/contacts`, firstKey);
      expect(res.status).toBe(200);
    });

    it('api-keys:create works while the service runs, and the service accepts the new key', async () => {
      const otherSlug = `${slug}-b`;
      const { key } = await createKey(env, [
        '--workspace',
        otherSlug,
        '--scopes',
        'read:contacts',
        '--name',
        'live one',
      ]);
      expect(key).toMatch(LIVE_KEY);
      const res = await fetchResult(`${base}/v1/contacts`, key);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ items: [], total: 0 });
    });

    it('api-keys:list shows id, prefix, name and scopes, never the key', async () => {
      const { key, id } = await createKey(env, [
        '--workspace',
        slug,
        '--scopes',
        'write:contacts',
        '--name',
        'listed',
      ]);
      const list = await runCli(['api-keys:list', '--workspace', slug], env);
      expect(list.code).toBe(0);
      const line = list.stdout.split('\n').find((l) => l.includes(id));
      expect(line).toBeDefined();
      expect(line).toContain(displayPrefix(key));
      expect(line).toContain('listed');
      expect(line).toContain('write:contacts');
      for (const shown of [key, firstKey]) {
        expect(list.stdout).not.toContain(shown);
        expect(list.stdout).not.toContain(shown.slice(-20));
      }
    });

    it('api-keys:revoke <id> makes the running service refuse the key with 401 (within the auth cache TTL)', async () => {
      const { key, id } = await createKey(env, ['--workspace', slug, '--scopes', 'read:contacts']);
      expect((await fetchResult(`${base}/v1/contacts`, key)).status).toBe(200);

      const revoke = await runCli(['api-keys:revoke', id], env);
      expect(revoke.code).toBe(0);
      expect(revoke.stdout).toContain(id);
      expect(revoke.stdout).not.toContain(key);

      // Another process revoked it: the service's auth cache may answer for up to its TTL.
      const deadline = Date.now() + AUTH_CACHE_TTL_MS + 2000;
      let after = await fetchResult(`${base}/v1/contacts`, key);
      while (after.status === 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        after = await fetchResult(`${base}/v1/contacts`, key);
      }
      expectError(after, 401, 'invalid_api_key');
      const list = await runCli(['api-keys:list', '--workspace', slug], env);
      expect(list.stdout.split('\n').find((l) => l.includes(id))).toMatch(/revoked/);
    });

    it('api-keys:revoke of an unknown id fails', async () => {
      const revoke = await runCli(['api-keys:revoke', 'ffffffffffffffffffffffff'], env);
      expect(revoke.code).not.toBe(0);
      expect(revoke.stderr).toMatch(/no such api key/i);
    });

    it('an unknown scope is refused with a non-zero exit and no key', async () => {
      const out = await runCli(
        ['api-keys:create', '--workspace', slug, '--scopes', 'read:contacts,delete:everything'],
        env,
      );
      expect(out.code).not.toBe(0);
      expect(out.stderr).toContain('delete:everything');
      expect(out.stdout).not.toMatch(/saf_(live|test)_/);
    });

    it('missing options are a usage error (exit 2)', async () => {
      const out = await runCli(['api-keys:create', '--scopes', 'read:contacts'], env);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/--workspace/);
      expect(out.stdout).not.toMatch(/saf_(live|test)_/);
    });

    it('the service stops on SIGTERM with exit code 0, and the keys persist', async () => {
      const running = service!;
      running.kill('SIGTERM');
      expect(await waitForExit(running, 20_000)).toBe(0);

      // The CLI now opens the database itself: the keys made while the service ran are there.
      const list = await runCli(['api-keys:list', '--workspace', `${slug}-b`], env);
      expect(list.code).toBe(0);
      expect(list.stdout).toContain('live one');
    });
  });
});

const external = process.env.TEST_DATABASE_MODE === 'external';
const describeExternal = external ? describe : describe.skip;

describeExternal(
  `CLI on DATABASE_URL${external ? '' : ' (skipped: this run uses the embedded database; set DATABASE_URL to a PostgreSQL database to run it)'}`,
  () => {
    let app: NestFastifyApplication;
    const slug = `cli-pg-${randomUUID().slice(0, 8)}`;
    const env = (): Record<string, string> => ({ DATABASE_URL: process.env.DATABASE_URL ?? '' });

    beforeAll(async () => {
      app = await createTestApp();
    });
    afterAll(() => app?.close());

    it('creates, lists and revokes a key that the service accepts, then refuses', async () => {
      const { key, id } = await createKey(env(), [
        '--workspace',
        slug,
        '--scopes',
        'read:contacts',
      ]);
      expect(key).toMatch(LIVE_KEY);
      await request(app.getHttpServer()).get('/v1/contacts').set('X-API-Key', key).expect(200);

      const list = await runCli(['api-keys:list', '--workspace', slug], env());
      expect(list.code).toBe(0);
      expect(list.stdout).toContain(id);
      expect(list.stdout).not.toContain(key);

      expect((await runCli(['api-keys:revoke', key], env())).code).toBe(0);
      // Another process revoked it: the app's auth cache may answer for up to its TTL.
      const deadline = Date.now() + AUTH_CACHE_TTL_MS + 2000;
      let after = await request(app.getHttpServer()).get('/v1/contacts').set('X-API-Key', key);
      while (after.status === 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        after = await request(app.getHttpServer()).get('/v1/contacts').set('X-API-Key', key);
      }
      expectError(after, 401, 'invalid_api_key');
    });
  },
);
