import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApiKey } from '../utils/cli';
import { describeIf } from '../utils/describe-if';
import { freePort } from '../utils/free-port';
import { NATS_URL, workspaceMessages } from '../utils/nats';
import { ownDatabase, type OwnDatabase } from '../utils/own-database';
import { exited, MAIN, waitForOk } from '../utils/processes';
import { Receiver } from '../utils/receiver';
import { waitFor } from '../utils/wait';

/** Sequences in the order they were seen, per contact, first sighting of each event only. */
function firstSightings(
  seen: { id: string; contactId: string; sequence: number }[],
): Map<string, number[]> {
  const done = new Set<string>();
  const byContact = new Map<string, number[]>();
  for (const { id, contactId, sequence } of seen) {
    if (done.has(id)) continue;
    done.add(id);
    byContact.set(contactId, [...(byContact.get(contactId) ?? []), sequence]);
  }
  return byContact;
}

const ascending = (values: number[]): boolean =>
  values.every((v, i) => i === 0 || v > values[i - 1]);

/**
 * SPEC §12 under a crash: the service is killed with SIGKILL in the middle of a burst of writes
 * and started again. Every event committed reaches the webhook at least once and the NATS stream
 * exactly once, each contact's events in order in both.
 */
describeIf(Boolean(NATS_URL), 'NATS with JetStream (set NATS_URL)')(
  'events to the outside world (kill -9 mid-burst)',
  () => {
    let dir: string;
    let database: OwnDatabase;
    let env: NodeJS.ProcessEnv;
    let receiver: Receiver;
    const children: ChildProcess[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'safravo-outside-'));
      database = await ownDatabase('safravo_outside', dir);
      receiver = await new Receiver().start();
      env = {
        ...process.env,
        ...database.env,
        LOG_LEVEL: 'error',
        REDIS_URL: '',
        NATS_URL,
        OUTBOX_DISPATCH: 'true',
        OUTBOX_LEASE_MS: '1500',
        OUTBOX_POLL_MS: '200',
        WEBHOOK_DISPATCH: 'true',
        WEBHOOK_POLL_MS: '200',
        WEBHOOK_TIMEOUT_MS: '1000',
        WEBHOOKS_ALLOW_PRIVATE: 'true',
        RATE_LIMIT_CONTACTS_CREATE: '100000',
        RATE_LIMIT_CONTACTS_UPDATE: '100000',
        RATE_LIMIT_DEFAULT: '100000',
      };
    }, 60_000);

    afterAll(async () => {
      for (const child of children) child.kill('SIGKILL');
      await receiver.stop();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    const start = async (): Promise<{ child: ChildProcess; base: string }> => {
      const port = await freePort();
      const child = spawn(process.execPath, [MAIN], {
        env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: 'ignore',
      });
      children.push(child);
      await waitForOk(`http://127.0.0.1:${port}/health/ready`);
      return { child, base: `http://127.0.0.1:${port}` };
    };

    it('delivers every committed event to the webhook at least once and to the stream exactly once, in per-contact order', async () => {
      const { key } = await createApiKey(
        ['--workspace', 'outside', '--scopes', 'read:contacts,write:contacts,manage:webhooks'],
        env,
      );
      const headers = { 'x-api-key': key, 'content-type': 'application/json' };
      const first = await start();
      const hook = await fetch(`${first.base}/v1/webhooks`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ url: receiver.url, events: ['*'] }),
      });
      expect(hook.status).toBe(201);

      let written = 0;
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          try {
            const created = await fetch(`${first.base}/v1/contacts`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ firstName: `W${w}`, email: `w${w}.${i}@outside.example` }),
            });
            if (created.status !== 201) continue;
            written++;
            const { id } = (await created.json()) as { id: string };
            for (let u = 1; u <= 3 && !stop; u++) {
              const res = await fetch(`${first.base}/v1/contacts/${id}`, {
                method: 'PATCH',
                headers,
                body: JSON.stringify({ company: `C${u}` }),
              });
              if (res.status === 200) written++;
            }
          } catch {
            return; // the service is gone
          }
        }
      };
      const workers = Array.from({ length: 4 }, (_, w) => worker(w));
      // Killed while events are being written, fanned out, sent and published.
      await waitFor(() => written > 60 && receiver.received.length > 5, {
        what: 'the burst to be under way',
        timeoutMs: 30_000,
        intervalMs: 10,
      });
      const killed = exited(first.child);
      first.child.kill('SIGKILL');
      await killed;
      stop = true;
      await Promise.all(workers);

      await start();
      const db = new Client({ connectionString: database.url });
      await db.connect();
      try {
        const pending = async (sql: string) =>
          Number((await db.query<{ n: string }>(sql)).rows[0].n);
        await waitFor(
          async () =>
            (await pending(
              `SELECT count(*) AS n FROM outbox_deliveries WHERE status <> 'delivered'`,
            )) === 0 &&
            (await pending(
              `SELECT count(*) AS n FROM webhook_deliveries WHERE status <> 'delivered'`,
            )) === 0,
          {
            what: 'the restarted service to deliver everything',
            timeoutMs: 60_000,
            intervalMs: 200,
          },
        );
        const { rows: events } = await db.query<{
          id: string;
          workspace_id: string;
          aggregate_id: string;
          sequence: number;
        }>(
          `SELECT id, workspace_id, aggregate_id, sequence FROM outbox_events WHERE aggregate_type = 'contact'`,
        );
        expect(events.length).toBeGreaterThan(60);
        const workspaceId = events[0].workspace_id;

        // Webhook: each event at least once; per contact, first sightings in order.
        const sent = receiver
          .messages<{ id: string; data: { contactId: string; sequence: number } }>()
          .map((m) => ({ id: m.id, ...m.data }));
        const sentIds = new Set(sent.map((m) => m.id));
        expect(events.filter((e) => !sentIds.has(e.id))).toEqual([]);
        for (const [contact, sequences] of firstSightings(sent)) {
          expect({ contact, ordered: ascending(sequences) }).toEqual({ contact, ordered: true });
        }

        // Stream: each event exactly once, in order per contact.
        const stored = await workspaceMessages(workspaceId);
        const counts = new Map<string, number>();
        for (const m of stored) counts.set(m.envelope.id, (counts.get(m.envelope.id) ?? 0) + 1);
        expect(
          events.filter((e) => counts.get(e.id) !== 1).map((e) => [e.id, counts.get(e.id) ?? 0]),
        ).toEqual([]);
        expect(stored).toHaveLength(events.length);
        for (const [contact, sequences] of firstSightings(
          stored.map((m) => ({ id: m.envelope.id, ...m.envelope.data })),
        )) {
          expect({ contact, ordered: ascending(sequences) }).toEqual({ contact, ordered: true });
        }
      } finally {
        await db.end();
      }
    }, 150_000);
  },
);
