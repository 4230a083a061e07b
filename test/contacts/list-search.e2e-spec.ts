import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { ContactResponse } from '../../src/contacts/dto/contact.response';
import { createContact, listContacts, uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { expectValidationError, fieldsOf } from '../utils/expect-error';
import { chars, startContactsApp } from './support';

const PAGE_KEYS = ['items', 'limit', 'nextCursor', 'page', 'total', 'totalPages'];

function idsOf(body: { items: ContactResponse[] }): string[] {
  return body.items.map((c) => c.id);
}

/** True when `items` is in the documented order: createdAt desc, then id desc. */
function isNewestFirst(items: ContactResponse[]): boolean {
  return items.every((c, i) => {
    if (i === 0) return true;
    const prev = items[i - 1];
    return prev.createdAt > c.createdAt || (prev.createdAt === c.createdAt && prev.id > c.id);
  });
}

describe('GET /v1/contacts', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startContactsApp();
  });
  afterAll(() => app.close());

  describe('pagination and order', () => {
    let ws: TestWorkspace;
    /** In creation order. */
    let created: ContactResponse[];

    beforeAll(async () => {
      ws = await createWorkspace(app);
      created = [];
      for (let i = 0; i < 30; i++) {
        created.push(
          await createContact(app, ws.apiKey, { firstName: `Person${String(i).padStart(2, '0')}` }),
        );
      }
    });

    it('defaults to page 1 and limit 25, newest first', async () => {
      const res = await listContacts(app, ws.apiKey);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(PAGE_KEYS);
      expect(res.body).toMatchObject({ total: 30, page: 1, limit: 25, totalPages: 2 });
      expect(res.body.items).toHaveLength(25);
      expect(idsOf(res.body)).toEqual(
        created
          .slice(5)
          .reverse()
          .map((c) => c.id),
      );
      expect(res.body.items[0]).toEqual(created[29]);
    });

    it('returns the remainder on the last page', async () => {
      const res = await listContacts(app, ws.apiKey, { page: 2 });
      expect(res.body).toMatchObject({ total: 30, page: 2, limit: 25, totalPages: 2 });
      expect(idsOf(res.body)).toEqual(
        created
          .slice(0, 5)
          .reverse()
          .map((c) => c.id),
      );
    });

    it.each([3, 4, 1000, 10_000_000])(
      'answers page %i past the end with no items and the true totals',
      async (page) => {
        const res = await listContacts(app, ws.apiKey, { page });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          items: [],
          total: 30,
          page,
          limit: 25,
          totalPages: 2,
          nextCursor: null,
        });
      },
    );

    it.each([
      [1, 30],
      [7, 5],
      [10, 3],
      [29, 2],
      [30, 1],
      [31, 1],
      [100, 1],
    ])('computes totalPages = ceil(total / limit) for limit %i', async (limit, totalPages) => {
      const res = await listContacts(app, ws.apiKey, { limit });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 30, page: 1, limit, totalPages });
      expect(res.body.items).toHaveLength(Math.min(limit, 30));
    });

    it('pages through everything with limit 7: no duplicates, nothing missing, stable order', async () => {
      const seen: ContactResponse[] = [];
      for (let page = 1; page <= 5; page++) {
        const res = await listContacts(app, ws.apiKey, { page, limit: 7 });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ total: 30, page, limit: 7, totalPages: 5 });
        expect(res.body.items).toHaveLength(page < 5 ? 7 : 2);
        seen.push(...(res.body.items as ContactResponse[]));
      }
      const ids = seen.map((c) => c.id);
      expect(new Set(ids).size).toBe(30);
      expect([...ids].sort()).toEqual(created.map((c) => c.id).sort());
      expect(isNewestFirst(seen)).toBe(true);
      expect(ids).toEqual([...created].reverse().map((c) => c.id));
    });

    it('gives the same pages when asked again', async () => {
      const first = await listContacts(app, ws.apiKey, { page: 3, limit: 7 });
      const again = await listContacts(app, ws.apiKey, { page: 3, limit: 7 });
      expect(idsOf(again.body)).toEqual(idsOf(first.body));
    });

    it('orders contacts created in the same millisecond by id, descending', async () => {
      const own = await createWorkspace(app);
      const burst = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          createContact(app, own.apiKey, { firstName: `Burst${i}` }),
        ),
      );
      const res = await listContacts(app, own.apiKey, { limit: 100 });
      expect(res.body.total).toBe(10);
      expect(isNewestFirst(res.body.items)).toBe(true);
      expect([...idsOf(res.body)].sort()).toEqual(burst.map((c) => c.id).sort());
    });

    it('is empty for a workspace without contacts', async () => {
      const empty = await createWorkspace(app);
      const res = await listContacts(app, empty.apiKey);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        items: [],
        total: 0,
        page: 1,
        limit: 25,
        totalPages: 0,
        nextCursor: null,
      });
    });

    it('accepts the documented query of the original page (?limit=25&page=1)', async () => {
      const res = await request(app.getHttpServer())
        .get('/v1/contacts?limit=25&page=1')
        .set('X-API-Key', ws.apiKey);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 30, page: 1, limit: 25, totalPages: 2 });
    });

    it.each<[string, string]>([
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['limit=-1', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=2.5', 'limit'],
      ['limit=', 'limit'],
      ['limit=1e2', 'limit'],
      ['limit=99999999999999999999', 'limit'],
      ['page=0', 'page'],
      ['page=-1', 'page'],
      ['page=abc', 'page'],
      ['page=1.5', 'page'],
      ['page=', 'page'],
      ['page=%201', 'page'],
      ['page=0x10', 'page'],
      ['page=1&page=2', 'page'],
      ['limit=10&limit=20', 'limit'],
      ['sort=name', 'sort'],
      ['q=jane', 'q'],
      [`search=${'a'.repeat(101)}`, 'search'],
      ['search=a&search=b', 'search'],
    ])('answers ?%s with 400 validation_failed naming %s', async (query, field) => {
      const res = await request(app.getHttpServer())
        .get(`/v1/contacts?${query}`)
        .set('X-API-Key', ws.apiKey);
      const details = expectValidationError(res);
      expect(fieldsOf(details)).toEqual([field]);
    });

    it('lists every bad parameter at once', async () => {
      const res = await request(app.getHttpServer())
        .get('/v1/contacts?page=0&limit=500&order=asc')
        .set('X-API-Key', ws.apiKey);
      expect(fieldsOf(expectValidationError(res))).toEqual(['limit', 'order', 'page']);
    });
  });

  describe('search', () => {
    let ws: TestWorkspace;
    const c: Record<string, ContactResponse> = {};

    beforeAll(async () => {
      // A KE default country must not matter for search.
      ws = await createWorkspace(app, { defaultCountry: 'KE' });
      const seed: Record<string, Record<string, unknown>> = {
        jane: {
          firstName: 'Jane',
          lastName: 'Doe',
          phone: '+254712345678',
          email: 'jane.doe@example.com',
        },
        john: {
          firstName: 'John',
          lastName: 'Smith',
          phone: '+254733111222',
          email: 'jsmith@acme.io',
        },
        mary: {
          firstName: 'Mary',
          lastName: 'Janeway',
          phone: '+254700999888',
          email: 'mary@corp.test',
        },
        percent: { firstName: '100%', lastName: 'Juice', phone: null, email: 'percent@shop.test' },
        underscore: {
          firstName: 'a_b',
          lastName: null,
          phone: null,
          email: 'underscore@shop.test',
        },
        axb: { firstName: 'axb', lastName: null, phone: null, email: 'axb@shop.test' },
        backslash: {
          firstName: 'back\\slash',
          lastName: null,
          phone: null,
          email: 'backslash@shop.test',
        },
        plain: { firstName: 'Plain', lastName: 'Person', phone: null, email: 'plain@shop.test' },
      };
      for (const [name, body] of Object.entries(seed)) {
        c[name] = await createContact(app, ws.apiKey, body);
      }
    });

    async function search(
      text: string,
      extra: Record<string, string | number> = {},
    ): Promise<string[]> {
      const res = await listContacts(app, ws.apiKey, { search: text, limit: 100, ...extra });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(res.body.items.length);
      expect(isNewestFirst(res.body.items)).toBe(true);
      return (res.body.items as ContactResponse[]).map((item) => item.id).sort();
    }

    const ids = (...names: string[]): string[] => names.map((n) => c[n].id).sort();
    const all = (): string[] =>
      Object.values(c)
        .map((x) => x.id)
        .sort();

    it.each<[string, string[]]>([
      ['Jane', ['jane', 'mary']],
      ['jane', ['jane', 'mary']],
      ['JANE', ['jane', 'mary']],
      ['jAnE', ['jane', 'mary']],
      ['doe', ['jane']],
      ['Smith', ['john']],
      ['jane do', ['jane']],
      ['JANE DOE', ['jane']],
      ['y jan', ['mary']],
      ['ohn Smi', ['john']],
      ['juice', ['percent']],
      ['100% juice', ['percent']],
      ['plain person', ['plain']],
      ['nobody-like-this', []],
    ])('matches names case-insensitively: %j', async (text, expected) => {
      expect(await search(text)).toEqual(ids(...expected));
    });

    it.each<[string, string[]]>([
      ['acme.io', ['john']],
      ['JSMITH@ACME', ['john']],
      ['jane.doe@', ['jane']],
      ['@corp', ['mary']],
      ['shop.test', ['percent', 'underscore', 'axb', 'backslash', 'plain']],
      ['@EXAMPLE.com', ['jane']],
    ])('matches email fragments: %j', async (text, expected) => {
      expect(await search(text)).toEqual(ids(...expected));
    });

    it.each([
      '0712 345',
      '0712345',
      '712345',
      '712 345 678',
      '+254712345678',
      '254712345678',
      '+254 712-345-678',
      '(+254) 712 345 678',
      '(0712) 345-678',
      '345',
      '678',
    ])('matches the phone +254712345678 by %j', async (text) => {
      expect(await search(text)).toEqual(ids('jane'));
    });

    it('matches digits anywhere in the number', async () => {
      expect(await search('254')).toEqual(ids('jane', 'john', 'mary'));
      expect(await search('111 222')).toEqual(ids('john'));
      expect(await search('0700 999')).toEqual(ids('mary'));
    });

    it.each(['71', '12', '0 7', '8'])(
      'does not match phones with fewer than 3 digits (%j)',
      async (text) => {
        expect(await search(text)).toEqual([]);
      },
    );

    it('does not treat a pattern character as a wildcard: %', async () => {
      expect(await search('%')).toEqual(ids('percent'));
      expect(await search('100%')).toEqual(ids('percent'));
      expect(await search('a%')).toEqual([]);
      expect(await search('%%')).toEqual([]);
    });

    it('does not treat a pattern character as a wildcard: _', async () => {
      expect(await search('_')).toEqual(ids('underscore'));
      expect(await search('a_b')).toEqual(ids('underscore'));
      expect(await search('a_')).toEqual(ids('underscore'));
      expect(await search('_x')).toEqual([]);
    });

    it('does not treat a pattern character as an escape: \\', async () => {
      expect(await search('\\')).toEqual(ids('backslash'));
      expect(await search('k\\s')).toEqual(ids('backslash'));
      expect(await search('\\%')).toEqual([]);
      expect(await search('\\_')).toEqual([]);
      expect(await search('\\\\')).toEqual([]);
    });

    it.each(['', ' ', '   ', '\t'])('applies no filter for the empty search %j', async (text) => {
      expect(await search(text)).toEqual(all());
    });

    it('trims the search text', async () => {
      expect(await search('  jane doe  ')).toEqual(ids('jane'));
    });

    it('paginates search results with true totals', async () => {
      const first = await listContacts(app, ws.apiKey, { search: 'jane', limit: 1 });
      expect(first.body).toMatchObject({ total: 2, page: 1, limit: 1, totalPages: 2 });
      const second = await listContacts(app, ws.apiKey, { search: 'jane', limit: 1, page: 2 });
      expect(second.body).toMatchObject({ total: 2, page: 2, limit: 1, totalPages: 2 });
      expect([...idsOf(first.body), ...idsOf(second.body)].sort()).toEqual(ids('jane', 'mary'));
      // Newest first: Mary was created after Jane.
      expect(idsOf(first.body)).toEqual([c.mary.id]);
      const past = await listContacts(app, ws.apiKey, { search: 'jane', limit: 1, page: 3 });
      expect(past.body).toEqual({
        items: [],
        total: 2,
        page: 3,
        limit: 1,
        totalPages: 2,
        nextCursor: null,
      });
    });

    it('accepts a search of exactly 100 characters and refuses 101', async () => {
      const ok = await listContacts(app, ws.apiKey, { search: chars(100, 'z') });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ items: [], total: 0, totalPages: 0 });
      const tooLong = await listContacts(app, ws.apiKey, { search: chars(101, 'z') });
      expect(fieldsOf(expectValidationError(tooLong))).toEqual(['search']);
    });

    it('finds a contact created with a local number by its international form, and back', async () => {
      const kenya = await createWorkspace(app, { defaultCountry: 'KE' });
      const local = await createContact(app, kenya.apiKey, {
        firstName: 'Kamau',
        phone: '0722 000 111',
        email: null,
      });
      expect(local.phone).toBe('+254722000111');
      for (const text of ['+254 722 000 111', '0722000111', '722000111']) {
        const res = await listContacts(app, kenya.apiKey, { search: text });
        expect(idsOf(res.body)).toEqual([local.id]);
      }
    });

    it('matches non-ASCII names and emails case-insensitively', async () => {
      const own = await createWorkspace(app);
      const zoe = await createContact(app, own.apiKey, {
        firstName: 'Zoë',
        lastName: 'Åström',
        phone: null,
        email: 'ÅSA.Ström@Example.com',
      });
      expect(zoe.email).toBe('åsa.ström@example.com');
      for (const text of ['zoë', 'ZOË', 'åström', 'ÅSTRÖM', 'zoë å', 'ÅSA.STR']) {
        const res = await listContacts(app, own.apiKey, { search: text });
        expect({ text, ids: idsOf(res.body) }).toEqual({ text, ids: [zoe.id] });
      }
    });

    it('finds nothing in another workspace with the same text', async () => {
      const other = await createWorkspace(app);
      await createContact(app, other.apiKey, { firstName: 'Other', phone: uniquePhone() });
      const res = await listContacts(app, other.apiKey, { search: 'jane' });
      expect(res.body).toMatchObject({ items: [], total: 0 });
    });
  });
});
