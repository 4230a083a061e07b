import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getRepositoryToken } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { countedSearchSql, SqlParams } from '../../src/contacts/contacts.sql';
import { ContactsService } from '../../src/contacts/contacts.service';
import { ContactEntity } from '../../src/contacts/entities/contact.entity';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { createTestApp } from '../utils/create-test-app';

/**
 * How list() reads a search at scale (issue 6): a large total is remembered with the workspace's
 * `changes` and reused only while nothing that a search can see has changed; the workspace is
 * filtered inside the index or after it, with the same result.
 */
describe('contact search totals and paths', () => {
  let app: NestFastifyApplication;
  let contacts: ContactsService;
  let db: DataSource;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  const MANY = 1100; // more than a remembered total needs

  /** `n` contacts named `firstName`, inserted in one statement (as an import would), `age` old. */
  const insertMany = (
    workspaceId: string,
    firstName: string,
    n: number,
    tag: string,
    age = '0 days',
  ) =>
    db.query(
      `INSERT INTO contacts (id, workspace_id, first_name, last_name, email, created_at, updated_at)
       SELECT $1 || lpad(to_hex(g), 8, '0'), $2, $3, 'Bulk', $4 || g || '@example.com',
              now() - $6::interval - g * interval '1 second', now()
       FROM generate_series(1, $5::int) AS g`,
      [randomBytes(8).toString('hex'), workspaceId, firstName, tag, n, age],
    );

  beforeAll(async () => {
    app = await createTestApp();
    contacts = app.get(ContactsService);
    db = app.get(DataSource);
    [ws, other] = [await createWorkspace(app), await createWorkspace(app)];
    await insertMany(ws.workspace.id, 'Zebulon', MANY, `zeb.${ws.workspace.id}.`);
    await insertMany(other.workspace.id, 'Zebulon', 50, `zeb.${other.workspace.id}.`);
  });
  afterAll(() => app.close());

  it('keeps a large total exact across pages, renames, creates and a page past the end', async () => {
    const first = await contacts.list(ws.workspace.id, { search: 'zebulon' });
    expect(first.total).toBe(MANY);
    const second = await contacts.list(ws.workspace.id, { search: 'zebulon', page: '2' });
    expect(second.total).toBe(MANY);
    expect(second.items.map((c) => c.id)).not.toContain(first.items[0].id);
    expect(second.items[0].createdAt.getTime()).toBeLessThanOrEqual(
      first.items[24].createdAt.getTime(),
    );

    // A rename out of the search, through the service: the remembered total is stale at once.
    await contacts.update(ws.workspace.id, first.items[0].id, { firstName: 'Other' });
    expect((await contacts.list(ws.workspace.id, { search: 'zebulon', page: '2' })).total).toBe(
      MANY - 1,
    );
    // A change no search can see keeps it.
    await contacts.update(ws.workspace.id, first.items[1].id, { company: 'Acme' });
    expect((await contacts.list(ws.workspace.id, { search: 'zebulon' })).total).toBe(MANY - 1);
    // A new match, and a rename back into the search.
    await contacts.create(ws.workspace.id, {
      firstName: 'Zebulon',
      email: `new.${Date.now()}@example.com`,
    });
    await contacts.update(ws.workspace.id, first.items[0].id, { firstName: 'Zebulon' });
    const after = await contacts.list(ws.workspace.id, { search: 'zebulon', page: '1000' });
    expect(after).toMatchObject({
      items: [],
      total: MANY + 1,
      totalPages: Math.ceil((MANY + 1) / 25),
    });

    const real = await db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM contacts WHERE workspace_id = $1 AND first_name = 'Zebulon'`,
      [ws.workspace.id],
    );
    expect(Number(real[0].n)).toBe(MANY + 1);
    // Unfiltered, from the maintained counters.
    expect((await contacts.list(ws.workspace.id, { limit: '1' })).total).toBe(MANY + 1);
  });

  it('gives the same total and page whether the workspace is filtered inside the index or after it', async () => {
    for (const search of ['zebulon', 'bulk', `zeb.${ws.workspace.id}.7`, '17', 'nothing-matches']) {
      for (const offset of [0, 25, 1000, 5000]) {
        const run = async (scoped: boolean) => {
          const sql = new SqlParams(ws.workspace.id);
          const rows = await db.query<{ id: string | null; __total: string }[]>(
            countedSearchSql(sql, search, 25, offset, scoped),
            sql.values,
          );
          return { total: rows[0].__total, ids: rows.map((r) => r.id) };
        };
        expect(await run(false)).toEqual(await run(true));
      }
    }
  });

  it('pages correctly when the newest contacts do not match (an import on top of older matches)', async () => {
    const skewed = await createWorkspace(app);
    await insertMany(
      skewed.workspace.id,
      'Yolanda',
      MANY,
      `yol.${skewed.workspace.id}.`,
      '30 days',
    );
    await insertMany(skewed.workspace.id, 'Imported', 8000, `imp.${skewed.workspace.id}.`);
    const all = await db.query<{ id: string }[]>(
      `SELECT id FROM contacts WHERE workspace_id = $1 AND first_name = 'Yolanda' ORDER BY created_at DESC, id DESC`,
      [skewed.workspace.id],
    );
    const statements = jest.spyOn(
      app.get<Repository<ContactEntity>>(getRepositoryToken(ContactEntity)),
      'query',
    );
    for (const page of [1, 2, 3, 44, 45]) {
      statements.mockClear();
      const result = await contacts.list(skewed.workspace.id, {
        search: 'yolanda',
        page: String(page),
      });
      expect(result.total).toBe(MANY);
      expect(result.items.map((c) => c.id)).toEqual(
        all.slice((page - 1) * 25, page * 25).map((r) => r.id),
      );
      // From page 2 on, the remembered total sends it to the listing order first, which runs out
      // (the newest 8,000 do not match) and falls back to counting again.
      if (page === 2) expect(statements).toHaveBeenCalledTimes(2);
    }
    statements.mockRestore();
  });

  it('never counts or returns another workspace’s contacts', async () => {
    const page = await contacts.list(other.workspace.id, { search: 'zebulon', limit: '100' });
    expect(page.total).toBe(50);
    expect(page.items.every((c) => c.workspaceId === other.workspace.id)).toBe(true);
  });
});
