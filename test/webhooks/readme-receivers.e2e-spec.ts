import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher';
import { createContact } from '../factories/contact.factory';
import { createWorkspace } from '../factories/workspace.factory';
import { GENEROUS_RATE_LIMITS } from '../contacts/support';
import { createTestApp } from '../utils/create-test-app';
import { freePort } from '../utils/free-port';
import { drainWorkspace } from '../utils/outbox';
import { waitFor } from '../utils/wait';

const ROOT = resolve(__dirname, '../..');

/** The code block that follows `<!-- receiver:<name> -->` in the README, as written there. */
function readmeExample(name: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const match = new RegExp(`<!-- receiver:${name} -->\\n+\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(
    readme,
  );
  if (!match) throw new Error(`README has no receiver:${name} example`);
  return match[1];
}

/** The README's webhook receivers, run as written against the service's real webhooks. */
describe('the README webhook receivers', () => {
  let app: NestFastifyApplication;
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    app = await createTestApp({ ...GENEROUS_RATE_LIMITS, WEBHOOKS_ALLOW_PRIVATE: 'true' });
    await app.listen(0, '127.0.0.1');
    // Inside node_modules, so that `import 'standardwebhooks'` resolves as it would in a user's project.
    mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
    dir = mkdtempSync(join(ROOT, 'node_modules/.cache/readme-receivers-'));
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    await app.close();
  });

  it.each([
    ['node', 'receiver.mjs', process.execPath],
    ['python', 'receiver.py', 'python3'],
  ])(
    'the %s receiver verifies and prints each event, and refuses a forged one',
    async (name, file, runtime) => {
      const ws = await createWorkspace(app);
      const api = (path: string) =>
        request(app.getHttpServer()).post(path).set('X-API-Key', ws.apiKey);
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/`;
      const { body: endpoint } = await api('/v1/webhooks')
        .send({ url, events: ['contact.created'] })
        .expect(201);

      writeFileSync(join(dir, file), readmeExample(name));
      const child = spawn(runtime, [join(dir, file)], {
        env: {
          ...process.env,
          PORT: String(port),
          SAFRAVO_WEBHOOK_SECRET: endpoint.secret as string,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await waitFor(
        async () => {
          try {
            await fetch(url, { method: 'POST', body: '{}' });
            return true;
          } catch {
            return false;
          }
        },
        { what: `the ${name} receiver to listen`, timeoutMs: 15_000 },
      );

      const contact = await createContact(app, ws.apiKey);
      await drainWorkspace(app, ws.workspace.id);
      await app.get(WebhookDispatcher).drain({ workspaceId: ws.workspace.id });
      await waitFor(() => output.includes(`contact.created ${contact.id}`), {
        what: `the ${name} receiver to print the event (output: ${output})`,
      });
      const log = await request(app.getHttpServer())
        .get(`/v1/webhooks/${endpoint.id as string}/deliveries`)
        .set('X-API-Key', ws.apiKey)
        .expect(200);
      expect(log.body.items[0]).toMatchObject({ status: 'delivered', lastStatusCode: 204 });

      // A request signed with another secret, or not at all, is refused.
      const forged = await fetch(url, {
        method: 'POST',
        headers: {
          'webhook-id': 'msg_forged',
          'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
          'webhook-signature': 'v1,AAAA',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ type: 'contact.created', data: { contactId: 'x' } }),
      });
      expect(forged.status).toBe(400);
    },
  );
});
