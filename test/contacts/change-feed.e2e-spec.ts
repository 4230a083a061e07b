import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ContactRetention } from '../../src/contacts/contact-retention';
import type { ContactResponse } from '../../src/contacts/dto/contact.response';
import { createContact, uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { describeIf } from '../utils/describe-if';
import { expectError } from '../utils/expect-error';
import { waitFor } from '../utils/wait';
import { startContactsApp } from './support';

interface Change {
  position: string;
  type: string;
  contactId: string;
  occurredAt: string;
  contact: ContactResponse | null;
}
interface ChangesPage {
  items: Change[];
  nextCursor: string | null;
}

/** SPEC §11: the change feed, one total order a follower can trust. */
describe('the change feed', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let db: DataSource;
  const http = () => request(app.getHttpServer());
  const changes = async (
    after?: string | null,
    limit = 100,
    key = ws.apiKey,
  ): Promise<ChangesPage> =>
    (
      await http()
        .get('/v1/contacts/changes')
        .query({ limit, ...(after ? { after } : {}) })
        .set('X-API-Key', key)
        .expect(200)
    ).body as ChangesPage;

  /** A follower: applies every change it reads to its copy; `read()` goes as far as the feed shows. */
  const follower = (key = ws.apiKey) => {
    const mirror = new Map<string, ContactResponse>();
    const seen: Change[] = [];
    let cursor: string | null = null;
    return {
      mirror,
      seen,
      async read(): Promise<void> {
        for (;;) {
          const page = await changes(cursor, 50, key);
          for (const change of page.items) {
            if (change.contact) mirror.set(change.contactId, change.contact);
            else mirror.delete(change.contactId);
          }
          seen.push(...page.items);
          cursor = page.nextCursor;
          if (page.items.length < 50) return;
        }
      },
    };
  };
  /** The workspace's live contacts, as the API lists them. */
  const liveContacts = async (): Promise<Map<string, ContactResponse>> => {
    const all = new Map<string, ContactResponse>();
    for (let page = 1; ; page++) {
      const res = await http()
        .get('/v1/contacts')
        .query({ page, limit: 100 })
        .set('X-API-Key', ws.apiKey)
        .expect(200);
      for (const contact of res.body.items as ContactResponse[]) all.set(contact.id, contact);
      if (page >= res.body.totalPages) return all;
    }
  };
  const sameAsDatabase = async (mirror: Map<string, ContactResponse>) => {
    const live = await liveContacts();
    return (
      mirror.size === live.size &&
      [...live].every(([id, contact]) => JSON.stringify(mirror.get(id)) === JSON.stringify(contact))
    );
  };

  beforeAll(async () => {
    app = await startContactsApp();
    db = app.get(DataSource);
  });
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  it('lists every kind of change in order, each with the contact as it is now (null once it is not live)', async () => {
    const a = await createContact(app, ws.apiKey, { firstName: 'Ada' });
    const b = await createContact(app, ws.apiKey, { firstName: 'Bea' });
    const c = await createContact(app, ws.apiKey, { firstName: 'Cy' });
    await http()
      .patch(`/v1/contacts/${a.id}`)
      .set('X-API-Key', ws.apiKey)
      .send({ company: 'Acme' })
      .expect(200);
    await http().delete(`/v1/contacts/${b.id}`).set('X-API-Key', ws.apiKey).expect(204);
    await http().post(`/v1/contacts/${b.id}/restore`).set('X-API-Key', ws.apiKey).expect(200);
    await http()
      .post(`/v1/contacts/${a.id}/merge`)
      .set('X-API-Key', ws.apiKey)
      .send({ sourceIds: [c.id] })
      .expect(200);
    await http().post(`/v1/contacts/${b.id}/erase`).set('X-API-Key', ws.apiKey).expect(200);

    const feed = follower();
    await waitFor(
      async () => {
        await feed.read();
        return feed.seen.length >= 9;
      },
      { what: 'the feed to show nine changes' },
    );
    expect(feed.seen.map((ch) => [ch.type, ch.contactId])).toEqual([
      ['created', a.id],
      ['created', b.id],
      ['created', c.id],
      ['updated', a.id],
      ['deleted', b.id],
      ['restored', b.id],
      ['merged', c.id], // the merge's transaction: the source first, then the target
      ['updated', a.id],
      ['erased', b.id],
    ]);
    expect(feed.seen).toHaveLength(9);
    // The contact as it is now: a's entries all show the merged a; b and c are gone.
    for (const change of feed.seen) {
      if (change.contactId === a.id) {
        expect(change.contact).toMatchObject({
          id: a.id,
          company: 'Acme',
          additionalPhones: [c.phone],
        });
      } else expect(change.contact).toBeNull();
    }
    const positions = feed.seen.map((ch) => ch.position);
    expect(new Set(positions).size).toBe(positions.length);
    // Resuming after any position gives exactly what follows it.
    const resumed = await changes(positions[3]);
    expect(resumed.items.map((ch) => ch.position)).toEqual(positions.slice(4));
    expect(resumed.nextCursor).toBe(positions[positions.length - 1]);
    // At the end: no items, and the same cursor to poll again with.
    expect(await changes(resumed.nextCursor)).toEqual({
      items: [],
      nextCursor: resumed.nextCursor,
    });
    expect(await sameAsDatabase(feed.mirror)).toBe(true);
  });

  it("never shows another workspace's changes; needs read:contacts; refuses a cursor it did not make", async () => {
    const other = await createWorkspace(app);
    await createContact(app, other.apiKey);
    const mine = await createContact(app, ws.apiKey);
    await waitFor(async () => (await changes()).items.length === 1, { what: 'the first change' });
    expect((await changes()).items.map((ch) => ch.contactId)).toEqual([mine.id]);
    expectError(
      await http()
        .get('/v1/contacts/changes')
        .set('X-API-Key', await ws.newKey(['write:contacts'])),
      403,
      'insufficient_scope',
    );
    for (const query of [
      { after: 'nope' },
      { after: Buffer.from('c:1.6634e2b1a7c3f500231a8b01').toString('base64url') },
      { limit: 1001 },
      { limit: 0 },
    ]) {
      expectError(
        await http().get('/v1/contacts/changes').query(query).set('X-API-Key', ws.apiKey),
        400,
        'validation_failed',
      );
    }
  });

  it('compaction keeps, of changes older than CHANGE_FEED_RETENTION_DAYS, the latest of each contact: a new follower still mirrors exactly', async () => {
    const busy = await createContact(app, ws.apiKey, { firstName: 'Busy' });
    for (const company of ['One', 'Two', 'Three']) {
      await http()
        .patch(`/v1/contacts/${busy.id}`)
        .set('X-API-Key', ws.apiKey)
        .send({ company })
        .expect(200);
    }
    const quiet = await createContact(app, ws.apiKey, { firstName: 'Quiet' });
    const gone = await createContact(app, ws.apiKey, { firstName: 'Gone' });
    await http().delete(`/v1/contacts/${gone.id}`).set('X-API-Key', ws.apiKey).expect(204);
    // Forty days pass for every change so far (of every workspace: time moves for all, and the
    // compaction walks the feed oldest first).
    await db.query(
      `UPDATE contact_changes SET occurred_at = occurred_at - interval '40 days'
        WHERE seq <= (SELECT max(seq) FROM contact_changes WHERE workspace_id = $1)`,
      [ws.workspace.id],
    );
    const recent = await http()
      .patch(`/v1/contacts/${quiet.id}`)
      .set('X-API-Key', ws.apiKey)
      .send({ company: 'Recent' })
      .expect(200);
    expect(recent.body.company).toBe('Recent');

    const { changesCompacted } = await app.get(ContactRetention).run();
    expect(changesCompacted).toBeGreaterThanOrEqual(4);
    const feed = follower();
    await waitFor(
      async () => {
        await feed.read();
        return feed.seen.some((ch) => ch.contactId === quiet.id && ch.type === 'updated');
      },
      { what: 'the recent change' },
    );
    // Busy: only its last update. Gone: only its deletion. Quiet: its old creation is superseded by the recent update.
    expect(feed.seen.map((ch) => [ch.type, ch.contactId])).toEqual([
      ['updated', busy.id],
      ['deleted', gone.id],
      ['updated', quiet.id],
    ]);
    expect(await sameAsDatabase(feed.mirror)).toBe(true);
  });

  // The embedded database has one connection: a transaction held open there stops every other writer.
  describeIf(
    process.env.TEST_DATABASE_MODE === 'external',
    'a PostgreSQL server (DATABASE_URL): concurrent transactions',
  )('out-of-order commits', () => {
    it('a transaction held open holds the feed back, and nothing is skipped when it commits after later ones', async () => {
      const held = await createContact(app, ws.apiKey, { firstName: 'Held' });
      const feed = follower();
      await waitFor(
        async () => {
          await feed.read();
          return feed.seen.length === 1;
        },
        { what: 'the first change' },
      );

      // A writer changes a contact and keeps its transaction open...
      const writer = db.createQueryRunner();
      await writer.startTransaction();
      try {
        await writer.query(
          `UPDATE contacts SET company = 'Slow Co', version = version + 1, updated_at = now() WHERE id = $1`,
          [held.id],
        );
        // ...while later writes commit.
        const later = await createContact(app, ws.apiKey, { firstName: 'Later' });
        // The later change is committed, but the feed does not show it past the open transaction.
        await feed.read();
        expect(feed.seen.map((ch) => ch.contactId)).toEqual([held.id]);
        await writer.commitTransaction();

        await waitFor(
          async () => {
            await feed.read();
            return feed.seen.some((ch) => ch.contactId === later.id);
          },
          { what: 'the later change' },
        );
        // The held change comes first: it began writing first, whenever it committed.
        expect(feed.seen.slice(1, 3).map((ch) => [ch.type, ch.contactId])).toEqual([
          ['updated', held.id],
          ['created', later.id],
        ]);
      } finally {
        if (writer.isTransactionActive) await writer.rollbackTransaction();
        await writer.release();
      }
    });
  });

  it('a follower from the start, reading while others write concurrently, ends with an exact copy of the workspace', async () => {
    const feed = follower();
    const ids: string[] = [];
    let stop = false;
    const reading = (async () => {
      while (!stop) await feed.read();
    })();
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; i < 15; i++) {
        const r = i % 5;
        if (r === 0 || ids.length < 3) {
          ids.push((await createContact(app, ws.apiKey, { firstName: `W${w}-${i}` })).id);
        } else if (r === 1 || r === 2) {
          await http()
            .patch(`/v1/contacts/${ids[(i * 7 + w) % ids.length]}`)
            .set('X-API-Key', ws.apiKey)
            .send({ company: `C${w}-${i}`, phone: uniquePhone() });
        } else if (r === 3) {
          await http()
            .delete(`/v1/contacts/${ids[(i * 3 + w) % ids.length]}`)
            .set('X-API-Key', ws.apiKey);
        } else {
          await http()
            .post(`/v1/contacts/${ids[(i * 5 + w) % ids.length]}/restore`)
            .set('X-API-Key', ws.apiKey);
        }
      }
    });
    await Promise.all(writers);
    stop = true;
    await reading;
    await waitFor(
      async () => {
        await feed.read();
        return sameAsDatabase(feed.mirror);
      },
      { what: "the follower's copy to equal the workspace" },
    );
    expect(feed.mirror.size).toBeGreaterThan(0);
    const positions = feed.seen.map((ch) => ch.position);
    expect(new Set(positions).size).toBe(positions.length); // never the same change twice
  });
});
