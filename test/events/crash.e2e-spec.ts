import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApiKey } from '../utils/cli';
import { ownDatabase } from '../utils/own-database';
import { freePort } from '../utils/free-port';
import { exited, MAIN, waitForOk } from '../utils/processes';
import { waitFor } from '../utils/wait';

/**
 * Crash safety of the outbox (SPEC §6, §7): the service is killed with SIGKILL in the middle of
 * a burst of messages and renames, started again, and once its outbox has drained every
 * conversation and message has a contact and every summary matches its contact.
 */
describe('crash safety (kill -9 mid-burst)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let databaseUrl: string;
  let dropDatabase: () => Promise<unknown> = () => Promise.resolve();
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'safravo-crash-'));
    const database = await ownDatabase('safravo_crash', dir);
    databaseUrl = database.url;
    dropDatabase = database.drop;
    env = {
      ...process.env,
      LOG_LEVEL: 'error',
      REDIS_URL: '',
      OUTBOX_LEASE_MS: '1500',
      OUTBOX_POLL_MS: '200',
      OUTBOX_DISPATCH: 'true',
      RATE_LIMIT_CONTACTS_UPDATE: '100000',
      RATE_LIMIT_DEFAULT: '100000',
      RATE_LIMIT_CONTACTS_LIST: '100000',
      ...database.env,
    };
  }, 60_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await dropDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (): Promise<{ child: ChildProcess; port: number }> => {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: 'ignore',
    });
    children.push(child);
    await waitForOk(`http://127.0.0.1:${port}/health/ready`);
    return { child, port };
  };

  it('leaves every conversation and message linked and every summary current once drained', async () => {
    const { key } = await createApiKey(
      [
        '--workspace',
        'crash',
        '--scopes',
        'read:contacts,write:contacts,write:messages,read:conversations',
      ],
      env,
    );
    const headers = { 'x-api-key': key, 'content-type': 'application/json' };

    const first = await start();
    const base = `http://127.0.0.1:${first.port}`;
    const phones = Array.from(
      { length: 15 },
      (_, i) => `+2547${String(20_000_000 + i * 7919).padStart(8, '0')}`,
    );
    const contactIds = new Set<string>();
    let accepted = 0;
    let renamed = 0;
    let stop = false;

    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const phone = phones[(w * 7 + i) % phones.length];
          const sent = await fetch(`${base}/v1/messages`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ phone, text: `w${w} m${i}` }),
          });
          if (sent.status === 202) {
            accepted++;
            contactIds.add(((await sent.json()) as { contactId: string }).contactId);
          }
          const ids = [...contactIds];
          if (ids.length > 0) {
            const id = ids[(w + i) % ids.length];
            const res = await fetch(`${base}/v1/contacts/${id}`, {
              method: 'PATCH',
              headers,
              body: JSON.stringify({ firstName: `Name ${w}-${i}`, lastName: i % 2 ? 'Odd' : null }),
            });
            if (res.status === 200) renamed++;
          }
        } catch {
          return; // the service is gone
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => worker(w));
    // Killed in the middle of the burst: once messages and renames are being accepted (and so
    // are events being written and delivered), not after a guessed time.
    await waitFor(() => accepted > 40 && renamed > 20, {
      what: 'the burst to be under way (more than 40 messages and 20 renames accepted)',
      timeoutMs: 30_000,
      intervalMs: 10,
    });
    const killed = exited(first.child);
    first.child.kill('SIGKILL');
    await killed;
    stop = true;
    await Promise.all(workers);

    await start();
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const count = async (sql: string): Promise<number> =>
        Number((await db.query<{ n: string }>(sql)).rows[0].n);
      await waitFor(
        async () =>
          (await count(`SELECT count(*) AS n FROM outbox_deliveries WHERE status = 'pending'`)) ===
          0,
        { what: 'the restarted service to drain its outbox', timeoutMs: 30_000, intervalMs: 200 },
      );
      expect(
        await count(`SELECT count(*) AS n FROM outbox_deliveries WHERE status <> 'delivered'`),
      ).toBe(0);
      expect(await count('SELECT count(*) AS n FROM messages')).toBeGreaterThan(10);
      expect(await count('SELECT count(*) AS n FROM conversations WHERE contact_id IS NULL')).toBe(
        0,
      );
      expect(await count('SELECT count(*) AS n FROM messages WHERE contact_id IS NULL')).toBe(0);
      expect(
        await count(`SELECT count(*) AS n FROM conversations c JOIN contacts k ON k.id = c.contact_id
                      WHERE c.contact_summary IS DISTINCT FROM jsonb_build_object(
                        'id', k.id, 'fullName', btrim(k.first_name || ' ' || coalesce(k.last_name, '')),
                        'phone', k.phone, 'email', k.email, 'state', 'active')`),
      ).toBe(0);
      // Every message sits in the conversation of its contact's address.
      expect(
        await count(`SELECT count(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id
                      WHERE m.contact_id IS DISTINCT FROM c.contact_id`),
      ).toBe(0);
    } finally {
      await db.end();
    }
  }, 120_000);
});
