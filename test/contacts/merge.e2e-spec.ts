import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { ContactResponse } from '../../src/contacts/dto/contact.response';
import { createContact, uniqueEmail, uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { createTestApp } from '../utils/create-test-app';
import { expectError } from '../utils/expect-error';
import { waitFor } from '../utils/wait';
import { drainWorkspace } from '../utils/outbox';
import { GENEROUS_RATE_LIMITS } from './support';

interface MergeBody {
  dryRun: boolean;
  contact: ContactResponse;
  fields: { field: string; outcome: string; from?: string }[];
  moved: { conversations: number; messages: number };
  sourceIds: string[];
}

/** SPEC §10: merging duplicates into one contact, with a dry run, and what follows a merge. */
describe('merging contacts', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let db: DataSource;
  const http = () => request(app.getHttpServer());
  const merge = (targetId: string, body: object, key = ws.apiKey) =>
    http().post(`/v1/contacts/${targetId}/merge`).set('X-API-Key', key).send(body);
  const send = (phone: string, text = 'hello') =>
    http().post('/v1/messages').set('X-API-Key', ws.apiKey).send({ phone, text }).expect(202);

  /** Every row of the workspace in each table a merge may touch, and the outbox. */
  const snapshot = async () => {
    const id = ws.workspace.id;
    const [row] = await db.query<Record<string, string>[]>(
      `SELECT (SELECT json_agg(c ORDER BY c.id)::text FROM contacts c WHERE workspace_id = $1) AS contacts,
              (SELECT json_agg(i ORDER BY i.kind, i.value)::text FROM contact_identities i WHERE workspace_id = $1) AS identities,
              (SELECT json_agg(v ORDER BY v.id)::text FROM conversations v WHERE workspace_id = $1) AS conversations,
              (SELECT json_agg(m ORDER BY m.id)::text FROM messages m WHERE workspace_id = $1) AS messages,
              (SELECT count(*) FROM contact_history WHERE workspace_id = $1) AS history,
              (SELECT count(*) FROM outbox_events WHERE workspace_id = $1) AS events`,
      [id],
    );
    return row;
  };
  const messagesOf = async (contactId: string) =>
    Number(
      (
        await db.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM messages WHERE workspace_id = $1 AND contact_id = $2`,
          [ws.workspace.id, contactId],
        )
      )[0].n,
    );

  beforeAll(async () => {
    // The outbox is drained by the tests themselves, so that they know when it is done.
    app = await createTestApp({ ...GENEROUS_RATE_LIMITS, OUTBOX_DISPATCH: 'false' });
    await app.listen(0, '127.0.0.1');
    db = app.get(DataSource);
  });
  beforeEach(async () => {
    ws = await createWorkspace(app, { defaultCountry: 'KE' });
  });
  afterAll(() => app.close());

  it('a dry run reports each field, the merged contact and what would move, and writes nothing (rows and outbox unchanged)', async () => {
    const target = await createContact(app, ws.apiKey, {
      firstName: 'Amina',
      lastName: null,
      company: null,
      tags: ['vip'],
    });
    const older = await createContact(app, ws.apiKey, {
      firstName: 'Amina',
      lastName: 'Old',
      company: 'Old Co',
      tags: ['lead'],
    });
    const newer = await createContact(app, ws.apiKey, {
      firstName: 'A.',
      lastName: 'New',
      company: null,
      jobTitle: 'CTO',
      tags: ['lead', 'kenya'],
    });
    await send(older.phone as string);
    await send(newer.phone as string);
    await send(newer.phone as string);
    await drainWorkspace(app, ws.workspace.id);
    const before = await snapshot();

    const res = await merge(target.id, { sourceIds: [older.id, newer.id], dryRun: true }).expect(
      200,
    );
    const report = res.body as MergeBody;
    expect(report.dryRun).toBe(true);
    expect(report.sourceIds).toEqual([older.id, newer.id]);
    expect(report.moved).toEqual({ conversations: 2, messages: 3 });
    expect(report.contact).toMatchObject({
      id: target.id,
      firstName: 'Amina',
      lastName: 'New', // the newest source first
      company: 'Old Co', // the newer source has none
      jobTitle: 'CTO',
      phone: target.phone,
      email: target.email,
      tags: ['vip', 'lead', 'kenya'],
    });
    expect([...report.contact.additionalPhones].sort()).toEqual([older.phone, newer.phone].sort());
    expect([...report.contact.additionalEmails].sort()).toEqual([older.email, newer.email].sort());
    const outcome = Object.fromEntries(report.fields.map((f) => [f.field, f.outcome]));
    expect(outcome).toMatchObject({
      firstName: 'kept',
      lastName: 'filled',
      company: 'filled',
      jobTitle: 'filled',
      website: 'kept',
      tags: 'united',
      phone: 'kept',
      email: 'kept',
      additionalPhones: 'moved_to_additional',
      additionalEmails: 'moved_to_additional',
    });
    expect(report.fields.find((f) => f.field === 'lastName')?.from).toBe(newer.id);
    expect(report.fields.find((f) => f.field === 'company')?.from).toBe(older.id);

    expect(await snapshot()).toEqual(before);
    await http().get(`/v1/contacts/${older.id}`).set('X-API-Key', ws.apiKey).expect(200);
    const unchanged = await http()
      .get(`/v1/contacts/${target.id}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(unchanged.body).toEqual(target);
  });

  it('the merge moves conversations, messages and identities to the target, in one step, with history and events', async () => {
    const target = await createContact(app, ws.apiKey, {
      firstName: 'Baraka',
      lastName: null,
      email: null,
    });
    const source = await createContact(app, ws.apiKey, {
      firstName: 'Baraka',
      lastName: 'Dup',
      additionalPhones: [uniquePhone()],
    });
    const sourceConversation = (await send(source.phone as string)).body.conversationId as string;
    await send(source.additionalPhones[0]);
    await send(target.phone as string);
    await drainWorkspace(app, ws.workspace.id);

    const res = await merge(target.id, { sourceIds: [source.id] }).expect(200);
    const report = res.body as MergeBody;
    expect(report.dryRun).toBe(false);
    expect(report.moved).toEqual({ conversations: 2, messages: 2 });
    expect(report.contact).toMatchObject({
      id: target.id,
      lastName: 'Dup',
      email: source.email,
      additionalEmails: [],
    });
    expect(report.fields).toContainEqual({ field: 'email', outcome: 'filled' });
    expect(report.contact.additionalPhones).toEqual([source.phone, source.additionalPhones[0]]);
    const got = await http()
      .get(`/v1/contacts/${target.id}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(got.body).toEqual(report.contact);
    expect(Date.parse(got.body.updatedAt)).toBeGreaterThan(Date.parse(target.updatedAt));

    expect(await messagesOf(source.id)).toBe(0);
    expect(await messagesOf(target.id)).toBe(3);
    const conversations = await http()
      .get(`/v1/conversations?contactId=${target.id}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(conversations.body.total).toBe(3);
    // The consumers of the target's contact.updated refresh the summaries of the moved conversations.
    await drainWorkspace(app, ws.workspace.id);
    const moved = await http()
      .get(`/v1/conversations/${sourceConversation}`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(moved.body).toMatchObject({
      contactId: target.id,
      contact: { id: target.id, fullName: 'Baraka Dup', email: source.email },
    });

    // Its identities belong to the target now: search finds the target by the source's values.
    const search = await http()
      .get('/v1/contacts')
      .query({ search: source.phone as string })
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    expect(search.body.items.map((c: ContactResponse) => c.id)).toEqual([target.id]);
    expect(search.body.total).toBe(1);

    const events = await db.query<
      {
        event_name: string;
        aggregate_id: string;
        sequence: number;
        payload: Record<string, unknown>;
      }[]
    >(
      `SELECT event_name, aggregate_id, sequence, payload FROM outbox_events
        WHERE workspace_id = $1 AND event_name IN ('contact.merged', 'contact.updated') ORDER BY sequence`,
      [ws.workspace.id],
    );
    expect(events.map((e) => [e.event_name, e.aggregate_id, e.sequence])).toEqual([
      ['contact.merged', target.id, 2],
      ['contact.updated', target.id, 3],
    ]);
    expect(events[0].payload).toMatchObject({
      targetId: target.id,
      sourceIds: [source.id],
      workspaceId: ws.workspace.id,
    });
    expect(events[1].payload).toMatchObject({
      contact: { id: target.id, email: source.email },
      changes: {
        email: { from: null, to: source.email },
        additionalPhones: { from: [], to: [source.phone, source.additionalPhones[0]] },
      },
    });
    expect(events[1].payload.changes).not.toHaveProperty('updatedAt');

    for (const [id, changed] of [
      [target.id, 'sourceIds'],
      [source.id, 'mergedInto'],
    ]) {
      const history = await http()
        .get(`/v1/contacts/${id}/history`)
        .set('X-API-Key', ws.apiKey)
        .expect(200);
      expect(history.body.items[0]).toMatchObject({
        type: 'merged',
        actor: { type: 'api_key', id: ws.apiKeyId },
      });
      expect(history.body.items[0].changes.map((c: { field: string }) => c.field)).toContain(
        changed,
      );
    }
  });

  it('a merged id answers GET, PATCH, DELETE and restore with 410 contact_merged and a canonical Link, following chains', async () => {
    const [a, b, c] = [
      await createContact(app, ws.apiKey),
      await createContact(app, ws.apiKey),
      await createContact(app, ws.apiKey),
    ];
    await merge(b.id, { sourceIds: [a.id] }).expect(200);
    const attempts = () => [
      http().get(`/v1/contacts/${a.id}`).set('X-API-Key', ws.apiKey),
      http().patch(`/v1/contacts/${a.id}`).set('X-API-Key', ws.apiKey).send({ company: 'X' }),
      http().delete(`/v1/contacts/${a.id}`).set('X-API-Key', ws.apiKey),
      http().post(`/v1/contacts/${a.id}/restore`).set('X-API-Key', ws.apiKey),
    ];
    for (const res of await Promise.all(attempts())) {
      expect(expectError(res, 410, 'contact_merged')).toEqual([{ mergedInto: b.id }]);
      expect(res.headers.link).toBe(`</v1/contacts/${b.id}>; rel="canonical"`);
    }
    // A into B, then B into C: A's link goes straight to C, the live end of the chain.
    await merge(c.id, { sourceIds: [b.id] }).expect(200);
    for (const res of await Promise.all(attempts())) {
      expect(expectError(res, 410, 'contact_merged')).toEqual([{ mergedInto: c.id }]);
      expect(res.headers.link).toBe(`</v1/contacts/${c.id}>; rel="canonical"`);
    }
    const final = await http().get(`/v1/contacts/${c.id}`).set('X-API-Key', ws.apiKey).expect(200);
    expect([...final.body.additionalPhones].sort()).toEqual([a.phone, b.phone].sort());
    // Lists and totals hold the survivor only.
    const list = await http().get('/v1/contacts').set('X-API-Key', ws.apiKey).expect(200);
    expect(list.body.items.map((x: ContactResponse) => x.id)).toEqual([c.id]);
  });

  it('refuses bad merges: itself, twice, unknown, deleted, merged, another workspace, too many identities, bad bodies', async () => {
    const target = await createContact(app, ws.apiKey);
    const other = await createWorkspace(app);
    const theirs = await createContact(app, other.apiKey);
    const deleted = await createContact(app, ws.apiKey);
    await http().delete(`/v1/contacts/${deleted.id}`).set('X-API-Key', ws.apiKey).expect(204);
    const source = await createContact(app, ws.apiKey);
    const before = await snapshot();

    expect(
      expectError(await merge(target.id, { sourceIds: [target.id] }), 400, 'validation_failed'),
    ).toEqual([{ field: 'sourceIds.0', message: 'a contact cannot be merged into itself' }]);
    expect(
      expectError(
        await merge(target.id, { sourceIds: [source.id, source.id] }),
        400,
        'validation_failed',
      )[0],
    ).toMatchObject({ field: 'sourceIds.1' });
    for (const [body, field] of [
      [{ sourceIds: [] }, 'sourceIds'],
      [{ sourceIds: Array.from({ length: 11 }, () => source.id) }, 'sourceIds'],
      [{ sourceIds: ['nope'] }, 'sourceIds'],
      [{ sourceIds: source.id }, 'sourceIds'],
      [{ sourceIds: [source.id], dryRun: 'yes' }, 'dryRun'],
      [{ sourceIds: [source.id], into: target.id }, 'into'],
      [{}, 'sourceIds'],
    ] as const) {
      const details = expectError(await merge(target.id, body), 400, 'validation_failed');
      expect(details.map((d) => d.field)).toContain(field);
    }
    expect(
      expectError(
        await merge(target.id, { sourceIds: [source.id, 'ffffffffffffffffffffffff'] }),
        404,
        'contact_not_found',
      ),
    ).toEqual([{ field: 'sourceIds.1', contactId: 'ffffffffffffffffffffffff' }]);
    expectError(await merge(target.id, { sourceIds: [theirs.id] }), 404, 'contact_not_found');
    expectError(await merge(target.id, { sourceIds: [deleted.id] }), 404, 'contact_not_found');
    expectError(await merge(theirs.id, { sourceIds: [source.id] }), 404, 'contact_not_found');
    expectError(await merge(deleted.id, { sourceIds: [source.id] }), 404, 'contact_not_found');
    expectError(await merge('not-an-id', { sourceIds: [source.id] }), 404, 'contact_not_found');
    expectError(
      await merge(target.id, { sourceIds: [source.id] }, await ws.newKey(['read:contacts'])),
      403,
      'insufficient_scope',
    );
    expect(await snapshot()).toEqual(before);

    await merge(target.id, { sourceIds: [source.id] }).expect(200);
    expect(
      expectError(await merge(target.id, { sourceIds: [source.id] }), 410, 'contact_merged'),
    ).toEqual([{ field: 'sourceIds.0', mergedInto: target.id }]);
    const third = await createContact(app, ws.apiKey);
    expect(
      expectError(await merge(source.id, { sourceIds: [third.id] }), 410, 'contact_merged'),
    ).toEqual([{ mergedInto: target.id }]);

    // More than 10 additional phones after the merge: 400, nothing written.
    const full = await createContact(app, ws.apiKey, {
      additionalPhones: Array.from({ length: 10 }, () => uniquePhone()),
    });
    const small = await createContact(app, ws.apiKey, { email: uniqueEmail() });
    const details = expectError(
      await merge(full.id, { sourceIds: [small.id] }),
      400,
      'validation_failed',
    );
    expect(details[0]).toMatchObject({ field: 'additionalPhones' });
    await http().get(`/v1/contacts/${small.id}`).set('X-API-Key', ws.apiKey).expect(200);
    // More than 50 tags united: 400 too (never a tag silently dropped).
    const tagged = await createContact(app, ws.apiKey, {
      tags: Array.from({ length: 30 }, (_, i) => `a${i}`),
    });
    const alsoTagged = await createContact(app, ws.apiKey, {
      tags: Array.from({ length: 30 }, (_, i) => `b${i}`),
    });
    expect(
      expectError(
        await merge(tagged.id, { sourceIds: [alsoTagged.id] }),
        400,
        'validation_failed',
      )[0],
    ).toMatchObject({ field: 'tags' });
  });

  it("after a merge, messages to any of the source's numbers land on the target's conversations; no duplicate is recreated", async () => {
    const target = await createContact(app, ws.apiKey, { firstName: 'Chebet' });
    const source = await createContact(app, ws.apiKey, {
      firstName: 'Chebet',
      additionalPhones: [uniquePhone()],
    });
    const thread = (await send(source.phone as string)).body.conversationId as string;
    await merge(target.id, { sourceIds: [source.id] }).expect(200);

    for (const [phone, conversation] of [
      [source.phone as string, thread],
      [source.additionalPhones[0], undefined],
    ] as const) {
      const res = await send(phone);
      expect(res.body.resolution).toEqual({ contactId: target.id, matchedBy: 'additional_phone' });
      expect(res.body.contactId).toBe(target.id);
      if (conversation) expect(res.body.conversationId).toBe(conversation);
    }
    const [{ n }] = await db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM contacts WHERE workspace_id = $1`,
      [ws.workspace.id],
    );
    expect(Number(n)).toBe(2); // the target and the merged source: no new contact
    expect(await messagesOf(target.id)).toBe(3);
    expect(await messagesOf(source.id)).toBe(0);
  });

  it('messages sent to the sources while the merge runs all end on the target', async () => {
    for (let round = 0; round < 3; round++) {
      const target = await createContact(app, ws.apiKey);
      const sources = [await createContact(app, ws.apiKey), await createContact(app, ws.apiKey)];
      const numbers = sources.map((s) => s.phone as string);
      await Promise.all(numbers.map((phone) => send(phone)));
      const traffic = Array.from({ length: 16 }, (_, i) => send(numbers[i % 2], `m${i}`));
      const [merged, ...sent] = await Promise.all([
        merge(target.id, { sourceIds: sources.map((s) => s.id) }),
        ...traffic,
      ]);
      expect(merged.status).toBe(200);
      // Each message went to a live owner of its number at that moment: a source before, the target after.
      for (const res of sent) {
        expect([target.id, ...sources.map((s) => s.id)]).toContain(res.body.resolution.contactId);
      }
      expect(await messagesOf(target.id)).toBe(18);
      for (const source of sources) expect(await messagesOf(source.id)).toBe(0);
      const [{ n }] = await db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL AND phone = ANY($2::text[])`,
        [ws.workspace.id, numbers],
      );
      expect(Number(n)).toBe(0); // no duplicate recreated for a source's number
    }
  });

  it('two merges that cross (A←B and B←A at once) never deadlock: one wins, the other is 410, no message is lost', async () => {
    const lockWaits = async () =>
      Number(
        (
          await db.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'`,
          )
        )[0].n,
      );
    const [a, b] = [await createContact(app, ws.apiKey), await createContact(app, ws.apiKey)];
    await send(a.phone as string);
    await send(b.phone as string);
    // The interleaving that deadlocks merges that lock in the order they are given: B←A starts
    // first and meets B held (as a message being written holds it); A←B then takes A and waits
    // for B. Locking in id order, B←A took A first, so A←B waits behind it instead.
    const blocker = db.createQueryRunner();
    await blocker.startTransaction();
    try {
      await blocker.query(`SELECT id FROM contacts WHERE id = $1 FOR SHARE`, [b.id]);
      const ba = merge(b.id, { sourceIds: [a.id] }).then((res) => res);
      await waitFor(async () => (await lockWaits()) >= 1, { what: 'B←A to wait for a lock' });
      const ab = merge(a.id, { sourceIds: [b.id] }).then((res) => res);
      await waitFor(async () => (await lockWaits()) >= 2, { what: 'A←B to wait for a lock' });
      await blocker.commitTransaction();
      const [first, second] = await Promise.all([ba, ab]);
      expect([first.status, second.status]).toEqual([200, 410]);
      expect(expectError(second, 410, 'contact_merged')[0]).toMatchObject({ mergedInto: b.id });
      expect(await messagesOf(b.id)).toBe(2);
      expect(await messagesOf(a.id)).toBe(0);
    } finally {
      if (blocker.isTransactionActive) await blocker.rollbackTransaction();
      await blocker.release();
    }
  });

  it('erasing the target erases the contacts merged into it (the same person); their ids then answer 404', async () => {
    const target = await createContact(app, ws.apiKey);
    const source = await createContact(app, ws.apiKey, { lastName: 'Secret' });
    await merge(target.id, { sourceIds: [source.id] }).expect(200);
    await http().post(`/v1/contacts/${target.id}/erase`).set('X-API-Key', ws.apiKey).expect(200);
    for (const id of [target.id, source.id]) {
      expectError(
        await http().get(`/v1/contacts/${id}`).set('X-API-Key', ws.apiKey),
        404,
        'contact_not_found',
      );
    }
    const rows = await db.query<{ id: string; last_name: string | null; erased_at: Date | null }[]>(
      `SELECT id, last_name, erased_at FROM contacts WHERE workspace_id = $1 ORDER BY id`,
      [ws.workspace.id],
    );
    expect(rows.map((r) => [r.last_name, r.erased_at !== null])).toEqual([
      [null, true],
      [null, true],
    ]);
  });

  it('ContactsService.merge serves internal callers with the same report', async () => {
    const { ContactsService } = await import('../../src/contacts/contacts.service');
    const target = await createContact(app, ws.apiKey);
    const source = await createContact(app, ws.apiKey);
    const report = await app
      .get(ContactsService)
      .merge(ws.workspace.id, target.id, { sourceIds: [source.id], dryRun: true });
    expect(report).toMatchObject({
      dryRun: true,
      sourceIds: [source.id],
      moved: { conversations: 0, messages: 0 },
    });
    expect(report.contact.additionalPhones).toEqual([source.phone]);
    await http().get(`/v1/contacts/${source.id}`).set('X-API-Key', ws.apiKey).expect(200);
  });
});
