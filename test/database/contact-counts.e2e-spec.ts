import { Client } from 'pg';
import { newId } from '../../src/common/ids/object-id';
import { describeIf } from '../utils/describe-if';

const WRITERS = 24;

/**
 * The per-workspace contact counters (`workspace_contact_counts`, kept by triggers on `contacts`)
 * under concurrent writers: exact, and no writer waits for another's transaction to add to them.
 */
describeIf(
  process.env.TEST_DATABASE_MODE === 'external',
  'a PostgreSQL server (set DATABASE_URL): PGlite has one session, so no transaction is ever concurrent',
)('contact counters under concurrent writers', () => {
  const clients: Client[] = [];
  const workspaceId = newId();
  const contactIds = Array.from({ length: WRITERS * 2 }, () => newId());

  const connect = async (): Promise<Client> => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    clients.push(client);
    return client;
  };
  const counted = async (client: Client): Promise<{ contacts: number; rows: number }> => {
    const [row] = (
      await client.query<{ contacts: string; rows: string }>(
        `SELECT coalesce(sum(contacts), 0) AS contacts, count(*) AS rows FROM workspace_contact_counts WHERE workspace_id = $1`,
        [workspaceId],
      )
    ).rows;
    return { contacts: Number(row.contacts), rows: Number(row.rows) };
  };
  const live = async (client: Client): Promise<number> =>
    Number(
      (
        await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL`,
          [workspaceId],
        )
      ).rows[0].n,
    );

  beforeAll(async () => {
    const admin = await connect();
    await admin.query(`INSERT INTO workspaces (id, slug, name) VALUES ($1, $2, 'Counters')`, [
      workspaceId,
      `counters-${workspaceId}`,
    ]);
    await admin.query(
      `INSERT INTO contacts (id, workspace_id, first_name, email, created_at, updated_at)
       SELECT id, $1, 'Counted', id || '@counters.example', now(), now() FROM unnest($2::varchar[]) AS id`,
      [workspaceId, contactIds],
    );
  });

  afterAll(async () => {
    // The writers first: a failed test may have left their transactions open, holding locks.
    const [admin, ...writers] = clients;
    await Promise.all(writers.map((c) => c.end()));
    await admin?.query(`DELETE FROM workspaces WHERE id = $1`, [workspaceId]);
    await admin?.end();
  });

  it(`${WRITERS} transactions held open at once each delete, restore and create without waiting for another, and the count stays exact`, async () => {
    const writers = await Promise.all(Array.from({ length: WRITERS }, connect));
    // A wait for another transaction's counter row would fail the statement, not hang it.
    await Promise.all(writers.map((w) => w.query(`SET lock_timeout = '3s'`)));
    await Promise.all(writers.map((w) => w.query('BEGIN')));
    // Each writer deletes one contact and creates one, in separate statements, all of them
    // holding their transactions open until every statement has run.
    await Promise.all(
      writers.map((w, i) =>
        w.query(
          `UPDATE contacts SET deleted_at = now(), updated_at = now() WHERE workspace_id = $1 AND id = $2`,
          [workspaceId, contactIds[i]],
        ),
      ),
    );
    await Promise.all(
      writers.map((w, i) =>
        w.query(
          `INSERT INTO contacts (id, workspace_id, first_name, email, created_at, updated_at)
           VALUES ($1, $2, 'Created', $3, now(), now())`,
          [newId(), workspaceId, `created.${i}.${workspaceId}@counters.example`],
        ),
      ),
    );
    // A transaction adds to one shard row however many statements it runs.
    const shards = await Promise.all(
      writers.map(async (w) => {
        const { rows } = await w.query<{ shard: string }>(
          `SELECT current_setting('safravo.contact_count_shard') AS shard`,
        );
        return rows[0].shard;
      }),
    );
    expect(new Set(shards).size).toBe(WRITERS);
    for (const shard of shards) expect(shard).toMatch(new RegExp(`^${workspaceId}:\\d+$`));
    await Promise.all(writers.map((w) => w.query('COMMIT')));

    const [reader] = clients;
    expect(await live(reader)).toBe(WRITERS * 2);
    expect(await counted(reader)).toEqual({ contacts: WRITERS * 2, rows: expect.any(Number) });

    // Restores, in one transaction per writer again: the same exact count, and the workspace
    // has no more shard rows than it had concurrent writers.
    await Promise.all(writers.map((w) => w.query('BEGIN')));
    await Promise.all(
      writers.map((w, i) =>
        w.query(`UPDATE contacts SET deleted_at = NULL WHERE workspace_id = $1 AND id = $2`, [
          workspaceId,
          contactIds[i],
        ]),
      ),
    );
    await Promise.all(writers.map((w) => w.query('COMMIT')));
    const after = await counted(reader);
    expect(after.contacts).toBe(WRITERS * 3);
    expect(after.contacts).toBe(await live(reader));
    expect(after.rows).toBeGreaterThanOrEqual(WRITERS);
    expect(after.rows).toBeLessThanOrEqual(WRITERS + 1);
  });
});
