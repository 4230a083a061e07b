import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { ContactResponse } from '../../src/contacts/dto/contact.response';
import { uniqueEmail, uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { expectError } from '../utils/expect-error';
import { ID_FORMAT, ISO_WITH_MS, startContactsApp } from './support';

/**
 * The original public API page's examples, step by step, as a client would run them (only the
 * base URL changes). The JavaScript and PHP pagination loops are reproduced as written.
 * Each step is a test of its own, from its own fresh workspace: the steps that follow the page's
 * create start by creating Jane themselves.
 */
describe('the original Contacts API page, end to end', () => {
  let app: NestFastifyApplication;
  let base: string;

  /** A minimal `client` like the page's axios one: base URL plus the X-API-Key header. */
  const clientFor = (ws: TestWorkspace) => ({
    get: (path: string, params: Record<string, string | number> = {}) =>
      request(base).get(path).set('X-API-Key', ws.apiKey).query(params),
    post: (path: string, body: object) =>
      request(base)
        .post(path)
        .set('X-API-Key', ws.apiKey)
        .set('Content-Type', 'application/json')
        .send(body),
    patch: (path: string, body: object) =>
      request(base)
        .patch(path)
        .set('X-API-Key', ws.apiKey)
        .set('Content-Type', 'application/json')
        .send(body),
  });
  type Client = ReturnType<typeof clientFor>;

  const jane = {
    firstName: 'Jane',
    lastName: 'Doe',
    phone: '+254712345678',
    email: 'jane@acme-corp.example',
    company: 'Acme Corp',
  };

  /** The page's create of Jane; returns her id. */
  const createJane = async (client: Client): Promise<string> => {
    const res = await client.post('/v1/contacts', jane);
    expect(res.status).toBe(201);
    return (res.body as ContactResponse).id;
  };

  beforeAll(async () => {
    app = await startContactsApp();
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  describe('one contact', () => {
    let client: Client;
    beforeEach(async () => {
      client = clientFor(await createWorkspace(app));
    });

    it('creates Jane: 201 with the documented response fields', async () => {
      const res = await client.post('/v1/contacts', jane);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(ID_FORMAT),
        firstName: 'Jane',
        lastName: 'Doe',
        fullName: 'Jane Doe',
        phone: '+254712345678',
        email: 'jane@acme-corp.example',
        company: 'Acme Corp',
        source: 'api',
        createdAt: expect.stringMatching(ISO_WITH_MS),
      });
      expect(res.headers.location).toBe(`/v1/contacts/${res.body.id}`);
    });

    it('answers the same create again with 409 ("Contact already exists")', async () => {
      const contactId = await createJane(client);
      const res = await client.post('/v1/contacts', jane);
      const details = expectError(res, 409, 'contact_exists');
      expect(details).toEqual(
        expect.arrayContaining([
          { field: 'phone', contactId },
          { field: 'email', contactId },
        ]),
      );
    });

    it('answers the Go example body (no company) the same way', async () => {
      const contactId = await createJane(client);
      const goPayload = {
        firstName: jane.firstName,
        lastName: jane.lastName,
        phone: jane.phone,
        email: jane.email,
      };
      const res = await client.post('/v1/contacts', goPayload);
      const details = expectError(res, 409, 'contact_exists');
      expect(details).toEqual(expect.arrayContaining([{ field: 'phone', contactId }]));
    });

    it('finds Jane with search=Jane&limit=10, in the documented list shape', async () => {
      const contactId = await createJane(client);
      const res = await client.get('/v1/contacts', { search: 'Jane', limit: 10 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        items: [expect.any(Object)],
        total: 1,
        page: 1,
        limit: 10,
        totalPages: 1,
        nextCursor: null, // the page's fields plus the cursor that continues after it (SPEC §11)
      });
      const [item] = res.body.items as ContactResponse[];
      expect(item).toMatchObject({
        ...jane,
        id: contactId,
        fullName: 'Jane Doe',
        source: 'api',
        tags: [],
      });
      expect(item.updatedAt).toMatch(ISO_WITH_MS);
    });

    it('fetches her with GET /v1/contacts/:id (data.phone)', async () => {
      const contactId = await createJane(client);
      const res = await client.get(`/v1/contacts/${contactId}`);
      expect(res.status).toBe(200);
      expect(res.body.phone).toBe('+254712345678');
    });

    it('updates company and jobTitle with PATCH; other fields unchanged', async () => {
      const contactId = await createJane(client);
      const before = (await client.get(`/v1/contacts/${contactId}`)).body as ContactResponse;
      const res = await client.patch(`/v1/contacts/${contactId}`, {
        company: 'New Corp',
        jobTitle: 'CTO',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...before,
        company: 'New Corp',
        jobTitle: 'CTO',
        updatedAt: res.body.updatedAt,
      });
      const after = await client.get(`/v1/contacts/${contactId}`);
      expect(after.body).toMatchObject({
        company: 'New Corp',
        jobTitle: 'CTO',
        firstName: 'Jane',
        phone: jane.phone,
      });
    });
  });

  describe('paginating all contacts', () => {
    const TOTAL = 231;
    let client: Client;
    let contactId: string;

    // Read only by the tests below: Jane, then 230 more contacts, so that limit=100 gives three
    // pages (the last one partial).
    beforeAll(async () => {
      client = clientFor(await createWorkspace(app));
      contactId = await createJane(client);
      for (let batch = 0; batch < 23; batch++) {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            client.post('/v1/contacts', {
              firstName: `Bulk${batch * 10 + i}`,
              phone: uniquePhone(),
              email: uniqueEmail(),
            }),
          ),
        );
        expect(results.map((r) => r.status)).toEqual(Array<number>(10).fill(201));
      }
    });

    it('with the JavaScript fetchAllContacts loop', async () => {
      async function fetchAllContacts(): Promise<ContactResponse[]> {
        const contacts: ContactResponse[] = [];
        let page = 1;
        let requests = 0;
        while (true) {
          const { body: data, status } = await client.get('/v1/contacts', { page, limit: 100 });
          expect(status).toBe(200);
          if (++requests > 10) throw new Error('the loop does not end');
          contacts.push(...(data.items as ContactResponse[]));
          if (page >= data.totalPages) break;
          page++;
        }
        expect(requests).toBe(3);
        return contacts;
      }

      const all = await fetchAllContacts();
      expect(all).toHaveLength(TOTAL);
      expect(new Set(all.map((c) => c.id)).size).toBe(TOTAL);
      // Newest first: Jane, the first one created, comes last.
      expect(all[TOTAL - 1].id).toBe(contactId);
    });

    it('with the PHP do/while loop', async () => {
      let page = 1;
      const all: ContactResponse[] = [];
      let body: { items: ContactResponse[]; totalPages: number };
      do {
        const res = await client.get('/v1/contacts', { page, limit: 100 });
        expect(res.status).toBe(200);
        body = res.body;
        all.push(...body.items);
        page++;
      } while (page <= body.totalPages && page < 10);
      expect(page).toBe(4);
      expect(all).toHaveLength(TOTAL);
      expect(new Set(all.map((c) => c.id)).size).toBe(TOTAL);
    });

    it('ends at once for a workspace with no contacts (totalPages 0)', async () => {
      const empty = clientFor(await createWorkspace(app));
      let page = 1;
      let requests = 0;
      for (;;) {
        const res = await empty.get('/v1/contacts', { page, limit: 100 });
        requests++;
        expect(res.body).toEqual({
          items: [],
          total: 0,
          page: 1,
          limit: 100,
          totalPages: 0,
          nextCursor: null,
        });
        if (page >= res.body.totalPages || requests > 10) break;
        page++;
      }
      expect(requests).toBe(1);
    });
  });
});
