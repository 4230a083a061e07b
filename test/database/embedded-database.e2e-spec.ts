import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  EmbeddedDatabaseInUseError,
  embeddedSocketDir,
  openDatabase,
  type DatabaseHandle,
} from '../../src/database/embedded-database';
import { newEmbeddedDataDir } from '../utils/embedded-template';

/** The zero-configuration database: PGlite served on a private socket to the `pg` driver. */
describe('embedded database', () => {
  let dir: string;
  let dataDir: string;
  let handle: DatabaseHandle | undefined;
  const settings = () => ({ DATABASE_POOL_SIZE: 2, EMBEDDED_DB_DIR: dataDir });

  // Every test opens a database of its own, in a folder of its own.
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'safravo-embedded-'));
    dataDir = join(dir, 'pglite');
    await newEmbeddedDataDir(dataDir); // a new database's files, copied (initdb takes seconds)
    handle = await openDatabase(settings());
  }, 60_000);

  afterEach(async () => {
    await handle?.close();
    handle = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const opened = (): DatabaseHandle => {
    if (!handle) throw new Error('the database is not open');
    return handle;
  };

  /** Runs `work` with a pool on `url`, ended afterwards. */
  async function withPool<T>(
    url: string,
    max: number,
    work: (pool: Pool) => Promise<T>,
  ): Promise<T> {
    const pool = new Pool({ connectionString: url, max });
    try {
      return await work(pool);
    } finally {
      await pool.end();
    }
  }

  /** Table t with ten rows (ids 0, 2, ..., 18). */
  const tenRows = (url: string) =>
    withPool(url, 1, async (pool) => {
      await pool.query('CREATE TABLE t (id int PRIMARY KEY, v text)');
      await pool.query(`INSERT INTO t (id, v) SELECT g * 2, 'v' FROM generate_series(0, 9) AS g`);
    });

  const countT = (url: string) =>
    withPool(url, 1, async (pool) => {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM t');
      return Number(rows[0].n);
    });

  it('keeps concurrent connections apart: parameterised queries and transactions never interleave', async () => {
    await withPool(opened().url, 4, async (pool) => {
      await pool.query('CREATE TABLE t (id int PRIMARY KEY, v text)');
      // Different parameter counts on different connections: an interleaved Parse/Bind fails.
      // Large values arrive in several socket reads, which is when interleaving can happen.
      const big = 'x'.repeat(300_000);
      const queries = Array.from({ length: 60 }, (_, i) =>
        i % 2 === 0
          ? pool.query('SELECT $1::int AS a', [i])
          : pool.query('SELECT $1::int AS a, length($2::text) AS b', [i, big]),
      );
      const results = await Promise.all(queries);
      expect(results.map((r) => r.rows[0].a)).toEqual(Array.from({ length: 60 }, (_, i) => i));
      expect(results.filter((_, i) => i % 2 === 1).map((r) => r.rows[0].b)).toEqual(
        Array<number>(30).fill(300_000),
      );

      // Half the transactions roll back; exactly the other half's rows remain.
      const transactions = Array.from({ length: 20 }, async (_, i) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('INSERT INTO t (id, v) VALUES ($1, $2)', [i, 'v']);
          await client.query(i % 2 === 0 ? 'COMMIT' : 'ROLLBACK');
        } finally {
          client.release();
        }
      });
      await Promise.all(transactions);
      const { rows } = await pool.query<{ id: number }>('SELECT id FROM t ORDER BY id');
      expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
    });
  });

  it('has pg_trgm available', async () => {
    await withPool(opened().url, 1, async (pool) => {
      await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      const { rows } = await pool.query<{ s: number }>(`SELECT similarity('jane', 'jan') AS s`);
      expect(rows[0].s).toBeGreaterThan(0);
    });
  });

  it('refuses a second server on the same folder, and lets a client (the CLI) in', async () => {
    await tenRows(opened().url);
    await expect(openDatabase(settings())).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
    const client = await openDatabase(settings(), { allowClient: true });
    try {
      expect(client.mode).toBe('embedded-client');
      expect(await countT(client.url)).toBe(10);
    } finally {
      await client.close();
    }
  });

  it('keeps its data across a restart and replaces a socket left by a killed process', async () => {
    await tenRows(opened().url);
    await opened().close();
    handle = undefined;
    // What a kill -9 leaves behind: a socket file nobody listens on.
    writeFileSync(join(embeddedSocketDir(dataDir), '.s.PGSQL.5432'), '');
    handle = await openDatabase(settings());
    expect(handle.mode).toBe('embedded');
    expect(await countT(handle.url)).toBe(10);
  }, 60_000);
});
