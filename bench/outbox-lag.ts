/**
 * Outbox lag under a burst: how long from a contact change's commit (occurred_at) until each
 * consumer has it (delivered_at). Starts the built service on DATABASE_URL (+ REDIS_URL), sends a
 * burst of messages to new numbers (each creates a contact) and renames, waits for the outbox to
 * drain, and prints the lag percentiles.
 *
 *   npm run build && DATABASE_URL=postgresql://… node dist/bench/outbox-lag.js --messages 1000 --concurrency 16
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client } from 'pg';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
    port: { type: 'string', default: '3917' },
  },
});
const total = Number(values.messages);
const concurrency = Number(values.concurrency);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: values.port,
    HOST: '127.0.0.1',
    RATE_LIMIT_DEFAULT: '1000000',
    RATE_LIMIT_CONTACTS_UPDATE: '1000000',
  };
  const slug = `lag-${randomUUID().slice(0, 8)}`;
  const key = execFileSync(
    process.execPath,
    [
      'dist/src/cli/main.js',
      'api-keys:create',
      '--workspace',
      slug,
      '--scopes',
      'write:messages,write:contacts',
    ],
    { env },
  )
    .toString()
    .trim()
    .split('\n')
    .pop() as string;
  const service = spawn(process.execPath, ['dist/src/main.js'], { env, stdio: 'inherit' });
  const base = `http://127.0.0.1:${values.port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/health/ready`)).ok) break;
      } catch {
        if (i > 300) throw new Error('service did not start');
      }
      await sleep(100);
    }
    const headers = { 'x-api-key': key, 'content-type': 'application/json' };
    let next = 0;
    const started = Date.now();
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const phone = `+2547${String(30_000_000 + i).padStart(8, '0')}`;
        const sent = await fetch(`${base}/v1/messages`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ phone, text: `burst ${i}` }),
        });
        const { contactId } = (await sent.json()) as { contactId: string };
        await fetch(`${base}/v1/contacts/${contactId}`, {
          method: 'PATCH',
          headers,
          body: JSON.stringify({ firstName: `Burst ${i}` }),
        });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const burstMs = Date.now() - started;

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const workspace = (
        await db.query<{ id: string }>('SELECT id FROM workspaces WHERE slug = $1', [slug])
      ).rows[0].id;
      for (;;) {
        const { rows } = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
            WHERE e.workspace_id = $1 AND d.status = 'pending'`,
          [workspace],
        );
        if (Number(rows[0].n) === 0) break;
        await sleep(100);
      }
      const { rows } = await db.query<{
        n: string;
        p50: number;
        p95: number;
        p99: number;
        max: number;
      }>(
        `SELECT count(*) AS n,
                percentile_cont(0.50) WITHIN GROUP (ORDER BY lag) AS p50,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY lag) AS p95,
                percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99,
                max(lag) AS max
           FROM (SELECT extract(epoch FROM d.delivered_at - e.occurred_at) * 1000 AS lag
                   FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
                  WHERE e.workspace_id = $1 AND d.status = 'delivered') lags`,
        [workspace],
      );
      const r = rows[0];
      console.log(
        `burst: ${total} messages + ${total} renames, ${concurrency} clients, ${burstMs} ms`,
      );
      console.log(
        `deliveries: ${r.n}; outbox lag (commit to consumer done): p50 ${Math.round(r.p50)} ms, p95 ${Math.round(r.p95)} ms, p99 ${Math.round(r.p99)} ms, max ${Math.round(r.max)} ms`,
      );
    } finally {
      await db.end();
    }
  } finally {
    service.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
