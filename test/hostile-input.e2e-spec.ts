import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createContact } from './factories/contact.factory';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { startContactsApp } from './contacts/support';
import { expectError, type HttpResult } from './utils/expect-error';

/**
 * Bodies built to hurt: a huge collection must be refused before any per-element work (and
 * without holding the event loop), and no nesting depth may reach a recursive check.
 */
describe('hostile request bodies', () => {
  let app: NestFastifyApplication;
  let base: string;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await startContactsApp();
    base = await app.getUrl();
    ws = await createWorkspace(app);
  });
  afterAll(() => app.close());

  async function send(
    method: string,
    path: string,
    body: string,
  ): Promise<HttpResult & { ms: number }> {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'x-api-key': ws.apiKey, 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: Object.fromEntries(res.headers),
      body: JSON.parse(text) as unknown,
      ms: performance.now() - started,
    };
  }

  /** Polls /health/live while `work` runs; returns the slowest answer seen, in ms. */
  async function worstLivenessDuring<T>(
    work: Promise<T>,
  ): Promise<{ result: T; worstMs: number; probes: number }> {
    let done = false;
    let worstMs = 0;
    let probes = 0;
    const prober = (async () => {
      while (!done) {
        const started = performance.now();
        await fetch(`${base}/health/live`).then((r) => r.text());
        worstMs = Math.max(worstMs, performance.now() - started);
        probes++;
      }
    })();
    const result = await work.finally(() => (done = true));
    await prober;
    return { result, worstMs, probes };
  }

  it('refuses ~120,000 distinct tags (about 1 MB) in milliseconds, while the instance keeps answering', async () => {
    const tags = Array.from({ length: 120_000 }, (_, i) => i.toString(36));
    const body = JSON.stringify({ firstName: 'Flood', email: 'flood@example.com', tags });
    expect(body.length).toBeGreaterThan(700_000);
    expect(body.length).toBeLessThan(1024 * 1024);

    const { result, worstMs, probes } = await worstLivenessDuring(
      send('POST', '/v1/contacts', body),
    );
    const details = expectError(result, 400, 'validation_failed');
    expect(details).toEqual([expect.objectContaining({ field: 'tags' })]);
    console.log(
      `120,000 tags: answered 400 in ${result.ms.toFixed(1)} ms; /health/live worst ${worstMs.toFixed(1)} ms over ${probes} probes`,
    );
    expect(result.ms).toBeLessThan(1000);
    expect(worstMs).toBeLessThan(1000);
  });

  it('refuses a large number of tags on update just as fast, and never checks uniqueness first', async () => {
    const contact = await createContact(app, ws.apiKey);
    const tags = Array.from({ length: 100_000 }, () => 'same');
    const res = await send('PATCH', `/v1/contacts/${contact.id}`, JSON.stringify({ tags }));
    const details = expectError(res, 400, 'validation_failed');
    expect(details.map((d) => d.message)).toEqual([expect.stringMatching(/no more than/)]);
    expect(res.ms).toBeLessThan(1000);
  });

  it('refuses an object with a huge number of fields with one detail, not one per field', async () => {
    const fields = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`f${i}`, 1]));
    const res = await send(
      'POST',
      '/v1/contacts',
      JSON.stringify({ firstName: 'A', email: 'a@b.io', ...fields }),
    );
    const details = expectError(res, 400, 'validation_failed');
    expect(details).toHaveLength(1);
    expect(res.ms).toBeLessThan(1000);
  });

  it.each([
    ['arrays', (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`],
    ['objects', (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`],
  ])(
    'answers deeply nested %s with a 400 in the error shape, on create and update',
    async (_kind, nested) => {
      const contact = await createContact(app, ws.apiKey);
      for (const depth of [20, 100_000]) {
        const created = await send(
          'POST',
          '/v1/contacts',
          `{"firstName":"Deep","email":"deep@example.com","notes":${nested(depth)}}`,
        );
        expect(expectError(created, 400, 'validation_failed')).toEqual([
          expect.objectContaining({ field: expect.stringMatching(/^notes/) }),
        ]);
        const updated = await send(
          'PATCH',
          `/v1/contacts/${contact.id}`,
          `{"company":${nested(depth)}}`,
        );
        expect(expectError(updated, 400, 'validation_failed')).toEqual([
          expect.objectContaining({ field: expect.stringMatching(/^company/) }),
        ]);
      }
      // The instance is unharmed.
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
    },
  );
});
