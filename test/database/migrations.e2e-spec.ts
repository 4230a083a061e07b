import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { type DatabaseHandle, openDatabase } from '../../src/database/embedded-database';
import { MIGRATIONS } from '../../src/database/migrations';
import { MIGRATIONS_LOCK_ID, runMigrationsLocked } from '../../src/database/run-migrations';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { runCli } from '../utils/cli';
import { describeIf } from '../utils/describe-if';
import { waitFor } from '../utils/wait';

/**
 * A fresh, empty database: a new database on the suite's PostgreSQL server, or a new embedded
 * PGlite folder. Every test gets its own.
 */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (process.env.TEST_DATABASE_MODE === 'external') {
    const name = `safravo_mig_${randomUUID().replace(/-/g, '')}`;
    const admin = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, poolSize: 1 });
    await admin.initialize();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.destroy();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'safravo-mig-'));
  const handle: DatabaseHandle = await openDatabase({
    DATABASE_POOL_SIZE: 2,
    EMBEDDED_DB_DIR: join(dir, 'pglite'),
  });
  return {
    url: handle.url,
    drop: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const external = process.env.TEST_DATABASE_MODE === 'external';

/** A fresh database and `n` data sources on it, closed and dropped after each test. */
function freshDatabasePerTest(n: number): { url: () => string; sources: DataSource[] } {
  let db: { url: string; drop: () => Promise<void> } | undefined;
  const sources: DataSource[] = [];
  beforeEach(async () => {
    db = await freshDatabase();
    for (let i = 0; i < n; i++) {
      const source = new DataSource(typeOrmOptions({ url: db.url, poolSize: 2 }));
      await source.initialize();
      sources.push(source);
    }
  }, 60_000);
  afterEach(async () => {
    await Promise.all(sources.splice(0).map((s) => s.destroy()));
    await db?.drop();
    db = undefined;
  });
  return { url: () => db?.url ?? '', sources };
}

const appliedNames = async (source: DataSource): Promise<string[]> =>
  (await source.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id')).map(
    (r) => r.name,
  );

describe('migrations', () => {
  const { sources } = freshDatabasePerTest(3);

  it('concurrent runs in one process (the embedded database has one session) migrate exactly once', async () => {
    const applied = await Promise.all(sources.map((s) => runMigrationsLocked(s)));
    const counts = applied.map((a) => a.length).sort();
    expect(counts).toEqual([0, 0, MIGRATIONS.length]);
    expect(await appliedNames(sources[0])).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await sources[0].showMigrations()).toBe(false);
  });

  it('every migration has a working down()', async () => {
    expect(await runMigrationsLocked(sources[0])).toHaveLength(MIGRATIONS.length);
    for (let i = 0; i < MIGRATIONS.length; i++) await sources[0].undoLastMigration();
    const tables = await sources[0].query<{ n: string }[]>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('contacts','api_keys','workspaces')`,
    );
    expect(Number(tables[0].n)).toBe(0);
    expect(await appliedNames(sources[0])).toEqual([]);
    const again = await runMigrationsLocked(sources[1]);
    expect(again).toHaveLength(MIGRATIONS.length);
    expect(await appliedNames(sources[0])).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('the queue tables are vacuumed and analysed once 1% of their rows (at least 1,000) changed', async () => {
    await runMigrationsLocked(sources[0]);
    const rows = await sources[0].query<{ relname: string; reloptions: string[] | null }[]>(
      `SELECT relname, reloptions FROM pg_class
        WHERE relname IN ('outbox_deliveries', 'webhook_deliveries') ORDER BY relname`,
    );
    const queue = [
      'autovacuum_vacuum_scale_factor=0.01',
      'autovacuum_vacuum_threshold=1000',
      'autovacuum_analyze_scale_factor=0.01',
      'autovacuum_analyze_threshold=1000',
    ];
    expect(rows).toEqual([
      { relname: 'outbox_deliveries', reloptions: queue },
      { relname: 'webhook_deliveries', reloptions: queue },
    ]);
  });
});

describeIf(
  external,
  'a PostgreSQL server (set DATABASE_URL): PGlite has one session, where advisory locks exclude nothing',
)('migrations across processes', () => {
  const database = freshDatabasePerTest(1);

  /** `migration:run` in a separate process, as another instance of the service would be. */
  const migrateInChildProcess = async (): Promise<string> => {
    const out = await runCli(['migration:run'], { ...process.env, DATABASE_URL: database.url() });
    if (out.code !== 0) {
      throw new Error(`migration:run exited ${out.code}\n${out.stdout}\n${out.stderr}`);
    }
    return out.stdout;
  };

  it('an instance waits for the advisory lock held by another one, then finds nothing to do', async () => {
    const [source] = database.sources;
    const holder = source.createQueryRunner();
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK_ID]);
    let finished = false;
    const child = migrateInChildProcess().finally(() => (finished = true));
    // The child is seen waiting on the lock (a session of this database whose advisory lock is
    // not granted): only then is "it has not migrated" a finding, not a race.
    await waitFor(
      async () => {
        const [{ n }] = await source.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
              WHERE d.datname = current_database() AND l.locktype = 'advisory' AND NOT l.granted`,
        );
        return Number(n) > 0;
      },
      { what: 'the child process to wait for the migrations lock', timeoutMs: 30_000 },
    );
    expect(finished).toBe(false);
    expect(await source.query(`SELECT to_regclass('contacts') AS t`)).toEqual([{ t: null }]);

    await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK_ID]);
    await holder.release();
    expect(await child).toContain('Applied:');

    const again = await Promise.all([migrateInChildProcess(), migrateInChildProcess()]);
    for (const stdout of again) expect(stdout).toContain('No pending migrations');
    expect(await appliedNames(source)).toEqual(MIGRATIONS.map((m) => m.name));
  }, 60_000);
});
