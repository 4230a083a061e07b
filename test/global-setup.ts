import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GlobalConfig } from 'jest';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { openDatabase, type DatabaseHandle } from '../src/database/embedded-database';
import { runMigrationsLocked } from '../src/database/run-migrations';
import { typeOrmOptions } from '../src/database/typeorm-options';

declare global {
  var __TEST_DATABASE__: DatabaseHandle | undefined;
  /** The temporary folder of the run's embedded database, removed by the teardown. */
  var __TEST_DATABASE_DIR__: string | undefined;
  /** The workers' databases on a PostgreSQL server, dropped by the teardown. */
  var __TEST_WORKER_DATABASES__: string[] | undefined;
}

/**
 * Once per test run: the database the e2e suite uses, migrated. `DATABASE_URL` when set (CI
 * gives a fresh database per run), and a copy of it per jest worker, dropped by the teardown;
 * otherwise a fresh embedded PGlite database in a temporary folder, served for the test workers
 * (one at a time, see jest.config.js) on a unix socket.
 */
export default async function globalSetup(globalConfig: GlobalConfig): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'safravo-test-'));
  globalThis.__TEST_DATABASE_DIR__ = dir;
  const handle = await openDatabase(
    {
      DATABASE_URL: process.env.DATABASE_URL || undefined,
      DATABASE_POOL_SIZE: 2,
      EMBEDDED_DB_DIR: join(dir, 'pglite'),
    },
    { maxConnections: 100 },
  ); // every test app of every worker has a small pool of its own
  globalThis.__TEST_DATABASE__ = handle;
  // The workers start after this and inherit the environment.
  process.env.DATABASE_URL = handle.url;
  process.env.TEST_DATABASE_MODE = handle.mode;

  const dataSource = new DataSource(typeOrmOptions({ url: handle.url, poolSize: 2 }));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
    if (handle.mode === 'external') {
      // A copy of the migrated database per worker (test/utils/worker-database.ts).
      const name = decodeURIComponent(new URL(handle.url).pathname.slice(1));
      const copies = workerDatabases(name, globalConfig.maxWorkers);
      globalThis.__TEST_WORKER_DATABASES__ = copies;
      await dataSource.destroy(); // a template must have no session
      const admin = new Client({ connectionString: serverDatabaseUrl(handle.url) });
      await admin.connect();
      try {
        for (const copy of copies) {
          await admin.query(`DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`);
          await admin.query(`CREATE DATABASE "${copy}" TEMPLATE "${name}"`);
        }
      } finally {
        await admin.end();
      }
      process.env.TEST_WORKER_DATABASE_BASE = handle.url;
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

/** The server's `postgres` database: where a session opens to copy or drop the run's databases. */
export function serverDatabaseUrl(url: string): string {
  const server = new URL(url);
  server.pathname = '/postgres';
  return server.toString();
}

/** The names of the workers' databases: `<name>_w1` … `<name>_w<workers>`. */
export function workerDatabases(name: string, workers: number): string[] {
  return Array.from({ length: Math.max(1, workers) }, (_, i) => `${name}_w${i + 1}`);
}
