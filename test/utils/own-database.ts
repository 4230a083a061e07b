import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { embeddedSocketDir } from '../../src/database/embedded-database';

/** A database a test's child processes have to themselves, and how to reach and drop it. */
export interface OwnDatabase {
  /** The settings that point a service at it (DATABASE_URL, or EMBEDDED_DB_DIR). */
  env: NodeJS.ProcessEnv;
  /** A connection string for the test's own `pg` client (the embedded one's socket included). */
  url: string;
  drop(): Promise<void>;
}

/**
 * On the suite's PostgreSQL server (external mode): a new database of its own. In embedded mode:
 * a PGlite directory under `dir`, which the first service started there creates.
 */
export async function ownDatabase(prefix: string, dir: string): Promise<OwnDatabase> {
  if (process.env.TEST_DATABASE_MODE !== 'external') {
    const embedded = join(dir, 'pglite');
    return {
      env: { DATABASE_URL: '', EMBEDDED_DB_DIR: embedded },
      url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(embeddedSocketDir(embedded))}`,
      drop: () => Promise.resolve(),
    };
  }
  const name = `${prefix}_${randomUUID().replace(/-/g, '')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
