import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { EnvironmentVariables } from '../config/environment.variables';
import { PgliteSessionServer } from './pglite-session-server';
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

/** Where the process serving an embedded data directory listens (a private unix socket). */
export function embeddedSocketDir(dataDir: string): string {
  const preferred = `${resolve(dataDir)}.run`;
  if (join(preferred, '.s.PGSQL.5432').length <= MAX_SOCKET_PATH) return preferred;
  const digest = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join(tmpdir(), `safravo-pglite-${digest}`);
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

  const dataDir = resolve(env.EMBEDDED_DB_DIR);
  const socketDir = embeddedSocketDir(dataDir);
  const socketPath = join(socketDir, '.s.PGSQL.5432');

  if (existsSync(socketPath)) {
    if (await socketAnswers(socketPath)) {
      if (!allowClient) throw new EmbeddedDatabaseInUseError(dataDir);
      return {
        mode: 'embedded-client',
        url: socketUrl(socketDir),
        poolSize: 2, // the migration lock holds one connection while migrations use another
        close: () => Promise.resolve(),
      };
    }
    rmSync(socketPath, { force: true }); // left behind by a process that was killed
  }

  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });

  // PGlite is loaded lazily: a deployment with DATABASE_URL never pays for it.
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { btree_gin } = await import('@electric-sql/pglite/contrib/btree_gin');

  const db = await PGlite.create({ dataDir, extensions: { pg_trgm, btree_gin } });
  const server = new PgliteSessionServer(db, { path: socketPath, maxConnections });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }

  return {
    mode: 'embedded',
    url: socketUrl(socketDir),
    poolSize: EMBEDDED_POOL_SIZE,
    async close() {
      await server.stop();
      await db.close();
      rmSync(socketPath, { force: true });
    },
  };
}
