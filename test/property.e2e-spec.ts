import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import request from 'supertest';
import { ContactsService } from '../src/contacts/contacts.service';
import type { ContactResponse } from '../src/contacts/dto/contact.response';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { createTestApp } from './utils/create-test-app';
import { errorShapeProblems, type HttpResult } from './utils/expect-error';
import { propertySettings } from './utils/property';

/**
 * Property tests over the public API: whatever a client sends, the service answers with a
 * deliberate status (never a 5xx), every 4xx is the one error shape, and a workspace only ever
 * sees its own contacts.
 *
 * Replayable: the seed is printed when the file starts (and by fast-check on a failure, with the
 * path of the counterexample); PROPERTY_SEED, PROPERTY_PATH and PROPERTY_RUNS replay a run (see
 * utils/property.ts). Every run of a property starts from a fresh workspace (and contacts with
 * data drawn from the seed), so a run never sees what an earlier one left.
 */

const property = propertySettings();
const NUM_RUNS = 150;

const CONTACT_FIELDS = [
  'firstName',
  'lastName',
  'phone',
  'email',
  'additionalPhones',
  'additionalEmails',
  'company',
  'jobTitle',
  'website',
  'notes',
  'tags',
  'lifecycle',
  // read-only and internal fields, and prototype tricks
  'id',
  'fullName',
  'source',
  'createdAt',
  'updatedAt',
  'workspaceId',
  'phoneDigits',
  '__proto__',
  'constructor',
];

/** Strings a careless service would choke on. */
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDFFFy',
    '😀'.repeat(60),
    '%',
    '_',
    '\\',
    "'; DROP TABLE contacts; --",
    '+254 712 345 678',
    '0712345678',
    '+999999999999999999',
    'jane@example.com',
    'JANE@EXAMPLE.COM',
    'not@an@email',
    'https://example.com',
    'javascript:alert(1)',
    'ftp://example.com',
    '2026-01-01T00:00:00.000Z',
    'null',
    'undefined',
  ),
  // huge strings, up to a bit under the 1 MB body limit
  fc.integer({ min: 100, max: 300_000 }).map((n) => 'é'.repeat(n)),
);

const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -0, 1e308),
  fc.array(nastyString, { maxLength: 60 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/** Records mixing real field names with random values, plus random keys. */
const contactLikeBody = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...CONTACT_FIELDS), fieldValue, { maxKeys: 8 }),
    fc.dictionary(fc.string({ maxLength: 20 }), fieldValue, { maxKeys: 2 }),
    fc.boolean(),
  )
  .map(([known, extra, withExtra]) => (withExtra ? { ...known, ...extra } : known));

const randomBody: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: contactLikeBody },
  { weight: 2, arbitrary: fc.object() },
  { weight: 2, arbitrary: fc.jsonValue() },
);

/** JSON text for a body; a `__proto__` key is written as an own property, as a client would send it. */
function toJson(body: unknown): string {
  return JSON.stringify(body) ?? 'null';
}

function asResult(res: request.Response): HttpResult {
  return {
    status: res.status,
    headers: res.headers,
    body: res.body as unknown,
  };
}

/** Percent-encodes text; a lone surrogate (which cannot be encoded) becomes U+FFFD first. */
function encodeQuery(text: string): string {
  return encodeURIComponent(text.toWellFormed());
}

/** The property every response must hold. Returns a description of what is wrong, or undefined. */
function wrongAnswer(res: request.Response, allowed: number[]): string | undefined {
  if (res.status >= 500) return `status ${res.status}: ${res.text.slice(0, 300)}`;
  if (!allowed.includes(res.status) && res.status < 400) return `unexpected status ${res.status}`;
  if (res.status >= 400) {
    const problems = errorShapeProblems(asResult(res));
    if (problems.length > 0) {
      return `status ${res.status} not in the error shape: ${problems.join('; ')}`;
    }
  }
  return undefined;
}

describe('property: the API never fails on what a client sends', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
    // Many requests: a listening server avoids binding one per request.
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app?.close());

  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  /**
   * A fresh workspace (per property run) with one contact, the same data every time (created
   * through ContactsService: the HTTP create has tests of its own, and this runs hundreds of times).
   */
  const freshWorkspace = async (): Promise<{ ws: TestWorkspace; contact: { id: string } }> => {
    const ws = await createWorkspace(app, { defaultCountry: 'KE' });
    const contact = await app.get(ContactsService).create(ws.workspace.id, {
      firstName: 'Jane',
      lastName: 'Doe',
      phone: '+254712345678',
      email: 'jane@example.com',
    });
    return { ws, contact };
  };

  it('POST /v1/contacts with random JSON: never 5xx, every 4xx in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(randomBody, async (body) => {
        const { ws } = await freshWorkspace();
        const res = await http()
          .post('/v1/contacts')
          .set('X-API-Key', ws.apiKey)
          .set('Content-Type', 'application/json')
          .send(toJson(body));
        expect(wrongAnswer(res, [201])).toBeUndefined();
        if (res.status === 201) {
          expect(res.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{24}$/) });
        }
      }),
      property.params(NUM_RUNS),
    );
  });

  it('PATCH /v1/contacts/:id with random JSON: never 5xx, every 4xx in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(randomBody, async (body) => {
        const { ws, contact } = await freshWorkspace();
        const res = await http()
          .patch(`/v1/contacts/${contact.id}`)
          .set('X-API-Key', ws.apiKey)
          .set('Content-Type', 'application/json')
          .send(toJson(body));
        expect(wrongAnswer(res, [200])).toBeUndefined();
        if (res.status === 200) {
          const after = res.body as ContactResponse;
          expect(after.id).toBe(contact.id);
          expect(after.phone !== null || after.email !== null).toBe(true);
        }
      }),
      property.params(NUM_RUNS),
    );
  });

  it('PATCH with a random id: never 5xx, every 4xx in the error shape', async () => {
    // Encoded, up to 1000 characters (beyond Fastify's 100-character parameter limit: 414), or
    // raw text that is not valid percent-encoding (400 from the router).
    const id = fc.oneof(
      nastyString.map((s) => encodeURIComponent(s.toWellFormed().slice(0, 1000))),
      fc.constantFrom('%', '%ZZ', '%E0%A4%A', '%00', '..', '.', 'a%2Fb'),
    );
    await fc.assert(
      fc.asyncProperty(id, async (id) => {
        const { ws } = await freshWorkspace();
        const res = await http()
          .patch(`/v1/contacts/${id}`)
          .set('X-API-Key', ws.apiKey)
          .send({ firstName: 'Renamed' });
        expect(wrongAnswer(res, [200])).toBeUndefined();
      }),
      property.params(50),
    );
  });

  const queryKey = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('page', 'limit', 'search') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('q', 'sort', 'page[]', 'limit[x]', '__proto__', 'constructor', ''),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  );
  const queryValue = fc.oneof(
    fc.integer({ min: -5, max: 200 }).map(String),
    fc.constantFrom(
      '1',
      '0',
      '-1',
      '1.5',
      '1e2',
      '0x10',
      ' 1',
      '99999999999999999999',
      'NaN',
      '',
      'abc',
    ),
    nastyString.map((s) => s.slice(0, 300)),
  );
  /** A query string built by hand: encoded pairs, repeated keys, and raw junk that is not encoded. */
  const queryString = fc
    .tuple(
      fc.array(fc.tuple(queryKey, queryValue), { maxLength: 5 }),
      fc.option(
        fc.constantFrom(
          '%',
          '%zz',
          '%E0%A4%A',
          '&&&',
          '=',
          '==1',
          'page=1&page=2',
          'search=%00',
          'a[b]=c',
        ),
        {
          nil: undefined,
        },
      ),
    )
    .map(([pairs, junk]) => {
      const encoded = pairs.map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(v)}`);
      return [...encoded, ...(junk === undefined ? [] : [junk])].join('&');
    });

  it('GET /v1/contacts with random query strings: never 5xx, every 4xx in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        const { ws } = await freshWorkspace();
        const res = await http().get(`/v1/contacts?${query}`).set('X-API-Key', ws.apiKey);
        expect(wrongAnswer(res, [200])).toBeUndefined();
        if (res.status === 200) {
          const page = res.body as {
            items: unknown[];
            total: number;
            page: number;
            limit: number;
            totalPages: number;
          };
          expect(page.items.length).toBeLessThanOrEqual(page.limit);
          expect(page.totalPages).toBe(Math.ceil(page.total / page.limit));
        }
      }),
      property.params(NUM_RUNS),
    );
  });
});

describe('property: a workspace never sees another workspace’s contacts', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app?.close());

  interface Person {
    firstName: string;
    lastName: string;
    phone: string;
    email: string;
  }

  /**
   * 1 to 4 people, drawn from the seed: look-alike names (pattern characters included), and
   * phones and emails distinct within the group.
   */
  const people: fc.Arbitrary<Person[]> = fc
    .tuple(
      fc.array(
        fc.tuple(
          fc.constantFrom('Wanjiku', 'Jane', 'Ann_a', 'Back\\slash', 'Zoë', '100%', 'José'),
          fc.constantFrom('Kamau', 'Doe', '100%', 'O’Brien', 'Shared', 'a_b'),
        ),
        { minLength: 1, maxLength: 4 },
      ),
      fc.integer({ min: 0, max: 9_999_000 }),
      fc.constantFrom('jane', 'info', 'a.b', 'x_y', 'wanjiku254'),
    )
    .map(([names, phoneBase, local]) =>
      names.map(([firstName, lastName], i) => ({
        firstName,
        lastName,
        phone: `+25471${String(phoneBase + i).padStart(7, '0')}`,
        email: `${local}${i}@example.com`,
      })),
    );

  /** Text that matches the people: pieces of their names, emails and phones, or anything. */
  const searchText = (group: Person[]): fc.Arbitrary<string> =>
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom(
            ...group.flatMap((p) => [
              p.firstName,
              `${p.firstName} ${p.lastName}`,
              p.email,
              p.phone,
            ]),
          ),
          fc.nat(),
          fc.nat(),
        )
        .map(([text, a, b]) =>
          text.slice(Math.min(a, b) % (text.length + 1), (Math.max(a, b) % (text.length + 1)) + 3),
        ),
      fc.constantFrom('a', 'an', 'e', '%', '_', '\\', '@', 'example', '254', '07', '+254', ' '),
      fc.string({ maxLength: 20 }),
    );

  const scenario = people.chain((group) =>
    fc.record({
      group: fc.constant(group),
      search: searchText(group),
      page: fc.integer({ min: 1, max: 3 }),
      limit: fc.integer({ min: 1, max: 100 }),
    }),
  );

  /** Two fresh workspaces with the same people in each (phones and emails are unique per workspace). */
  const twoWorkspaces = async (group: Person[]) => {
    const [mine, theirs] = [
      await createWorkspace(app, { defaultCountry: 'KE' }),
      await createWorkspace(app, { defaultCountry: 'KE' }),
    ];
    const contacts = app.get(ContactsService);
    const myContacts = await Promise.all(
      group.map((p) => contacts.create(mine.workspace.id, { ...p })),
    );
    const theirContacts = await Promise.all(
      group.map((p) => contacts.create(theirs.workspace.id, { ...p })),
    );
    return { mine, theirs, myIds: new Set(myContacts.map((c) => c.id)), theirContacts };
  };

  it('list and search results hold only the workspace’s own contacts', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ group, search, page, limit }) => {
        const { mine, myIds } = await twoWorkspaces(group);
        const res = await request(app.getHttpServer())
          .get('/v1/contacts')
          .query({ search, page, limit })
          .set('X-API-Key', mine.apiKey);
        // Every query here is valid (search of at most 23 characters, page 1-3, limit 1-100).
        expect({ status: res.status, problem: wrongAnswer(res, [200]) }).toEqual({
          status: 200,
          problem: undefined,
        });
        const body = res.body as { items: ContactResponse[]; total: number };
        const foreign = body.items.filter((c) => !myIds.has(c.id)).map((c) => c.id);
        expect(foreign).toEqual([]);
        expect(body.total).toBeLessThanOrEqual(myIds.size);
      }),
      property.params(NUM_RUNS),
    );
  });

  it('their contacts are 404 by id, exactly like ids that do not exist', async () => {
    const { mine, theirContacts } = await twoWorkspaces([
      { firstName: 'Wanjiku', lastName: 'Kamau', phone: '+254711000001', email: 'w@example.com' },
      { firstName: 'Jane', lastName: 'Doe', phone: '+254711000002', email: 'j@example.com' },
    ]);
    for (const c of theirContacts) {
      const res = await request(app.getHttpServer())
        .get(`/v1/contacts/${c.id}`)
        .set('X-API-Key', mine.apiKey);
      expect(res.status).toBe(404);
      expect(errorShapeProblems(asResult(res))).toEqual([]);
      expect((res.body as { code: string }).code).toBe('contact_not_found');
    }
  });
});
