import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createContact, uniqueEmail, uniquePhone } from './factories/contact.factory';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { startContactsApp } from './contacts/support';
import { createApiKey } from './utils/cli';
import { describeIf } from './utils/describe-if';
import { expectError } from './utils/expect-error';
import { freePort } from './utils/free-port';
import { exited, MAIN, waitForOk } from './utils/processes';
import { TcpProxy, postgresTarget, throughProxy } from './utils/tcp-proxy';
import { waitFor } from './utils/wait';

/** SPEC §11: Idempotency-Key on every POST, PATCH and DELETE. */
describe('idempotency keys', () => {
  let app: NestFastifyApplication;
  let ws: TestWorkspace;
  let db: DataSource;
  const http = () => request(app.getHttpServer());
  const key = () => `key-${randomUUID()}`;
  const contactsWithEmail = async (email: string) =>
    Number(
      (
        await db.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM contacts WHERE workspace_id = $1 AND email = $2`,
          [ws.workspace.id, email],
        )
      )[0].n,
    );

  beforeAll(async () => {
    app = await startContactsApp();
    db = app.get(DataSource);
  });
  beforeEach(async () => {
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  it('a retried create replays the first answer (status, body, Location, ETag) and creates nothing more', async () => {
    const k = key();
    const body = { firstName: 'Ida', email: uniqueEmail() };
    const first = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .set('Idempotency-Key', k)
      .send(body)
      .expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .set('Idempotency-Key', k)
      .send(body)
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect([again.headers.location, again.headers.etag]).toEqual([
      first.headers.location,
      first.headers.etag,
    ]);
    // The same fields in another order are the same request.
    const reordered = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .set('Idempotency-Key', k)
      .send({ email: body.email, firstName: 'Ida' });
    expect([reordered.status, reordered.body.id]).toEqual([201, first.body.id]);
    expect(await contactsWithEmail(body.email)).toBe(1);
    // Without the key, the same body is a new request: a duplicate.
    expectError(
      await http().post('/v1/contacts').set('X-API-Key', ws.apiKey).send(body),
      409,
      'contact_exists',
    );
  });

  it('the same key for another request is 422 idempotency_key_reused; keys are per workspace', async () => {
    const k = key();
    await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .set('Idempotency-Key', k)
      .send({ firstName: 'A', email: uniqueEmail() })
      .expect(201);
    expectError(
      await http()
        .post('/v1/contacts')
        .set('X-API-Key', ws.apiKey)
        .set('Idempotency-Key', k)
        .send({ firstName: 'B', email: uniqueEmail() }),
      422,
      'idempotency_key_reused',
    );
    const contact = await createContact(app, ws.apiKey);
    expectError(
      await http()
        .patch(`/v1/contacts/${contact.id}`)
        .set('X-API-Key', ws.apiKey)
        .set('Idempotency-Key', k)
        .send({ firstName: 'A' }),
      422,
      'idempotency_key_reused',
    );
    const other = await createWorkspace(app);
    await http()
      .post('/v1/contacts')
      .set('X-API-Key', other.apiKey)
      .set('Idempotency-Key', k)
      .send({ firstName: 'B', email: uniqueEmail() })
      .expect(201);
  });

  it('the same create sent at once with one key: one contact, the others in use (409, Retry-After) or replayed', async () => {
    for (let round = 0; round < 3; round++) {
      const k = key();
      const body = { firstName: 'Twin', email: uniqueEmail(), phone: uniquePhone() };
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          http()
            .post('/v1/contacts')
            .set('X-API-Key', ws.apiKey)
            .set('Idempotency-Key', k)
            .send(body),
        ),
      );
      const created = answers.filter((r) => r.status === 201);
      expect(created.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
      expect(new Set(created.map((r) => r.body.id as string)).size).toBe(1);
      for (const res of answers.filter((r) => r.status !== 201)) {
        expectError(res, 409, 'idempotency_key_in_use');
        expect(res.headers['retry-after']).toBe('1');
      }
      expect(await contactsWithEmail(body.email)).toBe(1);
    }
  });

  it('every write route replays its first answer and does not write again', async () => {
    const k = () => ({ 'Idempotency-Key': key(), 'X-API-Key': ws.apiKey });
    const twice = async (send: (headers: Record<string, string>) => request.Test) => {
      const headers = k();
      const first = await send(headers);
      const second = await send(headers);
      expect({
        status: second.status,
        body: second.body,
        replayed: second.headers['idempotent-replayed'],
      }).toEqual({
        status: first.status,
        body: first.body,
        replayed: 'true',
      });
      expect(second.headers.etag).toBe(first.headers.etag);
      return first;
    };
    const contact = await createContact(app, ws.apiKey);
    const patched = await twice((h) =>
      http().patch(`/v1/contacts/${contact.id}`).set(h).send({ company: 'Once' }),
    );
    expect([patched.status, patched.body.company, patched.headers.etag]).toEqual([
      200,
      'Once',
      '"2"',
    ]);
    expect(
      (await http().get(`/v1/contacts/${contact.id}`).set('X-API-Key', ws.apiKey)).headers.etag,
    ).toBe('"2"'); // one write

    const deleted = await twice((h) => http().delete(`/v1/contacts/${contact.id}`).set(h));
    expect(deleted.status).toBe(204);
    const restored = await twice((h) => http().post(`/v1/contacts/${contact.id}/restore`).set(h));
    expect([restored.status, restored.body.id]).toEqual([200, contact.id]);

    const source = await createContact(app, ws.apiKey);
    // A dry run writes nothing: its answer is stored once the route has given it.
    const dry = await twice((h) =>
      http()
        .post(`/v1/contacts/${contact.id}/merge`)
        .set(h)
        .send({ sourceIds: [source.id], dryRun: true }),
    );
    expect([dry.status, dry.body.dryRun]).toEqual([200, true]);
    const merged = await twice((h) =>
      http()
        .post(`/v1/contacts/${contact.id}/merge`)
        .set(h)
        .send({ sourceIds: [source.id] }),
    );
    expect([merged.status, merged.body.dryRun, merged.body.sourceIds]).toEqual([
      200,
      false,
      [source.id],
    ]);

    const sent = await twice((h) =>
      http().post('/v1/messages').set(h).send({ phone: contact.phone, text: 'just once' }),
    );
    expect([sent.status, sent.body.status]).toEqual([202, 'sent']); // the provider's status, stored after it answered
    const [{ n }] = await db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM messages WHERE workspace_id = $1 AND text = 'just once'`,
      [ws.workspace.id],
    );
    expect(Number(n)).toBe(1);

    const erased = await twice((h) => http().post(`/v1/contacts/${contact.id}/erase`).set(h));
    expect([erased.status, erased.body.id]).toEqual([200, contact.id]);
  });

  it('a request that fails before writing frees its key: the retry runs again', async () => {
    const taken = await createContact(app, ws.apiKey);
    const k = key();
    const body = { firstName: 'Late', email: taken.email };
    expectError(
      await http()
        .post('/v1/contacts')
        .set('X-API-Key', ws.apiKey)
        .set('Idempotency-Key', k)
        .send(body),
      409,
      'contact_exists',
    );
    await http().delete(`/v1/contacts/${taken.id}`).set('X-API-Key', ws.apiKey).expect(204);
    const retried = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .set('Idempotency-Key', k)
      .send(body)
      .expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key with 400, and a key is kept 24 hours then purged', async () => {
    for (const bad of ['', 'x'.repeat(256), 'has space', 'clé']) {
      const res = await http()
        .post('/v1/contacts')
        .set('X-API-Key', ws.apiKey)
        .set('Idempotency-Key', bad)
        .send({ firstName: 'A', email: uniqueEmail() });
      expect(expectError(res, 400, 'validation_failed')[0]).toMatchObject({
        field: 'Idempotency-Key',
      });
    }
    await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .set('Idempotency-Key', 'x'.repeat(255))
      .send({ firstName: 'A', email: uniqueEmail() })
      .expect(201);

    const k = key();
    const body = { firstName: 'Old', email: uniqueEmail() };
    const first = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .set('Idempotency-Key', k)
      .send(body)
      .expect(201);
    const [{ hours }] = await db.query<{ hours: number }[]>(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 3600) AS hours FROM idempotency_keys WHERE workspace_id = $1 AND key = $2`,
      [ws.workspace.id, k],
    );
    expect(Number(hours)).toBe(24);
    await db.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE workspace_id = $1 AND key = $2`,
      [ws.workspace.id, k],
    );
    const { IdempotencyPurge } = await import('../src/idempotency/idempotency-purge');
    expect(await app.get(IdempotencyPurge).run()).toBeGreaterThanOrEqual(1);
    // Expired: the key is new again, so the same body is a new create (a duplicate by now).
    const again = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .set('Idempotency-Key', k)
      .send(body);
    expect(expectError(again, 409, 'contact_exists')[0]).toMatchObject({
      contactId: first.body.id,
    });
  });

  it('an erasure turns stored answers naming the contact into 404: a replay reveals nothing', async () => {
    const k = key();
    const body = { firstName: 'Secretive', email: uniqueEmail() };
    const created = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .set('Idempotency-Key', k)
      .send(body)
      .expect(201);
    await http()
      .post(`/v1/contacts/${created.body.id as string}/erase`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    const replay = await http()
      .post('/v1/contacts')
      .set('X-API-Key', ws.apiKey)
      .set('Idempotency-Key', k)
      .send(body);
    expectError(replay, 404, 'contact_not_found');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const [row] = await db.query<{ stored: string }[]>(
      `SELECT response_body::text AS stored FROM idempotency_keys WHERE workspace_id = $1 AND key = $2`,
      [ws.workspace.id, k],
    );
    expect(row.stored).not.toContain('Secretive');
    expect(await contactsWithEmail(body.email)).toBe(0);
  });

  it("an erasure removes the contact from a stored batch answer, the other items' results kept", async () => {
    const k = key();
    const body = {
      mode: 'create',
      items: [
        { firstName: 'Kept', email: uniqueEmail() },
        { firstName: 'Secretive', email: uniqueEmail() },
      ],
    };
    const first = await http()
      .post('/v1/contacts/batch')
      .set('X-API-Key', ws.apiKey)
      .set('Idempotency-Key', k)
      .send(body)
      .expect(207);
    const [kept, erased] = (first.body as { results: { contact: { id: string } }[] }).results;
    await http()
      .post(`/v1/contacts/${erased.contact.id}/erase`)
      .set('X-API-Key', ws.apiKey)
      .expect(200);
    const replay = await http()
      .post('/v1/contacts/batch')
      .set('X-API-Key', ws.apiKey)
      .set('Idempotency-Key', k)
      .send(body)
      .expect(207);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const results = (
      replay.body as {
        results: { index: number; status: number; contact?: unknown; error?: { code: string } }[];
      }
    ).results;
    expect(results[0]).toEqual(kept);
    expect(results[1]).toMatchObject({
      index: 1,
      status: 404,
      error: { code: 'contact_not_found', requestId: replay.headers['x-request-id'] },
    });
    expect(results[1].contact).toBeUndefined();
    expect(JSON.stringify(replay.body)).not.toContain('Secretive');
  });

  describeIf(
    process.env.TEST_DATABASE_MODE === 'external',
    'a PostgreSQL server (DATABASE_URL) to put a proxy in front of',
  )('an instance that dies between its commit and its answer', () => {
    const children: ChildProcess[] = [];
    afterAll(() => {
      for (const child of children) child.kill('SIGKILL');
    });

    it('is retried on another instance: one contact, the first answer replayed', async () => {
      const env = {
        ...process.env,
        LOG_LEVEL: 'error',
        REDIS_URL: '',
        OUTBOX_DISPATCH: 'false',
        RETENTION_JOBS: 'false',
      };
      const proxy = await new TcpProxy(postgresTarget(process.env.DATABASE_URL as string)).start();
      const start = async (databaseUrl: string) => {
        const port = await freePort();
        const child = spawn(process.execPath, [MAIN], {
          env: { ...env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' },
          stdio: 'ignore',
        });
        children.push(child);
        await waitForOk(`http://127.0.0.1:${port}/health/ready`);
        return { child, base: `http://127.0.0.1:${port}` };
      };
      try {
        const { key: apiKey } = await createApiKey(
          [
            '--workspace',
            `idem-${randomUUID().slice(0, 8)}`,
            '--scopes',
            'read:contacts,write:contacts',
          ],
          env,
        );
        const doomed = await start(throughProxy(process.env.DATABASE_URL as string, proxy.port));
        const headers = {
          'x-api-key': apiKey,
          'content-type': 'application/json',
          'idempotency-key': key(),
        };
        await fetch(`${doomed.base}/v1/contacts?limit=1`, { headers }); // the key's first use is behind us
        const body = JSON.stringify({ firstName: 'Phoenix', email: uniqueEmail() });

        const committed = proxy.holdAfterCommitOf('INSERT INTO "contacts"');
        const answer = fetch(`${doomed.base}/v1/contacts`, { method: 'POST', headers, body }).then(
          (res) => res.status,
          () => 'no answer',
        );
        await committed;
        // The database has the contact; the service has not heard its commit, and dies.
        const direct = new Client({ connectionString: process.env.DATABASE_URL });
        await direct.connect();
        const email = (JSON.parse(body) as { email: string }).email;
        const count = async () =>
          Number(
            (
              await direct.query<{ n: string }>(
                `SELECT count(*) AS n FROM contacts WHERE email = $1`,
                [email],
              )
            ).rows[0].n,
          );
        try {
          await waitFor(async () => (await count()) === 1, { what: 'the create to be committed' });
          doomed.child.kill('SIGKILL');
          await exited(doomed.child);
          expect(await answer).toBe('no answer');

          const survivor = await start(process.env.DATABASE_URL as string);
          const retry = await fetch(`${survivor.base}/v1/contacts`, {
            method: 'POST',
            headers,
            body,
          });
          expect(retry.status).toBe(201);
          expect(retry.headers.get('idempotent-replayed')).toBe('true');
          const replayed = (await retry.json()) as { id: string; firstName: string };
          expect(replayed.firstName).toBe('Phoenix');
          expect(retry.headers.get('location')).toBe(`/v1/contacts/${replayed.id}`);
          expect(await count()).toBe(1);
        } finally {
          await direct.end();
        }
      } finally {
        await proxy.stop();
      }
    }, 90_000);
  });
});
