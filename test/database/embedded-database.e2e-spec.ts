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

/** The zero-configuration database: PGlite served on a private socket to the `pg` driver. */
describe('embedded database', () => {
  let dir: string;
  let dataDir: string;
  let handle: DatabaseHandle;
  const settings = () => ({ DATABASE_POOL_SIZE: 2, EMBEDDED_DB_DIR: dataDir });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'safravo-embedded-'));
    dataDir = join(dir, 'pglite');
    handle = await openDatabase(settings());
  }, 60_000);

  afterAll(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps concurrent connections apart: parameterised queries and transactions never interleave', async () => {
    const pool = new Pool({ connectionString: handle.url, max: 4 });
    try {
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
      results.forEach((r, i) => expect(r.rows[0].a).toBe(i));

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
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM t');
      expect(Number(rows[0].n)).toBe(10);
    } finally {
      await pool.end();
    }
  });

  it('has pg_trgm available', async () => {
    const pool = new Pool({ connectionString: handle.url, max: 1 });
    try {
      await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      const { rows } = await pool.query<{ s: number }>(`SELECT similarity('jane', 'jan') AS s`);
      expect(rows[0].s).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  });

  it('refuses a second server on the same folder, and lets a client (the CLI) in', async () => {
    await expect(openDatabase(settings())).rejects.toBeInstanceOf(EmbeddedDatabaseInUseError);
    const client = await openDatabase(settings(), { allowClient: true });
    expect(client.mode).toBe('embedded-client');
    const pool = new Pool({ connectionString: client.url, max: 1 });
    try {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM t');
      expect(Number(rows[0].n)).toBe(10);
    } finally {
      await pool.end();
      await client.close();
    }
  });

  it('keeps its data across a restart and replaces a socket left by a killed process', async () => {
    await handle.close();
    // What a kill -9 leaves behind: a socket file nobody listens on.
    writeFileSync(join(embeddedSocketDir(dataDir), '.s.PGSQL.5432'), '');
    handle = await openDatabase(settings());
    expect(handle.mode).toBe('embedded');
    const pool = new Pool({ connectionString: handle.url, max: 1 });
    try {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM t');
      expect(Number(rows[0].n)).toBe(10);
    } finally {
      await pool.end();
    }
  }, 60_000);
});
