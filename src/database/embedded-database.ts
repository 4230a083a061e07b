import { chmodSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { EnvironmentVariables } from '../config/environment.variables';
import { loadPglite } from './load-pglite';
import { PgliteSessionServer } from './pglite-session-server';
import { ensurePrivateFolder, isPrivateFolder, makeFolders } from './private-folders';
import type { DatabaseConnection } from './typeorm-options';

/** A database the process can talk to through the ordinary `pg` driver. */
export interface DatabaseHandle extends DatabaseConnection {
  /** `external` (DATABASE_URL), `embedded` (this process serves PGlite) or `embedded-client`. */
  mode: 'external' | 'embedded' | 'embedded-client';
  close(): Promise<void>;
}

/** Connections the embedded server keeps free beyond the service's own pool (CLI, psql). */
const SPARE_EMBEDDED_CONNECTIONS = 4;
/** PGlite runs one query at a time, so a larger pool only queues in a different place. */
const EMBEDDED_POOL_SIZE = 4;
/** Linux limits a unix socket path to 108 bytes. */
const MAX_SOCKET_PATH = 100;

export class EmbeddedDatabaseInUseError extends Error {
  constructor(dataDir: string) {
    super(
      `The embedded database in ${dataDir} is already served by another process. ` +
        'Stop it, point EMBEDDED_DB_DIR elsewhere, or set DATABASE_URL.',
    );
  }
}

const SOCKET_NAME = '.s.PGSQL.5432';
/** In `<dataDir>.run`, when the socket cannot be there: the folder it is in instead. */
const RECORD_NAME = 'socket-folder';
/** The prefix of the socket folders made under the system temp folder (mkdtemp adds 6 characters). */
const TEMP_PREFIX = 'safravo-pglite-';

/** The private folder next to the data folder: the socket, or the record of where it is. */
function embeddedRunDir(dataDir: string): string {
  return `${resolve(dataDir)}.run`;
}

const fitsSocket = (dir: string): boolean => join(dir, SOCKET_NAME).length <= MAX_SOCKET_PATH;

function readRecord(runDir: string): string | undefined {
  try {
    const recorded = readFileSync(join(runDir, RECORD_NAME), 'utf8').trim();
    return isAbsolute(recorded) ? recorded : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the record if it still names `socketDir` (another process may have replaced it). */
function forgetRecord(runDir: string, socketDir: string): void {
  if (readRecord(runDir) === socketDir) rmSync(join(runDir, RECORD_NAME), { force: true });
}

/** Removes a socket folder of ours under the temp folder, and the socket a killed process left. */
function removeTempSocketDir(socketDir: string): void {
  if (!basename(socketDir).startsWith(TEMP_PREFIX) || !isPrivateFolder(socketDir)) return;
  rmSync(join(socketDir, SOCKET_NAME), { force: true });
  try {
    rmdirSync(socketDir); // only if nothing else is in it
  } catch {
    // left as it is
  }
}

/**
 * A new socket folder for a data folder whose own `.run` path is too long for a unix socket:
 * made by mkdtemp under the system temp folder, so with an unpredictable name, 0700 and ours
 * from the start; nobody else can have created it first.
 */
function makeTempSocketDir(dataDir: string): string {
  const socketDir = mkdtempSync(join(tmpdir(), TEMP_PREFIX));
  chmodSync(socketDir, 0o700);
  if (!fitsSocket(socketDir)) {
    rmdirSync(socketDir);
    throw new Error(
      `No folder short enough for the embedded database's socket (the temp folder ${tmpdir()} ` +
        `is too long a path): set a shorter EMBEDDED_DB_DIR than ${dataDir}, or DATABASE_URL.`,
    );
  }
  return socketDir;
}

/**
 * Where the process serving an embedded data directory listens (a unix socket in a private
 * folder): `<dataDir>.run` when the socket path fits there, else the folder under the system
 * temp folder that this process recorded in `<dataDir>.run`.
 */
export function embeddedSocketDir(dataDir: string): string {
  const runDir = embeddedRunDir(dataDir);
  if (fitsSocket(runDir)) return runDir;
  const recorded = readRecord(runDir);
  if (!recorded) throw new Error(`Nothing serves the embedded database in ${resolve(dataDir)}`);
  return recorded;
}

function socketAnswers(path: string): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ path });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

function socketUrl(socketDir: string): string {
  return `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`;
}

/**
 * Opens the database named by the settings: `DATABASE_URL` when set, else the embedded PGlite
 * database in `EMBEDDED_DB_DIR`. The process that opens PGlite serves it on a unix socket (the
 * socket doubles as the lock on the data directory); when `allowClient` is set and another
 * process already serves it (the running service, for the CLI), this one connects through it.
 * The data folder and the socket's folder must be the user's own and are made 0700; when
 * `<dir>.run` is too long a path for the socket, it records where in the temp folder it is.
 */
export async function openDatabase(
  env: Pick<EnvironmentVariables, 'DATABASE_URL' | 'DATABASE_POOL_SIZE' | 'EMBEDDED_DB_DIR'>,
  {
    allowClient = false,
    maxConnections = EMBEDDED_POOL_SIZE + SPARE_EMBEDDED_CONNECTIONS,
  }: { allowClient?: boolean; maxConnections?: number } = {},
): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) {
    return {
      mode: 'external',
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      close: () => Promise.resolve(),
    };
  }

  // PGlite is loaded lazily: a deployment with DATABASE_URL never loads it, and may not have it
  // (the Docker image); without it, this fails with a clear message before making any folder.
  const { PGlite, extensions } = await loadPglite();

  // The data folder and the socket folder are the user's own and 0700 (see private-folders.ts).
  const dataDir = resolve(env.EMBEDDED_DB_DIR);
  const runDir = embeddedRunDir(dataDir);
  makeFolders(dirname(dataDir));
  ensurePrivateFolder(dataDir, { followLinks: true });
  ensurePrivateFolder(runDir, { followLinks: false });

  // The socket is in `.run`, or (a long path) in the temp folder that `.run` records.
  const inRunDir = fitsSocket(runDir);
  const recorded = inRunDir ? undefined : readRecord(runDir);
  const current = inRunDir ? runDir : recorded && isPrivateFolder(recorded) ? recorded : undefined;
  if (current && (await socketAnswers(join(current, SOCKET_NAME)))) {
    if (!allowClient) throw new EmbeddedDatabaseInUseError(dataDir);
    return {
      mode: 'embedded-client',
      url: socketUrl(current),
      poolSize: 2, // the migration lock holds one connection while migrations use another
      close: () => Promise.resolve(),
    };
  }
  // Nothing answers: clear what a killed process left behind.
  if (inRunDir) {
    rmSync(join(runDir, SOCKET_NAME), { force: true });
  } else if (recorded) {
    forgetRecord(runDir, recorded);
    if (current) removeTempSocketDir(current);
  }

  const socketDir = inRunDir ? runDir : makeTempSocketDir(dataDir);
  const socketPath = join(socketDir, SOCKET_NAME);
  const removeSocket = (): void => {
    rmSync(socketPath, { force: true });
    if (!inRunDir) removeTempSocketDir(socketDir);
  };

  const db = await PGlite.create({ dataDir, extensions }).catch((error: unknown) => {
    if (!inRunDir) removeSocket();
    throw error;
  });
  const server = new PgliteSessionServer(db, { path: socketPath, maxConnections });
  let listening = false;
  try {
    await server.start();
    listening = true;
    chmodSync(socketPath, 0o600); // the folder already keeps others out; the socket too
    if (!inRunDir) {
      // Exclusive: if another process recorded its socket since we looked, it serves the folder.
      try {
        writeFileSync(join(runDir, RECORD_NAME), `${socketDir}\n`, { flag: 'wx', mode: 0o600 });
      } catch (error) {
        const taken = (error as NodeJS.ErrnoException).code === 'EEXIST';
        throw taken ? new EmbeddedDatabaseInUseError(dataDir) : error;
      }
    }
  } catch (error) {
    await server.stop();
    await db.close();
    // Not a socket in `.run` that another process listens on (this one lost the race to it).
    if (listening || !inRunDir) removeSocket();
    throw error;
  }

  return {
    mode: 'embedded',
    url: socketUrl(socketDir),
    poolSize: EMBEDDED_POOL_SIZE,
    async close() {
      await server.stop();
      await db.close();
      if (!inRunDir) forgetRecord(runDir, socketDir);
      removeSocket();
    },
  };
}
