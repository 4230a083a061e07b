import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createContact } from './factories/contact.factory';
import { createWorkspace, type TestWorkspace } from './factories/workspace.factory';
import { startContactsApp } from './contacts/support';
import { expectError, type HttpResult } from './utils/expect-error';

/**
 * Bodies built to hurt: a huge collection must be refused before any per-element work (and
 * without holding the event loop), and no nesting depth may reach a recursive check.
 *
 * That no element is read is proven without a clock in src/common/validation/input-shape.spec.ts
 * (a proxy counts the reads); here the refusals come from that bound, through the whole stack,
 * while the instance keeps answering. The times are printed, not asserted: on a loaded CI
 * machine this process also runs the client and the probes, and a wall-clock bound flaked.
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

  /** Polls /health/live while `work` runs; returns every probe's status and the slowest, in ms. */
  async function livenessDuring<T>(
    work: Promise<T>,
  ): Promise<{ result: T; worstMs: number; statuses: number[] }> {
    let done = false;
    let worstMs = 0;
    const statuses: number[] = [];
    const prober = (async () => {
      while (!done) {
        const started = performance.now();
        const res = await fetch(`${base}/health/live`);
        await res.text();
        worstMs = Math.max(worstMs, performance.now() - started);
        statuses.push(res.status);
      }
    })();
    const result = await work.finally(() => (done = true));
    await prober;
    return { result, worstMs, statuses };
  }

  const sizeBound = /must (contain|have) no more than \d+ (elements|fields)$/;

  it('refuses ~120,000 distinct tags (about 1 MB) at the size bound, while the instance keeps answering', async () => {
    const tags = Array.from({ length: 120_000 }, (_, i) => i.toString(36));
    const body = JSON.stringify({ firstName: 'Flood', email: 'flood@example.com', tags });
    expect(body.length).toBeGreaterThan(700_000);
    expect(body.length).toBeLessThan(1024 * 1024);

    const { result, worstMs, statuses } = await livenessDuring(send('POST', '/v1/contacts', body));
    const details = expectError(result, 400, 'validation_failed');
    expect(details).toEqual([{ field: 'tags', message: expect.stringMatching(sizeBound) }]);
    console.log(
      `120,000 tags: answered 400 in ${result.ms.toFixed(1)} ms; /health/live worst ${worstMs.toFixed(1)} ms over ${statuses.length} probes`,
    );
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200)).toBe(true);
  });

  it('refuses a large number of tags on update at the same bound, and never checks uniqueness first', async () => {
    const contact = await createContact(app, ws.apiKey);
    const tags = Array.from({ length: 100_000 }, () => 'same');
    const res = await send('PATCH', `/v1/contacts/${contact.id}`, JSON.stringify({ tags }));
    const details = expectError(res, 400, 'validation_failed');
    expect(details.map((d) => d.message)).toEqual([expect.stringMatching(sizeBound)]);
  });

  it('refuses an object with a huge number of fields with one detail, not one per field', async () => {
    const fields = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`f${i}`, 1]));
    const res = await send(
      'POST',
      '/v1/contacts',
      JSON.stringify({ firstName: 'A', email: 'a@b.io', ...fields }),
    );
    const details = expectError(res, 400, 'validation_failed');
    expect(details).toEqual([{ field: 'body', message: expect.stringMatching(sizeBound) }]);
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
