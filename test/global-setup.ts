import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { openDatabase, type DatabaseHandle } from '../src/database/embedded-database';
import { runMigrationsLocked } from '../src/database/run-migrations';
import { typeOrmOptions } from '../src/database/typeorm-options';

declare global {
  var __TEST_DATABASE__: DatabaseHandle | undefined;
  /** The temporary folder of the run's embedded database, removed by the teardown. */
  var __TEST_DATABASE_DIR__: string | undefined;
}

/**
 * Once per test run: the database the e2e suite uses, migrated. `DATABASE_URL` when set (CI
 * gives a fresh database per run); otherwise a fresh embedded PGlite database in a temporary
 * folder, served for the test workers on a unix socket.
 */
export default async function globalSetup(): Promise<void> {
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
  } finally {
    await dataSource.destroy();
  }
}
