import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import request from 'supertest';
import type { ContactResponse } from '../src/contacts/dto/contact.response';
import { createContact } from './factories/contact.factory';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { createTestApp } from './utils/create-test-app';
import { errorShapeProblems, type HttpResult } from './utils/expect-error';

/**
 * Property tests over the public API: whatever a client sends, the service answers with a
 * deliberate status (never a 5xx), every 4xx is the one error shape, and a workspace only ever
 * sees its own contacts. The seed is printed by fast-check on failure; re-run with it to replay.
 */

const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

const CONTACT_FIELDS = [
  'firstName',
  'lastName',
  'phone',
  'email',
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
  let ws: TestWorkspace;
  let contact: ContactResponse;

  beforeAll(async () => {
    app = await createTestApp();
    // Many requests: a listening server avoids binding one per request.
    await app.listen(0, '127.0.0.1');
    ws = await createWorkspace(app, { defaultCountry: 'KE' });
    contact = await createContact(app, ws.apiKey);
  });
  afterAll(() => app?.close());

  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  it('POST /v1/contacts with random JSON: never 5xx, every 4xx in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(randomBody, async (body) => {
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
      { numRuns: NUM_RUNS },
    );
  });

  it('PATCH /v1/contacts/:id with random JSON: never 5xx, every 4xx in the error shape', async () => {
    await fc.assert(
      fc.asyncProperty(randomBody, async (body) => {
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
      { numRuns: NUM_RUNS },
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
        const res = await http()
          .patch(`/v1/contacts/${id}`)
          .set('X-API-Key', ws.apiKey)
          .send({ firstName: 'Renamed' });
        expect(wrongAnswer(res, [200])).toBeUndefined();
      }),
      { numRuns: 50 },
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
      { numRuns: NUM_RUNS },
    );
  });
});

describe('property: a workspace never sees another workspace’s contacts', () => {
  let app: NestFastifyApplication;
  let mine: TestWorkspace;
  let theirs: TestWorkspace;
  let myIds: Set<string>;
  let theirContacts: ContactResponse[];

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen(0, '127.0.0.1');
    mine = await createWorkspace(app, { defaultCountry: 'KE' });
    theirs = await createWorkspace(app, { defaultCountry: 'KE' });
    // Look-alike contacts on both sides, so that searches match in both workspaces.
    const people = [
      { firstName: 'Wanjiku', lastName: 'Kamau' },
      { firstName: 'Jane', lastName: 'Doe' },
      { firstName: 'Ann_a', lastName: '100%' },
      { firstName: 'Back\\slash', lastName: 'O’Brien' },
    ];
    const mineCreated = await Promise.all(people.map((p) => createContact(app, mine.apiKey, p)));
    theirContacts = await Promise.all(people.map((p) => createContact(app, theirs.apiKey, p)));
    myIds = new Set(mineCreated.map((c) => c.id));
  });
  afterAll(() => app?.close());

  /** Text that matches their contacts: pieces of their names, emails and phones, or anything. */
  const searchText = (): fc.Arbitrary<string> =>
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom(
            ...theirContacts.flatMap((c) => [
              c.firstName,
              c.fullName,
              c.email ?? '',
              c.phone ?? '',
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

  it('list and search results hold only the workspace’s own contacts', async () => {
    await fc.assert(
      fc.asyncProperty(
        searchText(),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 100 }),
        async (search, page, limit) => {
          const res = await request(app.getHttpServer())
            .get('/v1/contacts')
            .query({ search, page, limit })
            .set('X-API-Key', mine.apiKey);
          expect(wrongAnswer(res, [200])).toBeUndefined();
          if (res.status !== 200) return;
          const body = res.body as { items: ContactResponse[]; total: number };
          const foreign = body.items.filter((c) => !myIds.has(c.id)).map((c) => c.id);
          expect(foreign).toEqual([]);
          expect(body.total).toBeLessThanOrEqual(myIds.size);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('their contacts are 404 by id, exactly like ids that do not exist', async () => {
    for (const c of theirContacts) {
      const res = await request(app.getHttpServer())
        .get(`/v1/contacts/${c.id}`)
        .set('X-API-Key', mine.apiKey);
      expect(res.status).toBe(404);
      expect(errorShapeProblems(asResult(res))).toEqual([]);
    }
  });
});
