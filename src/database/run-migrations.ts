import type { DataSource, Migration } from 'typeorm';

/** Arbitrary but fixed: every instance of the service contends for this one advisory lock. */
export const MIGRATIONS_LOCK_ID = 7_302_114_598;

/**
 * Applies pending migrations while holding a session-level PostgreSQL advisory lock, so that
 * many instances starting together migrate once and the others wait, then find nothing to do.
 * Each migration runs in its own transaction.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<Migration[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK_ID]);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK_ID]);
    }
  } finally {
    await lockRunner.release();
  }
}
