import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  contactInput,
  createContact,
  uniqueEmail,
  uniquePhone,
} from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { createTestApp } from '../utils/create-test-app';
import { errorShapeProblems, expectError } from '../utils/expect-error';
import { waitFor } from '../utils/wait';
import { GENEROUS_RATE_LIMITS, startContactsApp } from './support';

interface ItemResult {
  index: number;
  status: number;
  contact?: {
    id: string;
    phone: string | null;
    email: string | null;
    company: string | null;
    [field: string]: unknown;
  };
  error?: {
    statusCode: number;
    code: string;
    details?: { field?: string; contactId?: string | null; index?: number }[];
    requestId: string;
  };
}

/** SPEC §11: upsert and batch. */
describe('upsert and batch', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let db: DataSource;
  const http = () => request(app.getHttpServer());
  const upsert = (body: object) =>
    http().post('/v1/contacts/upsert').set('X-API-Key', ws.apiKey).send(body);
  const batch = (body: object) =>
    http().post('/v1/contacts/batch').set('X-API-Key', ws.apiKey).send(body);
  const results = (res: request.Response): ItemResult[] => {
    expect(res.status).toBe(207);
    return (res.body as { results: ItemResult[] }).results;
  };
  /**
   * The workspace's change feed once it holds `count` changes: a change shows once every
   * transaction before it has settled (the feed's rule), whatever else runs.
   */
  const feedOf = (count: number) =>
    waitFor(
      async () => {
        const res = await http()
          .get('/v1/contacts/changes')
          .set('X-API-Key', ws.apiKey)
          .expect(200);
        return res.body.items.length >= count ? res : undefined;
      },
      { what: `${count} changes in the feed` },
    );
  const liveWith = async (column: 'phone' | 'email', value: string) =>
    db.query<{ id: string }[]>(
      `SELECT id FROM contacts WHERE workspace_id = $1 AND ${column} = $2 AND deleted_at IS NULL`,
      [ws.workspace.id, value],
    );

  beforeAll(async () => {
    app = await startContactsApp();
    db = app.get(DataSource);
  });
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  describe('POST /v1/contacts/upsert', () => {
    it('creates when nothing matches (201, Location), then applies the fields sent to the contact it finds (200)', async () => {
      const body = contactInput({ company: 'Acme' });
      const created = await upsert(body).expect(201);
      expect(created.headers.location).toBe(`/v1/contacts/${created.body.id}`);
      expect(created.headers.etag).toBe('"1"');

      const again = await upsert({ ...body, company: 'Globex', jobTitle: 'CTO' }).expect(200);
      expect(again.headers.location).toBeUndefined();
      expect(again.body).toMatchObject({
        id: created.body.id,
        company: 'Globex',
        jobTitle: 'CTO',
        lastName: 'Doe',
      });
      expect(again.headers.etag).toBe('"2"');
      // The same values again: found, nothing changes.
      const same = await upsert({ ...body, company: 'Globex', jobTitle: 'CTO' }).expect(200);
      expect([same.body.updatedAt, same.headers.etag]).toEqual([again.body.updatedAt, '"2"']);
      expect(await liveWith('email', body.email as string)).toHaveLength(1);
    });

    it('finds the contact by its email alone, and gives it the phone sent', async () => {
      const existing = await createContact(app, ws.apiKey, { phone: null });
      const phone = uniquePhone();
      const res = await upsert({ firstName: 'Jane', email: existing.email, phone }).expect(200);
      expect(res.body).toMatchObject({ id: existing.id, phone, email: existing.email });
    });

    it('the phone finding one contact and the email another is 409 contact_match_ambiguous naming both; nothing is written', async () => {
      const [a, b] = [await createContact(app, ws.apiKey), await createContact(app, ws.apiKey)];
      const res = await upsert({
        firstName: 'Both',
        phone: a.phone,
        email: b.email,
        company: 'Never',
      });
      const details = expectError(res, 409, 'contact_match_ambiguous');
      expect(details).toEqual([
        { field: 'phone', contactId: a.id },
        { field: 'email', contactId: b.id },
      ]);
      for (const c of [a, b]) {
        expect(
          (await http().get(`/v1/contacts/${c.id}`).set('X-API-Key', ws.apiKey)).body.company,
        ).toBeNull();
      }
    });

    it('matchOn chooses the identities that find the contact; another value held by a third contact is 409 contact_exists', async () => {
      const [a, b] = [await createContact(app, ws.apiKey), await createContact(app, ws.apiKey)];
      // Matched on email only: the phone belongs to b, so it cannot be given to a.
      const res = await upsert({
        firstName: 'X',
        email: a.email,
        phone: b.phone,
        matchOn: ['email'],
      });
      expect(expectError(res, 409, 'contact_exists')).toEqual([
        { field: 'phone', contactId: b.id },
      ]);
      // Matched on phone only: an unknown phone creates, even though the email is a's.
      const other = await upsert({
        firstName: 'Y',
        email: a.email,
        phone: uniquePhone(),
        matchOn: ['phone'],
      });
      expect(expectError(other, 409, 'contact_exists')).toEqual([
        { field: 'email', contactId: a.id },
      ]);
      const fresh = await upsert({
        firstName: 'Z',
        email: uniqueEmail(),
        phone: a.phone,
        matchOn: ['phone'],
      }).expect(200);
      expect(fresh.body.id).toBe(a.id);
    });

    it('a phone the contact holds as an additional one finds it, and stays additional', async () => {
      const second = uniquePhone();
      const existing = await createContact(app, ws.apiKey, { additionalPhones: [second] });
      const res = await upsert({ firstName: 'Jane', phone: second, company: 'Found' }).expect(200);
      expect(res.body).toMatchObject({
        id: existing.id,
        phone: existing.phone,
        additionalPhones: [second],
        company: 'Found',
      });
    });

    it('a deleted contact is not found: a new one is created', async () => {
      const existing = await createContact(app, ws.apiKey);
      await http().delete(`/v1/contacts/${existing.id}`).set('X-API-Key', ws.apiKey).expect(204);
      const res = await upsert({ firstName: 'Again', phone: existing.phone }).expect(201);
      expect(res.body.id).not.toBe(existing.id);
    });

    it('refuses a bad matchOn, a read-only field or a body without phone and email with 400', async () => {
      for (const matchOn of [
        [],
        ['name'],
        ['phone', 'phone'],
        'phone',
        ['phone', 'email', 'phone'],
      ]) {
        expect(
          expectError(
            await upsert({ firstName: 'A', phone: uniquePhone(), matchOn }),
            400,
            'validation_failed',
          )[0],
        ).toMatchObject({ field: 'matchOn' });
      }
      expectError(
        await upsert({ firstName: 'A', phone: uniquePhone(), id: 'x' }),
        400,
        'validation_failed',
      );
      expectError(await upsert({ firstName: 'A' }), 400, 'validation_failed');
    });

    it('ten upserts of one new phone at once create one contact: one 201, nine 200', async () => {
      for (let round = 0; round < 3; round++) {
        const phone = uniquePhone();
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, i) => upsert({ firstName: `Racer${i}`, phone })),
        );
        expect(answers.map((r) => r.status).sort()).toEqual([
          200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
        ]);
        expect(new Set(answers.map((r) => r.body.id as string)).size).toBe(1);
        expect(await liveWith('phone', phone)).toHaveLength(1);
      }
    });

    it('an Idempotency-Key replays the 201 of the first upsert, not a 200', async () => {
      const key = `up-${randomUUID()}`;
      const body = contactInput();
      const first = await upsert(body).set('Idempotency-Key', key).expect(201);
      const replay = await upsert(body).set('Idempotency-Key', key).expect(201);
      expect([
        replay.headers['idempotent-replayed'],
        replay.body.id,
        replay.headers.location,
      ]).toEqual(['true', first.body.id, first.headers.location]);
    });
  });

  describe('POST /v1/contacts/batch', () => {
    it('answers 207 with one result per item in order; each item is written or fails on its own', async () => {
      const taken = await createContact(app, ws.apiKey);
      const fresh = contactInput();
      const res = await batch({
        mode: 'create',
        items: [
          fresh,
          { firstName: 'Bad', email: 'not-an-email' },
          { firstName: 'Dup', phone: taken.phone },
          { firstName: 'Ro', email: uniqueEmail(), source: 'x' },
        ],
      });
      const [ok, invalid, duplicate, readOnly] = results(res);
      expect([ok.index, ok.status, ok.contact?.email]).toEqual([0, 201, fresh.email]);
      expect([
        invalid.index,
        invalid.status,
        invalid.error?.code,
        invalid.error?.details?.[0]?.field,
      ]).toEqual([1, 400, 'validation_failed', 'email']);
      expect([duplicate.status, duplicate.error?.code, duplicate.error?.details]).toEqual([
        409,
        'contact_exists',
        [{ field: 'phone', contactId: taken.id }],
      ]);
      expect([readOnly.status, readOnly.error?.details?.[0]]).toEqual([
        400,
        { field: 'source', message: 'source is read-only' },
      ]);
      // Every error is the usual error body, naming this request.
      for (const { error } of [invalid, duplicate, readOnly]) {
        expect(
          errorShapeProblems({
            status: error?.statusCode ?? 0,
            headers: {
              'x-request-id': res.headers['x-request-id'],
              'content-type': 'application/json',
            },
            body: error,
          }),
        ).toEqual([]);
      }
      // What the results say is what the database holds.
      expect(
        (await http().get(`/v1/contacts/${ok.contact?.id}`).set('X-API-Key', ws.apiKey).expect(200))
          .body.email,
      ).toBe(fresh.email);
      const [{ n }] = await db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM contacts WHERE workspace_id = $1`,
        [ws.workspace.id],
      );
      expect(Number(n)).toBe(2);
    });

    it("two items with one phone or email: the later is 409 naming the earlier item's contact", async () => {
      const phone = uniquePhone();
      const email = uniqueEmail();
      const [first, second, third, fourth] = results(
        await batch({
          mode: 'create',
          items: [
            { firstName: 'A', phone },
            { firstName: 'B', email },
            { firstName: 'C', phone, email: uniqueEmail() },
            { firstName: 'D', additionalEmails: [email], phone: uniquePhone() },
          ],
        }),
      );
      expect([first.status, second.status]).toEqual([201, 201]);
      expect([third.status, third.error?.code, third.error?.details]).toEqual([
        409,
        'contact_exists',
        [{ field: 'phone', contactId: first.contact?.id, index: 0 }],
      ]);
      expect([fourth.status, fourth.error?.details]).toEqual([
        409,
        [{ field: 'additionalEmails.0', contactId: second.contact?.id, index: 1 }],
      ]);
      expect(await liveWith('phone', phone)).toHaveLength(1);
    });

    it('mode upsert: found contacts are updated (200), others created (201), ambiguous ones refused (409)', async () => {
      const [a, b] = [await createContact(app, ws.apiKey), await createContact(app, ws.apiKey)];
      const items = [
        { firstName: 'A2', phone: a.phone, company: 'Updated' },
        contactInput({ company: 'New' }),
        { firstName: 'Both', phone: a.phone, email: b.email, matchOn: ['email'] },
        { firstName: 'Amb', phone: b.phone, email: a.email },
      ];
      const [updated, created, viaEmail, ambiguous] = results(
        await batch({ mode: 'upsert', items }),
      );
      expect([updated.status, updated.contact?.id, updated.contact?.company]).toEqual([
        200,
        a.id,
        'Updated',
      ]);
      expect([created.status, created.contact?.company]).toEqual([201, 'New']);
      // Item 2 has item 0's phone: the later of two items with one phone.
      expect([viaEmail.status, viaEmail.error?.details]).toEqual([
        409,
        [{ field: 'phone', contactId: a.id, index: 0 }],
      ]);
      expect([ambiguous.status, ambiguous.error?.code]).toEqual([409, 'contact_match_ambiguous']);
    });

    it('records the events, history and feed changes of the items written, and only of those', async () => {
      const existing = await createContact(app, ws.apiKey);
      const [updated, created] = results(
        await batch({
          mode: 'upsert',
          items: [
            { firstName: 'Changed', email: existing.email },
            contactInput(),
            { firstName: 'Bad', email: 'bad' },
          ],
        }),
      );
      const events = await db.query<{ event_name: string; contact_id: string }[]>(
        `SELECT event_name, aggregate_id AS contact_id FROM outbox_events WHERE workspace_id = $1 ORDER BY event_name, contact_id`,
        [ws.workspace.id],
      );
      expect(events.map((e) => [e.event_name, e.contact_id])).toEqual(
        [
          ['contact.created', existing.id],
          ['contact.created', created.contact?.id],
          ['contact.updated', updated.contact?.id],
        ].sort(),
      );
      const history = await http()
        .get(`/v1/contacts/${existing.id}/history`)
        .set('X-API-Key', ws.apiKey)
        .expect(200);
      expect(history.body.items[0]).toMatchObject({
        type: 'updated',
        changes: [{ field: 'firstName', old: 'Jane', new: 'Changed' }],
      });
      const feed = await feedOf(3);
      expect(
        feed.body.items.map((c: { type: string; contactId: string }) => [c.type, c.contactId]),
      ).toEqual([
        ['created', existing.id],
        ['updated', existing.id],
        ['created', created.contact?.id],
      ]);
    });

    it('two items finding one contact (by its phone, by its email): both applied in order, each its own version, history entry, event and feed change', async () => {
      const existing = await createContact(app, ws.apiKey);
      const [first, second] = results(
        await batch({
          mode: 'upsert',
          items: [
            { firstName: 'One', phone: existing.phone, company: 'First' },
            { firstName: 'Two', email: existing.email, jobTitle: 'Second' },
          ],
        }),
      );
      expect([first.status, first.contact?.id, second.status, second.contact?.id]).toEqual([
        200,
        existing.id,
        200,
        existing.id,
      ]);
      expect(first.contact).toMatchObject({ firstName: 'One', company: 'First', jobTitle: null });
      expect(second.contact).toMatchObject({
        firstName: 'Two',
        company: 'First',
        jobTitle: 'Second',
      });
      const stored = await http()
        .get(`/v1/contacts/${existing.id}`)
        .set('X-API-Key', ws.apiKey)
        .expect(200);
      expect(stored.body).toMatchObject({ firstName: 'Two', company: 'First', jobTitle: 'Second' });
      expect(stored.headers.etag).toBe('"3"');

      const history = await http()
        .get(`/v1/contacts/${existing.id}/history`)
        .set('X-API-Key', ws.apiKey)
        .expect(200);
      expect(
        history.body.items.map((e: { type: string; changes: { field: string }[] }) => [
          e.type,
          e.changes.map((c) => c.field),
        ]),
      ).toEqual([
        ['updated', ['firstName', 'jobTitle']],
        ['updated', ['firstName', 'company']],
        ['created', expect.any(Array)],
      ]);
      const events = await db.query<{ sequence: number; name: string; payload: string }[]>(
        `SELECT sequence, event_name AS name, payload::text AS payload FROM outbox_events
          WHERE workspace_id = $1 AND aggregate_id = $2 ORDER BY sequence`,
        [ws.workspace.id, existing.id],
      );
      expect(events.map((e) => [e.sequence, e.name])).toEqual([
        [1, 'contact.created'],
        [2, 'contact.updated'],
        [3, 'contact.updated'],
      ]);
      expect(JSON.parse(events[2].payload)).toMatchObject({
        changes: { firstName: { from: 'One', to: 'Two' }, jobTitle: { from: null, to: 'Second' } },
      });
      const feed = await feedOf(3);
      expect(feed.body.items.map((c: { type: string }) => c.type)).toEqual([
        'created',
        'updated',
        'updated',
      ]);
    });

    it("an item breaking a contact's rules once merged with the contact it finds is 400; the other items are written", async () => {
      const [a, b] = [await createContact(app, ws.apiKey), await createContact(app, ws.apiKey)];
      const [broken, fine] = results(
        await batch({
          mode: 'upsert',
          items: [
            // a's own phone again, as an additional one: a contact's phones are distinct.
            { firstName: 'Broken', email: a.email, additionalPhones: [a.phone] },
            { firstName: 'Fine', email: b.email },
          ],
        }),
      );
      expect([broken.status, broken.error?.code]).toEqual([400, 'validation_failed']);
      expect([fine.status, fine.contact?.firstName]).toEqual([200, 'Fine']);
      const [stored] = await db.query<{ id: string; first_name: string; version: number }[]>(
        `SELECT id, first_name, version FROM contacts WHERE workspace_id = $1 AND id = $2`,
        [ws.workspace.id, a.id],
      );
      expect([stored.first_name, stored.version]).toEqual([a.firstName, 1]);
    });

    it('refuses a batch that is not one with 400, before reading any item', async () => {
      const item = contactInput();
      const bad: [object, string][] = [
        [{ items: [item] }, 'mode'],
        [{ mode: 'merge', items: [item] }, 'mode'],
        [{ mode: 'create', items: [] }, 'items'],
        [{ mode: 'create', items: Array.from({ length: 101 }, () => item) }, 'items'],
        [{ mode: 'create', items: [item, 'text'] }, 'items'],
        [{ mode: 'create', items: item }, 'items'],
        [{ mode: 'create', items: [item], extra: 1 }, 'extra'],
      ];
      for (const [body, field] of bad) {
        const details = expectError(await batch(body), 400, 'validation_failed');
        expect(details.map((d) => d.field)).toContain(field);
      }
      expect(await liveWith('email', item.email as string)).toHaveLength(0);
    });

    it('an Idempotency-Key replays the 207 and writes nothing more', async () => {
      const key = `batch-${randomUUID()}`;
      const body = {
        mode: 'create',
        items: [contactInput(), contactInput(), { firstName: 'Bad' }],
      };
      const first = await batch(body).set('Idempotency-Key', key);
      const replay = await batch(body).set('Idempotency-Key', key);
      expect([replay.status, replay.headers['idempotent-replayed']]).toEqual([207, 'true']);
      expect(replay.body).toEqual(first.body);
      const [{ n }] = await db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM contacts WHERE workspace_id = $1`,
        [ws.workspace.id],
      );
      expect(Number(n)).toBe(2);
    });

    it('four batches upserting overlapping contacts at once: one contact per phone, every item written', async () => {
      const phones = Array.from({ length: 30 }, () => uniquePhone());
      const answers = await Promise.all(
        [0, 1, 2, 3].map((client) =>
          batch({
            mode: 'upsert',
            items: phones
              .map((phone, i) => ({ firstName: `C${client}-${i}`, phone }))
              .sort(() => (client % 2 === 0 ? 1 : -1)),
          }),
        ),
      );
      const statuses = answers.flatMap((res) => results(res).map((r) => r.status));
      expect(statuses.filter((s) => s === 201)).toHaveLength(30);
      expect(statuses.filter((s) => s === 200)).toHaveLength(90);
      const [{ n, distinct }] = await db.query<{ n: string; distinct: string }[]>(
        `SELECT count(*) AS n, count(DISTINCT phone) AS distinct FROM contacts WHERE workspace_id = $1`,
        [ws.workspace.id],
      );
      expect([Number(n), Number(distinct)]).toEqual([30, 30]);
    });
  });
});

describe('batch rate limits (SPEC §11: by item, against the create limit)', () => {
  it('lets through the items that fit, answers 429 for the rest, and 429 for a batch when none fits', async () => {
    const app = await createTestApp({ ...GENEROUS_RATE_LIMITS, RATE_LIMIT_CONTACTS_CREATE: '5' });
    try {
      const ws = await createWorkspace(app);
      const http = () => request(app.getHttpServer());
      await http()
        .post('/v1/contacts')
        .set('X-API-Key', ws.apiKey)
        .send(contactInput())
        .expect(201);
      const res = await http()
        .post('/v1/contacts/batch')
        .set('X-API-Key', ws.apiKey)
        .send({ mode: 'create', items: Array.from({ length: 6 }, () => contactInput()) });
      expect(res.status).toBe(207);
      const statuses = (res.body as { results: ItemResult[] }).results.map((r) => [
        r.status,
        r.error?.code ?? null,
      ]);
      expect(statuses).toEqual([
        [201, null],
        [201, null],
        [201, null],
        [201, null],
        [429, 'rate_limited'],
        [429, 'rate_limited'],
      ]);
      expect([res.headers['x-ratelimit-limit'], res.headers['x-ratelimit-remaining']]).toEqual([
        '5',
        '0',
      ]);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // The upsert route and the create route share the count.
      expectError(
        await http().post('/v1/contacts/upsert').set('X-API-Key', ws.apiKey).send(contactInput()),
        429,
        'rate_limited',
      );
      expectError(
        await http()
          .post('/v1/contacts/batch')
          .set('X-API-Key', ws.apiKey)
          .send({ mode: 'create', items: [contactInput()] }),
        429,
        'rate_limited',
      );
    } finally {
      await app.close();
    }
  });
});
