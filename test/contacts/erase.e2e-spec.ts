import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PersonalDataRegistry } from '../../src/privacy/personal-data.registry';
import { uniquePhone } from '../factories/contact.factory';
import { createWorkspace, type TestWorkspace } from '../factories/workspace.factory';
import { runCli } from '../utils/cli';
import { describeIf } from '../utils/describe-if';
import { expectError } from '../utils/expect-error';
import { drainWorkspace } from '../utils/outbox';
import { startContactsApp } from './support';

/** Values no other test writes, so that finding one anywhere means it was not erased. */
function distinctValues() {
  const mark = randomUUID().replace(/-/g, '').slice(0, 12);
  return {
    firstName: `Erin${mark}`,
    lastName: `Rase${mark}`,
    phone: uniquePhone(),
    email: `erase.${mark}@example.com`,
    additionalPhones: [uniquePhone()],
    additionalEmails: [`erase.alt.${mark}@example.com`],
    company: `Company${mark}`,
    jobTitle: `Title${mark}`,
    website: `https://site${mark}.example`,
    notes: `Notes${mark}`,
    tags: [`tag${mark}`],
    lifecycle: `Stage${mark}`,
  };
}

/** SPEC §9: erasure, the right to be forgotten. */
describe('erasing a contact', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startContactsApp();
  });
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  it('needs the erase:contacts scope, which write:contacts does not grant', async () => {
    const writer = await ws.newKey(['read:contacts', 'write:contacts']);
    const created = await http()
      .post('/v1/contacts')
      .set('X-API-Key', writer)
      .send({ firstName: 'A', phone: uniquePhone() })
      .expect(201);
    const details = expectError(
      await http().post(`/v1/contacts/${created.body.id}/erase`).set('X-API-Key', writer),
      403,
      'insufficient_scope',
    );
    expect(details).toEqual([{ scope: 'erase:contacts' }]);
    await http().get(`/v1/contacts/${created.body.id}`).set('X-API-Key', writer).expect(200);
  });

  it('erases a live contact: 200 with its id and erasedAt, then 404 everywhere; a deleted contact can be erased too', async () => {
    for (const deleteFirst of [false, true]) {
      const created = await http()
        .post('/v1/contacts')
        .set('X-API-Key', ws.apiKey)
        .send(distinctValues())
        .expect(201);
      const id = created.body.id as string;
      if (deleteFirst) {
        await http().delete(`/v1/contacts/${id}`).set('X-API-Key', ws.apiKey).expect(204);
      }
      const erased = await http()
        .post(`/v1/contacts/${id}/erase`)
        .set('X-API-Key', ws.apiKey)
        .set('X-Request-Id', `erase-${deleteFirst}`)
        .expect(200);
      expect(Object.keys(erased.body).sort()).toEqual(['erasedAt', 'id']);
      expect(erased.body.id).toBe(id);
      for (const res of [
        await http().get(`/v1/contacts/${id}`).set('X-API-Key', ws.apiKey),
        await http().get(`/v1/contacts/${id}/history`).set('X-API-Key', ws.apiKey),
        await http().post(`/v1/contacts/${id}/restore`).set('X-API-Key', ws.apiKey),
        await http().post(`/v1/contacts/${id}/erase`).set('X-API-Key', ws.apiKey),
        await http().delete(`/v1/contacts/${id}`).set('X-API-Key', ws.apiKey),
      ]) {
        expectError(res, 404, 'contact_not_found');
      }
      // The tombstone: id, workspace, erasedAt and the request id, nothing personal.
      const [row] = await app
        .get(DataSource)
        .query<Record<string, unknown>[]>(`SELECT * FROM contacts WHERE id = $1`, [id]);
      expect(row).toMatchObject({
        first_name: '',
        last_name: null,
        phone: null,
        email: null,
        company: null,
        job_title: null,
        website: null,
        notes: null,
        tags: [],
        lifecycle: null,
        erase_request_id: `erase-${deleteFirst}`,
      });
      expect((row.erased_at as Date).toISOString()).toBe(erased.body.erasedAt);
    }
    const list = await http().get('/v1/contacts').set('X-API-Key', ws.apiKey).expect(200);
    expect(list.body.total).toBe(0);
  });

  it("emits contact.erased without any personal value, and strips the contact's earlier events", async () => {
    const values = distinctValues();
    const created = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .send(values)
      .expect(201);
    await http()
      .patch(`/v1/contacts/${created.body.id}`)
      .set('X-API-Key', ws.apiKey)
      .send({ notes: 'changed notes' })
      .expect(200);
    await http()
      .post(`/v1/contacts/${created.body.id}/erase`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    const events = await app
      .get(DataSource)
      .query<{ event_name: string; payload: Record<string, unknown> }[]>(
        `SELECT event_name, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY sequence`,
        [created.body.id],
      );
    expect(events.map((e) => e.event_name)).toEqual([
      'contact.created',
      'contact.updated',
      'contact.erased',
    ]);
    expect(Object.keys(events[2].payload).sort()).toEqual(
      [
        'aggregateId',
        'aggregateType',
        'contactId',
        'erasedAt',
        'eventId',
        'eventName',
        'occurredAt',
        'sequence',
        'workspaceId',
      ].sort(),
    );
    const text = JSON.stringify(events);
    for (const value of [
      values.firstName,
      values.phone,
      values.email,
      values.notes,
      'changed notes',
    ]) {
      expect(text).not.toContain(value);
    }
    await drainWorkspace(app, ws.workspace.id); // consumers take the stripped events without failing
  });

  it('every table is accounted for: each module declares what an erasure does to its tables', () => {
    const tables = app
      .get(DataSource)
      .entityMetadatas.map((m) => m.tableName)
      .sort();
    expect(Object.keys(app.get(PersonalDataRegistry).describe()).sort()).toEqual(tables);
  });

  it('the command-line tool erases a contact for an operator without an API key', async () => {
    const created = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .send(distinctValues())
      .expect(201);
    const result = await runCli(
      ['contacts:erase', '--workspace', ws.workspace.slug, created.body.id as string],
      process.env,
    );
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(`Erased contact ${created.body.id}`);
    expectError(
      await http().get(`/v1/contacts/${created.body.id}`).set('X-API-Key', ws.apiKey),
      404,
      'contact_not_found',
    );
    const again = await runCli(
      ['contacts:erase', '--workspace', ws.workspace.slug, created.body.id as string],
      process.env,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Contact not found');
  });

  describeIf(
    process.env.TEST_DATABASE_MODE === 'external',
    'a PostgreSQL server (DATABASE_URL) and pg_dump',
  )('the proof', () => {
    it('after erasure, a full dump of the database holds none of the erased values (nor those of a duplicate merged into it)', async () => {
      const values = distinctValues();
      const created = await http()
        .post('/v1/contacts')
        .set('X-API-Key', ws.apiKey)
        .send(values)
        .expect(201);
      const id = created.body.id as string;
      const texts = [`Hello ${values.firstName}`, `Your order ${values.company}`];
      for (const text of texts) {
        await http()
          .post('/v1/messages')
          .set('X-API-Key', ws.apiKey)
          .send({ phone: values.phone, text })
          .expect(202);
      }
      await http()
        .post('/v1/messages')
        .set('X-API-Key', ws.apiKey)
        .send({ phone: values.additionalPhones[0], text: texts[0] })
        .expect(202);
      await http()
        .patch(`/v1/contacts/${id}`)
        .set('X-API-Key', ws.apiKey)
        .send({ notes: `${values.notes} v2`, tags: [...values.tags, `${values.tags[0]}b`] })
        .expect(200);
      // A duplicate of the same person, with messages of its own, merged into the contact.
      const duplicate = { ...distinctValues(), company: null, jobTitle: null };
      const dup = await http()
        .post('/v1/contacts')
        .set('X-API-Key', ws.apiKey)
        .send(duplicate)
        .expect(201);
      const dupText = `Hi from ${duplicate.firstName}`;
      await http()
        .post('/v1/messages')
        .set('X-API-Key', ws.apiKey)
        .send({ phone: duplicate.phone, text: dupText })
        .expect(202);
      await http()
        .post(`/v1/contacts/${id}/merge`)
        .set('X-API-Key', ws.apiKey)
        .send({ sourceIds: [dup.body.id] })
        .expect(200);
      await drainWorkspace(app, ws.workspace.id); // conversations linked, summaries written, events delivered (retained)
      await http().delete(`/v1/contacts/${id}`).set('X-API-Key', ws.apiKey).expect(204);

      const dump = async () =>
        (
          await promisify(execFile)(
            'pg_dump',
            ['--data-only', '--no-owner', process.env.DATABASE_URL as string],
            { maxBuffer: 1024 * 1024 * 1024 },
          )
        ).stdout;
      const phones = [
        values.phone,
        ...values.additionalPhones,
        duplicate.phone,
        ...duplicate.additionalPhones,
      ];
      const secrets = [
        ...[...Object.values(values), ...Object.values(duplicate)]
          .flat()
          .filter((v): v is string => v !== null),
        ...phones.map((phone) => phone.slice(1)),
        ...texts,
        dupText,
      ];
      const before = await dump();
      for (const secret of secrets) {
        expect({ secret, found: before.includes(secret) }).toEqual({ secret, found: true });
      }

      await http().post(`/v1/contacts/${id}/erase`).set('X-API-Key', ws.apiKey).expect(200);
      await drainWorkspace(app, ws.workspace.id);
      const after = await dump();
      const left = secrets.filter((secret) => after.includes(secret));
      expect(left).toEqual([]);
      expect(after).toContain(id); // the tombstone and the links remain
    }, 60_000);
  });
});
