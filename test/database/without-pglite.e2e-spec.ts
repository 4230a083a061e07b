import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliResult, runNode } from '../utils/cli';
import { freePort } from '../utils/free-port';
import { CLI, MAIN, stopProcess } from '../utils/processes';
import { waitFor } from '../utils/wait';

/**
 * The Docker image installs production dependencies without the optional ones, so it has no
 * PGlite (`@electric-sql/pglite`, `@electric-sql/pglite-socket`). Here the built service and CLI
 * run with a require hook that makes those packages missing, as in the image: on DATABASE_URL
 * they never ask for them; without it they stop with a message that says what to do.
 */

jest.setTimeout(60_000);

let dir: string;
let hook: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'safravo-no-pglite-'));
  hook = join(dir, 'no-pglite.js');
  // Every request for the embedded database's packages fails as for a package not installed,
  // and is written to stderr, so that a test can also see a caught attempt.
  writeFileSync(
    hook,
    `const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request.startsWith('@electric-sql/')) {
    process.stderr.write('required ' + request + '\\n');
    const error = new Error("Cannot find module '" + request + "'");
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return resolve.call(this, request, ...rest);
};
`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The worker's environment for a child, on the suite's database or (`null`) on none. */
function childEnv(databaseUrl: string | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    REDIS_URL: '',
    NATS_URL: '',
    MIGRATIONS_RUN: 'false',
    EMBEDDED_DB_DIR: join(dir, 'pglite'),
  };
  delete env.NODE_OPTIONS;
  delete env.TEST_DATABASE_MODE;
  if (databaseUrl === null) delete env.DATABASE_URL;
  else env.DATABASE_URL = databaseUrl;
  return env;
}

const withoutPglite = (args: string[], databaseUrl: string | null): Promise<CliResult> =>
  runNode(['--require', hook, ...args], childEnv(databaseUrl));

describe('without the optional embedded database (the Docker image)', () => {
  it('the service on DATABASE_URL starts, is ready and never requires PGlite', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--require', hook, MAIN], {
      env: {
        ...childEnv(process.env.DATABASE_URL as string),
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const ready = await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`the service exited ${child.exitCode}`);
          try {
            const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
            return res.status === 200 ? res : undefined;
          } catch {
            return undefined; // not listening yet
          }
        },
        { what: 'the service to be ready', timeoutMs: 40_000, intervalMs: 200 },
      ).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${output}`);
      });
      expect(await ready.json()).toMatchObject({ checks: { database: { status: 'up' } } });
    } finally {
      await stopProcess(child, 15_000);
    }
    expect(output).not.toContain('required @electric-sql/');
  });

  it('the CLI on DATABASE_URL works and never requires PGlite', async () => {
    const out = await withoutPglite([CLI, 'workspaces:list'], process.env.DATABASE_URL as string);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
  });

  it.each([
    ['the service', MAIN],
    ['the CLI', CLI],
  ])(
    '%s without DATABASE_URL stops with a message that says what to do, and makes no data folder',
    async (_name, entry) => {
      const out = await withoutPglite(entry === CLI ? [entry, 'workspaces:list'] : [entry], null);
      expect(out.code).toBe(1);
      expect(out.stderr).toContain(
        'DATABASE_URL is not set, and the embedded database is not installed here',
      );
      expect(out.stderr).toContain('Set DATABASE_URL');
      expect(out.stderr).not.toMatch(/^\s+at /m); // a message, not a stack trace
      expect(existsSync(join(dir, 'pglite'))).toBe(false);
    },
  );
});
