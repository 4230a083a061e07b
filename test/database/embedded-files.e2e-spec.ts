import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import {
  type DatabaseHandle,
  EmbeddedDatabaseInUseError,
  embeddedSocketDir,
  openDatabase,
} from '../../src/database/embedded-database';
import { runMigrationsLocked } from '../../src/database/run-migrations';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { type CliResult, type RunOptions, runNode } from '../utils/cli';
import { newEmbeddedDataDir } from '../utils/embedded-template';
import { freePort } from '../utils/free-port';
import { CLI, MAIN as SERVICE } from '../utils/processes';
import { sleep } from '../utils/wait';

/**
 * The embedded database's files on disk (the data folder and the socket the CLI connects
 * through) are private to the user running the service: folders 0700 and owned by that user, no
 * symbolic link followed for the socket folder, and no predictable path in the shared temp
 * folder that another local user could create first.
 */

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../..');
const EMBEDDED = join(ROOT, 'dist/src/database/embedded-database.js');
const SOCKET = '.s.PGSQL.5432';
/** Another local user: `nobody`. Ownership is only testable as root (as on CI). */
const OTHER_UID = 65534;
const asRoot = process.getuid?.() === 0;
const rootOnly = asRoot ? it : it.skip;

const modeOf = (path: string): number => statSync(path).mode & 0o777;
const socketDirOf = (handle: DatabaseHandle): string =>
  new URL(handle.url).searchParams.get('host') as string;
/** The folder the service used before: derived from the data folder, in the shared temp folder. */
const oldFallbackDir = (dataDir: string): string =>
  join(
    tmpdir(),
    `safravo-pglite-${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16)}`,
  );

/** The environment of the test worker, minus what would point a child at the suite's database. */
function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...overrides };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'TEST_DATABASE_MODE', 'NODE_OPTIONS']) {
    if (!(name in overrides)) delete env[name];
  }
  return env;
}

/** `node <args>` with the child environment below. */
function run(
  args: string[],
  env: Record<string, string>,
  options: RunOptions = {},
): Promise<CliResult> {
  return runNode(args, childEnv(env), { timeoutMs: 60_000, ...options });
}

/** What another user's process gets when it connects to `path`: `connected` or an error code. */
async function connectAs(uid: number, path: string): Promise<string> {
  const script =
    "const s = require('net').createConnection(process.argv[1]);" +
    "s.on('connect', () => { console.log('connected'); s.destroy(); });" +
    "s.on('error', (e) => console.log(e.code));";
  const out = await run(['-e', script, path], {}, { uid, cwd: '/' });
  return out.stdout.trim();
}

/** Opens the database, closing it again if it opened: for the cases where it must not. */
async function openThenClose(dataDir: string): Promise<void> {
  const handle = await openDatabase({ DATABASE_POOL_SIZE: 2, EMBEDDED_DB_DIR: dataDir });
  await handle.close();
}

async function migrate(handle: DatabaseHandle): Promise<void> {
  const dataSource = new DataSource(typeOrmOptions({ url: handle.url, poolSize: 2 }));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

describe('embedded database files', () => {
  let root: string;
  const handles: DatabaseHandle[] = [];
  const planted: string[] = [];
  const open = async (dataDir: string): Promise<DatabaseHandle> => {
    const handle = await openDatabase({ DATABASE_POOL_SIZE: 2, EMBEDDED_DB_DIR: dataDir });
    handles.push(handle);
    return handle;
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'safravo-files-'));
    chmodSync(root, 0o755); // another user can reach what we leave reachable
  });

  afterAll(async () => {
    for (const handle of handles) await handle.close().catch(() => undefined);
    for (const path of planted) rmSync(path, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the data folder, the folders it creates above it and the socket folder 0700', async () => {
    const dataDir = join(root, 'fresh', 'nested', 'pglite');
    const handle = await open(dataDir);
    for (const path of [join(root, 'fresh'), dirname(dataDir), dataDir, `${dataDir}.run`]) {
      expect({ path, mode: modeOf(path).toString(8), uid: statSync(path).uid }).toEqual({
        path,
        mode: '700',
        uid: process.getuid?.(),
      });
    }
    expect(socketDirOf(handle)).toBe(`${dataDir}.run`);
    // The socket itself is for the user only too.
    expect(modeOf(join(`${dataDir}.run`, SOCKET)) & 0o077).toBe(0);
    await handle.close();
  });

  it('tightens existing folders to 0700, and another user cannot reach the socket', async () => {
    const dataDir = join(root, 'existing', 'pglite');
    await newEmbeddedDataDir(dataDir); // a database there already (initdb takes seconds)
    mkdirSync(`${dataDir}.run`);
    for (const path of [dataDir, `${dataDir}.run`]) chmodSync(path, 0o755);
    chmodSync(dirname(dataDir), 0o755);
    const handle = await open(dataDir);
    expect(modeOf(dataDir).toString(8)).toBe('700');
    expect(modeOf(`${dataDir}.run`).toString(8)).toBe('700');
    // The folder the user chose to put it in is left as it was.
    expect(modeOf(dirname(dataDir)).toString(8)).toBe('755');
    if (asRoot) expect(await connectAs(OTHER_UID, join(`${dataDir}.run`, SOCKET))).toBe('EACCES');
    await handle.close();
  });

  rootOnly('refuses a data folder that belongs to another user, naming it', async () => {
    const dataDir = join(root, 'theirs-data', 'pglite');
    mkdirSync(dataDir, { recursive: true });
    chownSync(dataDir, OTHER_UID, OTHER_UID);
    const error = await openThenClose(dataDir).then(
      () => new Error('opened'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toContain(dataDir);
    expect(error.message).toMatch(new RegExp(`belongs to uid ${OTHER_UID}`));
  });

  rootOnly('refuses a socket folder that belongs to another user, naming it', async () => {
    const dataDir = join(root, 'theirs-run', 'pglite');
    mkdirSync(`${dataDir}.run`, { recursive: true });
    chownSync(`${dataDir}.run`, OTHER_UID, OTHER_UID);
    await expect(openThenClose(dataDir)).rejects.toThrow(`${dataDir}.run`);
    expect(readdirSync(`${dataDir}.run`)).toEqual([]);
  });

  it('refuses a socket folder that is a symbolic link; the service prints why and exits', async () => {
    const dataDir = join(root, 'linked', 'pglite');
    const elsewhere = join(root, 'linked', 'elsewhere');
    mkdirSync(elsewhere, { recursive: true, mode: 0o700 });
    symlinkSync(elsewhere, `${dataDir}.run`);
    await expect(openThenClose(dataDir)).rejects.toThrow(/symbolic link/);
    await expect(openThenClose(dataDir)).rejects.toThrow(`${dataDir}.run`);
    expect(readdirSync(elsewhere)).toEqual([]);

    const port = await freePort();
    const out = await run([SERVICE], {
      EMBEDDED_DB_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`${dataDir}.run`);
    expect(out.stderr).not.toMatch(/^\s+at /m); // the message, not a stack trace
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('ignores anything planted at the old predictable temp path, even a socket that answers', async () => {
    const dataDir = join(root, 'long-planted', 'x'.repeat(80), 'pglite');
    expect(join(`${dataDir}.run`, SOCKET).length).toBeGreaterThan(100); // too long for a socket
    const old = oldFallbackDir(dataDir);
    rmSync(old, { recursive: true, force: true });
    mkdirSync(old, { mode: 0o777 });
    planted.push(old);
    await newEmbeddedDataDir(dataDir); // a database there already (initdb takes seconds)
    // Someone else's server at the old path: we must neither talk to it nor refuse to start.
    const theirs: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((listening) => theirs.listen(join(old, SOCKET), listening));
    try {
      const handle = await open(dataDir);
      expect(handle.mode).toBe('embedded');
      expect(socketDirOf(handle)).not.toBe(old);
      await handle.close();
    } finally {
      await new Promise((closed) => theirs.close(closed));
    }
  });

  it('serves a long data-folder path on an unpredictable private socket folder the CLI finds', async () => {
    const dataDir = join(root, 'long', 'y'.repeat(80), 'pglite');
    const env = { EMBEDDED_DB_DIR: dataDir };
    // Planted first by another user: a symbolic link at the old path to a folder they control.
    const old = oldFallbackDir(dataDir);
    const target = mkdtempSync(join(tmpdir(), 'safravo-planted-'));
    chmodSync(target, 0o777);
    rmSync(old, { recursive: true, force: true });
    symlinkSync(target, old);
    planted.push(old, target);

    await newEmbeddedDataDir(dataDir); // a database there already (initdb takes seconds)
    let handle = await open(dataDir);
    await migrate(handle);
    const socketDir = socketDirOf(handle);
    expect(socketDir).not.toBe(old);
    expect(readdirSync(target)).toEqual([]);
    expect(basename(socketDir)).not.toBe(basename(old));
    const link = lstatSync(socketDir);
    expect(link.isSymbolicLink()).toBe(false);
    expect(link.isDirectory()).toBe(true);
    expect((link.mode & 0o777).toString(8)).toBe('700');
    expect(link.uid).toBe(process.getuid?.());
    expect(existsSync(join(socketDir, SOCKET))).toBe(true);
    if (asRoot) expect(await connectAs(OTHER_UID, join(socketDir, SOCKET))).toBe('EACCES');

    // A second server on the folder refuses; another process finds the socket and connects.
    await expect(openThenClose(dataDir)).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
    const probe =
      `const { openDatabase } = require(${JSON.stringify(EMBEDDED)});` +
      `openDatabase({ EMBEDDED_DB_DIR: process.env.EMBEDDED_DB_DIR, DATABASE_POOL_SIZE: 2 }, { allowClient: true })` +
      `.then(async (h) => { console.log(h.mode + ' ' + new URL(h.url).searchParams.get('host')); await h.close(); })`;
    const client = await run(['-e', probe], env);
    expect(client.stderr).toBe('');
    expect(client.stdout.trim()).toBe(`embedded-client ${socketDir}`);
    const list = await run([CLI, 'api-keys:list', '--workspace', 'x'], env);
    expect(list).toMatchObject({ code: 0, stdout: 'No API keys for workspace x.\n' });

    // Restarted, it takes a new folder and removes the old one.
    await handle.close();
    expect(existsSync(socketDir)).toBe(false);
    handle = await open(dataDir);
    expect(socketDirOf(handle)).not.toBe(socketDir);
    await handle.close();
    expect(readdirSync(target)).toEqual([]);
  });

  it('finds the service again after it was killed, on a long data-folder path', async () => {
    const dataDir = join(root, 'killed', 'z'.repeat(80), 'pglite');
    const env = { EMBEDDED_DB_DIR: dataDir };
    const old = oldFallbackDir(dataDir);
    rmSync(old, { recursive: true, force: true });
    mkdirSync(old, { mode: 0o777 }); // created first by someone else
    chownSync(
      old,
      asRoot ? OTHER_UID : (process.getuid?.() ?? 0),
      asRoot ? OTHER_UID : (process.getgid?.() ?? 0),
    );
    planted.push(old);

    await newEmbeddedDataDir(dataDir); // a database there already (initdb takes seconds)
    const created = await run(
      [CLI, 'api-keys:create', '--workspace', 'k', '--scopes', 'read:contacts'],
      env,
    );
    expect(created.code).toBe(0);

    const start = async (): Promise<ChildProcess> => {
      const port = await freePort();
      const service = spawn(process.execPath, [SERVICE], {
        cwd: ROOT,
        env: childEnv({ ...env, PORT: String(port), HOST: '127.0.0.1' }),
        stdio: 'ignore',
      });
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (service.exitCode !== null) throw new Error(`the service exited ${service.exitCode}`);
        try {
          if ((await fetch(`http://127.0.0.1:${port}/v1/contacts`)).status === 401) return service;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error('the service did not answer');
        await sleep(200);
      }
    };
    const stop = (service: ChildProcess, signal: NodeJS.Signals): Promise<unknown> =>
      new Promise((exited) => {
        service.once('exit', exited);
        service.kill(signal);
      });

    const first = await start();
    let killedDir = '';
    try {
      expect(readdirSync(old)).toEqual([]);
      killedDir = embeddedSocketDir(dataDir);
      expect(killedDir).not.toBe(old);
      const listed = await run([CLI, 'api-keys:list', '--workspace', 'k'], env);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain('read:contacts');
    } finally {
      await stop(first, 'SIGKILL');
    }
    // Killed: its socket folder is stale. The CLI works alone, and a new service starts.
    expect(existsSync(join(killedDir, SOCKET))).toBe(true);
    expect((await run([CLI, 'api-keys:list', '--workspace', 'k'], env)).code).toBe(0);
    expect(existsSync(killedDir)).toBe(false); // cleared by the next process to open the folder
    const second = await start();
    try {
      const listed = await run([CLI, 'api-keys:list', '--workspace', 'k'], env);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain('read:contacts');
    } finally {
      await stop(second, 'SIGTERM');
    }
    expect(readdirSync(old)).toEqual([]);
  });
});
