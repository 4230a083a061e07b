import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { type DatabaseHandle, openDatabase } from '../../src/database/embedded-database';
import { MIGRATIONS } from '../../src/database/migrations';
import { MIGRATIONS_LOCK_ID, runMigrationsLocked } from '../../src/database/run-migrations';
import { typeOrmOptions } from '../../src/database/typeorm-options';

/**
 * A fresh, empty database for this file: a new database on the suite's PostgreSQL server, or a
 * new embedded PGlite folder.
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

describe('migrations', () => {
  let db: { url: string; drop: () => Promise<void> };
  const sources: DataSource[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    for (let i = 0; i < 3; i++) {
      const source = new DataSource(typeOrmOptions({ url: db.url, poolSize: 2 }));
      await source.initialize();
      sources.push(source);
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(sources.map((s) => s.destroy()));
    await db.drop();
  });

  const external = process.env.TEST_DATABASE_MODE === 'external';

  /** `migration:run` in a separate process, as another instance of the service would be. */
  const migrateInChildProcess = () =>
    promisify(execFile)(process.execPath, ['dist/src/cli/main.js', 'migration:run'], {
      env: { ...process.env, DATABASE_URL: db.url },
    });

  (external ? it : it.skip)(
    'an instance waits for the advisory lock held by another one, then finds nothing to do',
    async () => {
      const holder = sources[0].createQueryRunner();
      await holder.connect();
      await holder.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK_ID]);
      let finished = false;
      const child = migrateInChildProcess().finally(() => (finished = true));
      await new Promise((r) => setTimeout(r, 2000));
      expect(finished).toBe(false);
      expect(await sources[0].query(`SELECT to_regclass('contacts') AS t`)).toEqual([{ t: null }]);

      await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK_ID]);
      await holder.release();
      expect((await child).stdout).toContain('Applied:');

      const again = await Promise.all([migrateInChildProcess(), migrateInChildProcess()]);
      for (const { stdout } of again) expect(stdout).toContain('No pending migrations');
      const rows = await sources[0].query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id');
      expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    },
    60_000,
  );

  it('concurrent runs in one process (the embedded database has one session) migrate exactly once', async () => {
    const applied = await Promise.all(sources.map((s) => runMigrationsLocked(s)));
    const counts = applied.map((a) => a.length).sort();
    expect(counts).toEqual(external ? [0, 0, 0] : [0, 0, MIGRATIONS.length]);
    const rows = await sources[0].query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await sources[0].showMigrations()).toBe(false);
  });

  it('every migration has a working down()', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await sources[0].undoLastMigration();
    const tables = await sources[0].query<{ n: string }[]>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('contacts','api_keys','workspaces')`,
    );
    expect(Number(tables[0].n)).toBe(0);
    const again = await runMigrationsLocked(sources[1]);
    expect(again).toHaveLength(MIGRATIONS.length);
  });
});
