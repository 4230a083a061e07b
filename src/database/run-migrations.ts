import { type DataSource, type Migration, MigrationExecutor } from 'typeorm';

/** Arbitrary but fixed: every instance of the service contends for this one advisory lock. */
export const MIGRATIONS_LOCK_ID = 7_302_114_598;

/** Serialises migration runs within this process (see below for why that matters too). */
let inProcess: Promise<unknown> = Promise.resolve();

/**
 * Applies pending migrations while holding a session-level PostgreSQL advisory lock, so that
 * many instances starting together migrate once and the others wait, then find nothing to do.
 * The lock, the check for pending migrations and the migrations themselves (each in its own
 * transaction) all run on one connection.
 *
 * The embedded PGlite database has a single backend session, where advisory locks are
 * re-entrant and so exclude nothing; there, only one process serves the database, and runs within
 * that process are serialised here.
 */
export function runMigrationsLocked(dataSource: DataSource): Promise<Migration[]> {
  const run = inProcess.then(() => migrateWithLock(dataSource));
  inProcess = run.catch(() => undefined);
  return run;
}

async function migrateWithLock(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK_ID]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      return await executor.executePendingMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK_ID]);
    }
  } finally {
    await runner.release();
  }
}
