import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { ApiKeysService, AUTH_CACHE_TTL_MS } from '../src/api-keys/api-keys.service';
import { WorkspacesService } from '../src/workspaces/workspaces.service';
import { type CliResult, createApiKey, runCli } from './utils/cli';
import { createTestApp } from './utils/create-test-app';
import { newEmbeddedDataDir } from './utils/embedded-template';
import { freePort } from './utils/free-port';
import { MAIN, stopProcess } from './utils/processes';
import { waitFor } from './utils/wait';

/**
 * `npm run -s seed:demo`: the compiled CLI in a child process, as a newcomer runs it, on a fresh
 * embedded database (DATABASE_URL unset) and on the suite's database through DATABASE_URL. What
 * it says it made is checked through the API.
 */

jest.setTimeout(180_000);

interface Counts {
  contacts: number;
  conversations: number;
  messages: number;
}

/** The counts of the line `... N contacts, N conversations and N messages` of its output. */
function countsOf(out: CliResult): Counts {
  const match = / (\d+) contacts, (\d+) conversations and (\d+) messages/.exec(out.stdout);
  if (!match) {
    throw new Error(`no counts in the output of seed:demo:\n${out.stdout}\n${out.stderr}`);
  }
  return {
    contacts: Number(match[1]),
    conversations: Number(match[2]),
    messages: Number(match[3]),
  };
}

/** The worker's environment for a child, minus what points at the suite's database. */
function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...overrides };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'TEST_DATABASE_MODE', 'NODE_OPTIONS']) {
    if (!(name in overrides)) delete env[name];
  }
  return env;
}

async function seed(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const out = await runCli(['seed:demo', ...args], env, 150_000);
  if (out.code !== 0) {
    throw new Error(`seed:demo exited ${out.code}\n${out.stdout}\n${out.stderr}`);
  }
  return out;
}

/** `GET path` with the key: the JSON body of a 200. */
async function get(base: string, path: string, key: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, { headers: { 'X-API-Key': key } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

describe('seed:demo on a fresh embedded database', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let service: ChildProcess | undefined;
  let base: string;
  let first: Counts;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'safravo-seed-'));
    await newEmbeddedDataDir(join(dir, 'pglite')); // a new database's files (initdb takes seconds)
    env = childEnv({ EMBEDDED_DB_DIR: join(dir, 'pglite') });
  });
  afterAll(async () => {
    if (service) await stopProcess(service, 15_000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills the workspace demo, says what it made and how to get a key and a dashboard link', async () => {
    const out = await seed([], env);
    expect(out.stdout).toMatch(/^Seeded workspace demo \(default country KE\)/m);
    first = countsOf(out);
    expect(first.contacts).toBeGreaterThanOrEqual(300);
    expect(first.conversations).toBeGreaterThanOrEqual(100);
    expect(first.messages).toBeGreaterThan(first.conversations);
    expect(out.stdout).toContain('npm run -s cli -- api-keys:create --workspace demo --scopes');
    expect(out.stdout).toContain('npm run -s cli -- dashboard:link --workspace demo');
    expect(out.stderr).toBe('');
  });

  it('run again, leaves the workspace as it is and says so', async () => {
    const out = await seed([], env);
    expect(out.stdout).toMatch(/^Workspace demo already has .*: nothing seeded/m);
    expect(countsOf(out)).toEqual(first);
  });

  it('the service on the same database serves what it said it made, with history, and the CLI links the dashboard', async () => {
    const { key } = await createApiKey(
      ['--workspace', 'demo', '--scopes', 'read:contacts,read:conversations'],
      env,
    );
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = spawn(process.execPath, [MAIN], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: 'ignore',
    });
    await waitFor(
      async () => {
        try {
          return (await fetch(`${base}/health/ready`)).status === 200;
        } catch {
          return false; // not listening yet
        }
      },
      { what: 'the service to be ready', timeoutMs: 60_000, intervalMs: 250 },
    );

    expect((await get(base, '/v1/contacts?limit=100', key)).total).toBe(first.contacts);
    const conversations = await get(base, '/v1/conversations?limit=100', key);
    expect(conversations.total).toBe(first.conversations);
    let messages = 0;
    for (let page = 1; page <= Number(conversations.totalPages); page++) {
      const list = await get(base, `/v1/conversations?limit=100&page=${page}`, key);
      for (const { id } of list.items as { id: string }[]) {
        messages += Number(
          (await get(base, `/v1/conversations/${id}/messages?limit=1`, key)).total,
        );
      }
    }
    expect(messages).toBe(first.messages);

    // Realistic data: Kenyan numbers (written at home as 07..., stored in E.164) and others.
    const kenyans = await get(base, '/v1/contacts?search=%2B2547&limit=100', key);
    expect(Number(kenyans.total)).toBeGreaterThan(50);
    const items = (await get(base, '/v1/contacts?limit=100', key)).items as {
      id: string;
      phone: string | null;
      email: string | null;
    }[];
    const codes = new Set(
      items.map((c) => /^\+(1|2[0-9]{1,2}|4[0-9]|9[0-9])/.exec(c.phone ?? '')?.[1]),
    );
    expect(codes.size).toBeGreaterThanOrEqual(5);
    expect(items.some((c) => c.email?.endsWith('.example'))).toBe(true);
    // Every change went through the service: each contact has its history, some more than creation.
    const histories = await Promise.all(
      items
        .slice(0, 40)
        .map(
          async (c) => (await get(base, `/v1/contacts/${c.id}/history`, key)).items as unknown[],
        ),
    );
    expect(histories.every((h) => h.length >= 1)).toBe(true);
    expect(histories.some((h) => h.length >= 2)).toBe(true);

    const link = await runCli(['dashboard:link', '--workspace', 'demo'], env);
    expect(link.code).toBe(0);
    expect(link.stdout).toMatch(/^http:\/\/\S+\/demo\/sign-in\S*$/m);
  });

  it('--reset while the service runs deletes the workspace with its keys and seeds the same data again', async () => {
    const { key } = await createApiKey(['--workspace', 'demo', '--scopes', 'read:contacts'], env);
    const out = await seed(['--reset'], env);
    expect(out.stdout).toContain(
      `Deleted workspace demo with everything in it (${first.contacts} contacts).`,
    );
    expect(countsOf(out)).toEqual(first);
    // The old key went with the workspace (a running instance caches keys for a few seconds).
    await waitFor(
      async () =>
        (await fetch(`${base}/v1/contacts`, { headers: { 'X-API-Key': key } })).status === 401,
      {
        what: 'the deleted workspace key to be refused',
        timeoutMs: AUTH_CACHE_TTL_MS + 5_000,
        intervalMs: 250,
      },
    );
  });
});

describe('seed:demo on DATABASE_URL', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('seeds another workspace of the suite database, which the API then serves', async () => {
    const slug = `demo-${randomUUID().slice(0, 8)}`;
    const env = childEnv({
      DATABASE_URL: process.env.DATABASE_URL as string,
      MIGRATIONS_RUN: 'false',
    });
    const out = await seed(['--workspace', slug, '--contacts', '20'], env);
    const counts = countsOf(out);
    expect(counts.contacts).toBeGreaterThanOrEqual(20);
    expect(out.stdout).toContain(`npm run -s seed:demo -- --workspace ${slug} --reset`);

    const workspace = await app.get(WorkspacesService).findBySlug(slug);
    expect(workspace?.defaultCountry).toBe('KE');
    const { key } = await app
      .get(ApiKeysService)
      .create({ workspaceSlug: slug, scopes: ['read:contacts', 'read:conversations'] });
    const contacts = await request(app.getHttpServer())
      .get('/v1/contacts')
      .set('X-API-Key', key)
      .expect(200);
    expect(contacts.body.total).toBe(counts.contacts);
    const conversations = await request(app.getHttpServer())
      .get('/v1/conversations')
      .set('X-API-Key', key)
      .expect(200);
    expect(conversations.body.total).toBe(counts.conversations);
  });
});
