import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { ContactResponse } from '../../src/contacts/dto/contact.response';
import { createContact } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { expectError } from '../utils/expect-error';
import { startContactsApp } from './support';

interface CursorPage {
  items: ContactResponse[];
  limit: number;
  nextCursor: string | null;
}

/** SPEC §11: cursor pages (keyset), beside `page`/`limit`. */
describe('cursor pages', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  const http = () => request(app.getHttpServer());
  const list = (query: Record<string, string | number>) =>
    http().get('/v1/contacts').query(query).set('X-API-Key', ws.apiKey);

  /** Every contact the cursor walk returns, following `nextCursor` from a first page of `limit`. */
  const walk = async (
    limit: number,
    search?: string,
    between?: (seenSoFar: string[]) => Promise<void>,
  ): Promise<string[]> => {
    const first = await list({ limit, ...(search ? { search } : {}) }).expect(200);
    const ids: string[] = first.body.items.map((c: ContactResponse) => c.id);
    let cursor = first.body.nextCursor as string | null;
    while (cursor) {
      await between?.(ids);
      const res = await list({ limit, after: cursor, ...(search ? { search } : {}) }).expect(200);
      const page = res.body as CursorPage;
      expect(Object.keys(page).sort()).toEqual(['items', 'limit', 'nextCursor']);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    }
    return ids;
  };

  beforeAll(async () => {
    app = await startContactsApp();
  });
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  it('walks the same order as pages, newest first, to a null cursor', async () => {
    for (let i = 0; i < 23; i++) await createContact(app, ws.apiKey, { firstName: `Walker${i}` });
    const byPages = (await list({ limit: 100 }).expect(200)).body as {
      items: ContactResponse[];
      nextCursor: string | null;
    };
    expect(byPages.nextCursor).toBeNull(); // one page holds them all
    for (const limit of [1, 5, 23, 50]) {
      expect(await walk(limit)).toEqual(byPages.items.map((c) => c.id));
    }

    // Page mode hands out a cursor for the rest; the last page has none.
    const second = (await list({ page: 2, limit: 10 }).expect(200)).body as {
      nextCursor: string;
      items: ContactResponse[];
    };
    const after = (await list({ after: second.nextCursor, limit: 10 }).expect(200))
      .body as CursorPage;
    expect(after.items.map((c) => c.id)).toEqual(byPages.items.slice(20).map((c) => c.id));
    expect(after.nextCursor).toBeNull();
    expect((await list({ page: 3, limit: 10 }).expect(200)).body.nextCursor).toBeNull();
  });

  it('is stable under concurrent inserts and deletes: every contact there from the start is seen once', async () => {
    const originals: string[] = [];
    for (let i = 0; i < 20; i++) originals.push((await createContact(app, ws.apiKey)).id);
    let n = 0;
    const removedUnseen = new Set<string>();
    const seen = await walk(4, undefined, async (seenSoFar) => {
      // Between pages, another client adds a contact (newer: it sorts before the cursor) and
      // deletes the oldest contact not seen yet.
      await createContact(app, ws.apiKey, { firstName: `Newcomer${n++}` });
      const victim = originals.find((id) => !seenSoFar.includes(id) && !removedUnseen.has(id));
      if (victim && n % 2 === 0) {
        await http().delete(`/v1/contacts/${victim}`).set('X-API-Key', ws.apiKey).expect(204);
        removedUnseen.add(victim);
      }
    });
    expect(removedUnseen.size).toBeGreaterThan(0);
    expect(seen).toEqual([...originals].reverse().filter((id) => !removedUnseen.has(id)));
  });

  it('follows a search too, with the same matches as its pages', async () => {
    for (let i = 0; i < 12; i++) {
      await createContact(app, ws.apiKey, { firstName: i % 3 === 0 ? `Odette${i}` : `Other${i}` });
    }
    const pages = (await list({ search: 'odette', limit: 100 }).expect(200)).body as {
      items: ContactResponse[];
      total: number;
    };
    expect(pages.total).toBe(4);
    expect(await walk(1, 'odette')).toEqual(pages.items.map((c) => c.id));
  });

  it('refuses a cursor it did not make, page with after, and the usual bad limits', async () => {
    const contact = await createContact(app, ws.apiKey);
    const cursor = (await list({ limit: 1 }).expect(200)).body.nextCursor as string | null;
    expect(cursor).toBeNull(); // one contact: nothing after it
    const history = (
      await http()
        .get(`/v1/contacts/${contact.id}/history?limit=1`)
        .set('X-API-Key', ws.apiKey)
        .expect(200)
    ).body as { items: unknown[] };
    expect(history.items).toHaveLength(1);
    for (const after of [
      'garbage',
      Buffer.from('h:6634e2b1a7c3f500231a8b01').toString('base64url'),
      Buffer.from('c:x.y').toString('base64url'),
      '',
    ]) {
      const details = expectError(await list({ after }), 400, 'validation_failed');
      expect(details[0]).toMatchObject({ field: 'after' });
    }
    const valid = Buffer.from(`c:${Date.now()}.${contact.id}`).toString('base64url');
    expect(
      expectError(await list({ after: valid, page: 1 }), 400, 'validation_failed')[0],
    ).toMatchObject({ field: 'page' });
    expect(
      expectError(await list({ after: valid, limit: 101 }), 400, 'validation_failed')[0],
    ).toMatchObject({ field: 'limit' });
    expect(
      ((await list({ after: valid }).expect(200)).body as CursorPage).items.map((c) => c.id),
    ).toEqual([contact.id]);
  });
});
