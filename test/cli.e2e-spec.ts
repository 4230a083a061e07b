import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { displayPrefix } from '../src/api-keys/api-key-format';
import { AUTH_CACHE_TTL_MS } from '../src/api-keys/api-keys.service';
import { createApiKey, type CliResult, runCli as runCliWith } from './utils/cli';
import { createTestApp } from './utils/create-test-app';
import { describeIf } from './utils/describe-if';
import { newEmbeddedDataDir } from './utils/embedded-template';
import { expectError, type HttpResult } from './utils/expect-error';
import { freePort } from './utils/free-port';
import { exited, MAIN, stopProcess } from './utils/processes';
import { waitFor } from './utils/wait';

/**
 * The command-line tool of SPEC §2, run as a user runs it: the compiled CLI in a child process,
 * on a fresh embedded database (DATABASE_URL unset), alone and while the service runs on the
 * same data directory; and once on DATABASE_URL when the suite has a real PostgreSQL.
 * Every test has its own workspace (and, where it stops the service, its own data directory).
 */

jest.setTimeout(60_000);

const LIVE_KEY = /^saf_live_[0-9A-Za-z]{32,}$/;
const TEST_KEY = /^saf_test_[0-9A-Za-z]{32,}$/;

/** The environment of the test worker, minus what would point a child at the suite's database. */
function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...overrides };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'TEST_DATABASE_MODE', 'NODE_OPTIONS']) {
    if (!(name in overrides)) delete env[name];
  }
  return env;
}

const runCli = (args: string[], env: Record<string, string>): Promise<CliResult> =>
  runCliWith(args, childEnv(env));

const createKey = (env: Record<string, string>, args: string[]) =>
  createApiKey(args, childEnv(env));

const newSlug = (): string => `cli-${randomUUID().slice(0, 8)}`;

/** The line of `api-keys:list` that describes the key with this id (fails when there is none). */
function listLine(list: CliResult, id: string): string {
  const line = list.stdout.split('\n').find((l) => l.startsWith(`${id} `));
  if (line === undefined) throw new Error(`key ${id} is not listed:\n${list.stdout}`);
  return line;
}

async function fetchResult(url: string, key?: string): Promise<HttpResult> {
  const res = await fetch(url, { headers: key === undefined ? {} : { 'X-API-Key': key } });
  const headers: HttpResult['headers'] = {};
  res.headers.forEach((value, name) => (headers[name] = value));
  return { status: res.status, headers, body: await res.json() };
}

/**
 * A data directory of a new embedded database for the group (a copy of one made once: see
 * newEmbeddedDataDir), made before its first test and again before a test after `remove`.
 */
function dataDirectory(): { env: () => Record<string, string>; remove: () => void } {
  let tmp: string | undefined;
  const make = async (): Promise<void> => {
    if (tmp) return;
    tmp = mkdtempSync(join(tmpdir(), 'safravo-cli-'));
    await newEmbeddedDataDir(join(tmp, 'pglite'));
  };
  beforeAll(make);
  beforeEach(make);
  return {
    env: () => {
      if (!tmp) throw new Error('the data directory is made before each test');
      return { EMBEDDED_DB_DIR: join(tmp, 'pglite') };
    },
    remove: () => {
      if (tmp) rmSync(tmp, { recursive: true, force: true });
      tmp = undefined;
    },
  };
}

interface RunningService {
  child: ChildProcess;
  base: string;
  log: () => string;
}

/** The built service on the embedded database of `env`, once it answers. */
async function startService(env: Record<string, string>): Promise<RunningService> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [MAIN], {
    env: childEnv({ ...env, PORT: String(port), HOST: '127.0.0.1' }),
    stdio: 'pipe',
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`the service exited ${child.exitCode}`);
        try {
          return (await fetch(`${base}/v1/contacts`)).status === 401;
        } catch {
          return false; // not listening yet
        }
      },
      { what: 'the service to answer 401 without a key', timeoutMs: 40_000, intervalMs: 200 },
    );
  } catch (error) {
    await stopProcess(child, 5_000);
    throw new Error(`${String(error)}\n${log}`);
  }
  return { child, base, log: () => log };
}

/**
 * Polls until `send` answers other than 200: a key revoked by another process stays in the
 * service's auth cache for up to its TTL.
 */
function refusedWithinAuthCache(send: () => Promise<HttpResult>): Promise<HttpResult> {
  return waitFor(
    async () => {
      const res = await send();
      return res.status === 200 ? undefined : res;
    },
    {
      what: `the revoked key to be refused (auth cache TTL ${AUTH_CACHE_TTL_MS} ms)`,
      timeoutMs: AUTH_CACHE_TTL_MS + 2_000,
      intervalMs: 250,
    },
  );
}

describe('CLI on the embedded database (DATABASE_URL unset)', () => {
  describe('with no service running', () => {
    const data = dataDirectory();
    afterAll(() => data.remove());

    it('api-keys:create creates the workspace and prints a live key alone on the last line', async () => {
      const slug = newSlug();
      const { key, id, out } = await createKey(data.env(), [
        '--workspace',
        slug,
        '--scopes',
        'read:contacts,write:contacts',
      ]);
      expect(key).toMatch(LIVE_KEY);
      // The key appears once, on its own line (createKey reads it from the last line, alone), and
      // nowhere else (not on stderr either).
      expect(out.stdout.split(key)).toHaveLength(2);
      expect(out.stderr).not.toContain(key);

      const list = await runCli(['api-keys:list', '--workspace', slug], data.env());
      expect(list.code).toBe(0);
      expect(listLine(list, id)).toContain(displayPrefix(key));
    });

    it('api-keys:create --test prints a test key', async () => {
      const { key } = await createKey(data.env(), [
        '--workspace',
        newSlug(),
        '--scopes',
        'read:contacts',
        '--test',
      ]);
      expect(key).toMatch(TEST_KEY);
    });
  });

  describe('while the service runs on the same data directory', () => {
    const data = dataDirectory();
    let service: RunningService;
    /** Made by the CLI before the service started. */
    let earlierKey: string;

    beforeAll(async () => {
      ({ key: earlierKey } = await createKey(data.env(), [
        '--workspace',
        newSlug(),
        '--scopes',
        'read:contacts',
      ]));
      service = await startService(data.env());
    });
    afterAll(async () => {
      if (service) await stopProcess(service.child, 15_000);
      data.remove();
    });

    it('a key created before the service started works against it', async () => {
      const res = await fetchResult(`${service.base}/v1/contacts`, earlierKey);
      expect(res.status).toBe(200);
    });

    it('api-keys:create works while the service runs, and the service accepts the new key', async () => {
      const { key } = await createKey(data.env(), [
        '--workspace',
        newSlug(),
        '--scopes',
        'read:contacts',
        '--name',
        'live one',
      ]);
      expect(key).toMatch(LIVE_KEY);
      const res = await fetchResult(`${service.base}/v1/contacts`, key);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ items: [], total: 0 });
    });

    it('api-keys:list shows id, prefix, name and scopes, never the key', async () => {
      const slug = newSlug();
      const other = await createKey(data.env(), ['--workspace', slug, '--scopes', 'read:contacts']);
      const { key, id } = await createKey(data.env(), [
        '--workspace',
        slug,
        '--scopes',
        'write:contacts',
        '--name',
        'listed',
      ]);
      const list = await runCli(['api-keys:list', '--workspace', slug], data.env());
      expect(list.code).toBe(0);
      const line = listLine(list, id);
      expect(line).toContain(displayPrefix(key));
      expect(line).toContain('listed');
      expect(line).toContain('write:contacts');
      expect(listLine(list, other.id)).toContain(displayPrefix(other.key));
      for (const shown of [key, other.key]) {
        expect(list.stdout).not.toContain(shown);
        expect(list.stdout).not.toContain(shown.slice(-20));
      }
    });

    it('api-keys:revoke <id> makes the running service refuse the key with 401 (within the auth cache TTL)', async () => {
      const slug = newSlug();
      const { key, id } = await createKey(data.env(), [
        '--workspace',
        slug,
        '--scopes',
        'read:contacts',
      ]);
      expect((await fetchResult(`${service.base}/v1/contacts`, key)).status).toBe(200);

      const revoke = await runCli(['api-keys:revoke', id], data.env());
      expect(revoke.code).toBe(0);
      expect(revoke.stdout).toContain(id);
      expect(revoke.stdout).not.toContain(key);

      const after = await refusedWithinAuthCache(() =>
        fetchResult(`${service.base}/v1/contacts`, key),
      );
      expectError(after, 401, 'invalid_api_key');
      const list = await runCli(['api-keys:list', '--workspace', slug], data.env());
      expect(listLine(list, id)).toMatch(/revoked/);
    });

    it('api-keys:revoke of an unknown id fails', async () => {
      const revoke = await runCli(['api-keys:revoke', 'ffffffffffffffffffffffff'], data.env());
      expect(revoke.code).not.toBe(0);
      expect(revoke.stderr).toMatch(/no such api key/i);
    });

    it('an unknown scope is refused with a non-zero exit and no key', async () => {
      const out = await runCli(
        [
          'api-keys:create',
          '--workspace',
          newSlug(),
          '--scopes',
          'read:contacts,delete:everything',
        ],
        data.env(),
      );
      expect(out.code).not.toBe(0);
      expect(out.stderr).toContain('delete:everything');
      expect(out.stderr).toContain('Scopes: read:contacts, write:contacts');
      expect(out.stdout).not.toMatch(/saf_(live|test)_/);
    });

    it('refuses a country without a numbering plan, says when it changes a workspace, and lists workspaces', async () => {
      const slug = newSlug();
      const bad = await runCli(
        [
          'api-keys:create',
          '--workspace',
          slug,
          '--scopes',
          'read:contacts',
          '--default-country',
          'XX',
        ],
        data.env(),
      );
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('Invalid country "XX"');
      await createKey(data.env(), [
        '--workspace',
        slug,
        '--scopes',
        'read:contacts',
        '--default-country',
        'KE',
      ]);
      const changed = await runCli(
        [
          'api-keys:create',
          '--workspace',
          slug,
          '--scopes',
          'read:contacts',
          '--default-country',
          'ng',
        ],
        data.env(),
      );
      expect(changed.code).toBe(0);
      expect(changed.stdout).toContain(
        `Default country of workspace ${slug} changed from KE to NG.`,
      );
      const list = await runCli(['workspaces:list'], data.env());
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(new RegExp(`^${slug}  [0-9a-f]{24}  country NG$`, 'm'));
    });

    it('missing options are a usage error (exit 2)', async () => {
      const out = await runCli(['api-keys:create', '--scopes', 'read:contacts'], data.env());
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/--workspace/);
      expect(out.stdout).not.toMatch(/saf_(live|test)_/);
    });
  });

  describe('stopping the service', () => {
    const data = dataDirectory();
    let service: RunningService | undefined;
    afterEach(async () => {
      if (service) await stopProcess(service.child, 15_000);
      data.remove();
    });

    it('the service stops on SIGTERM with exit code 0, and the keys made while it ran persist', async () => {
      service = await startService(data.env());
      const slug = newSlug();
      const { id } = await createKey(data.env(), [
        '--workspace',
        slug,
        '--scopes',
        'read:contacts',
        '--name',
        'made while running',
      ]);
      const exit = exited(service.child);
      service.child.kill('SIGTERM');
      expect(await exit).toBe(0);

      // The CLI now opens the database itself: the key made while the service ran is there.
      const list = await runCli(['api-keys:list', '--workspace', slug], data.env());
      expect(list.code).toBe(0);
      expect(listLine(list, id)).toContain('made while running');
    });
  });
});

describeIf(
  process.env.TEST_DATABASE_MODE === 'external',
  'a PostgreSQL server (set DATABASE_URL; this run uses the embedded database)',
)('CLI on DATABASE_URL', () => {
  let app: NestFastifyApplication;
  const env = (): Record<string, string> => ({ DATABASE_URL: process.env.DATABASE_URL ?? '' });

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('creates, lists and revokes a key that the service accepts, then refuses', async () => {
    const slug = newSlug();
    const { key, id } = await createKey(env(), ['--workspace', slug, '--scopes', 'read:contacts']);
    expect(key).toMatch(LIVE_KEY);
    await request(app.getHttpServer()).get('/v1/contacts').set('X-API-Key', key).expect(200);

    const list = await runCli(['api-keys:list', '--workspace', slug], env());
    expect(list.code).toBe(0);
    expect(listLine(list, id)).toContain(displayPrefix(key));
    expect(list.stdout).not.toContain(key);

    expect((await runCli(['api-keys:revoke', key], env())).code).toBe(0);
    const after = await refusedWithinAuthCache(async () => {
      const res = await request(app.getHttpServer()).get('/v1/contacts').set('X-API-Key', key);
      return { status: res.status, headers: res.headers, body: res.body as unknown };
    });
    expectError(after, 401, 'invalid_api_key');
  });
});
