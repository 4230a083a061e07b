/**
 * The benchmark (issue 6). Against DATABASE_URL (a database of its own: it is seeded) and
 * REDIS_URL, it migrates, seeds (bench/seed.ts) unless the workspace already holds contacts,
 * starts the built service in production configuration (`node dist/src/main.js`, NODE_ENV=production,
 * LOG_LEVEL=warn, every RATE_LIMIT_* raised), creates an API key through the CLI, and drives the
 * service with autocannon through every profile. For get, list and create it runs the same SQL
 * straight through a `pg` pool as the ceiling. It records the service's RSS, prints
 * EXPLAIN (ANALYZE, BUFFERS) of every query shape, and writes bench/RESULTS.md.
 *
 *   DATABASE_URL=… npm run bench -- [--contacts 1000000] [--duration 10] [--warmup 2]
 *     [--connections 16] [--workspace bench] [--port 3990] [--out bench/RESULTS.md]
 *     [--node-options='--max-old-space-size=192' (the Dockerfile's; '' for V8's defaults)]
 *
 * Before each profile it waits until the outbox has no pending delivery, so that a profile does not
 * pay for the event deliveries of the one before (its own, it does). Create and update run a second
 * time with OUTBOX_DISPATCH=false, to show the request path apart from the delivery of its events.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Pool, type PoolClient } from 'pg';
import { newId } from '../src/common/ids/object-id';
import {
  countedSearchSql,
  FIND_BY_ID_SQL,
  listSql,
  orderedSearchSql,
  SqlParams,
  WORKSPACE_SIZE_SQL,
} from '../src/contacts/contacts.repository';
import { toContactResponse } from '../src/contacts/dto/contact.response';
import { ContactEntity } from '../src/contacts/entities/contact.entity';
import { ContactCreatedEvent } from '../src/contacts/events/contact-created.event';
import { ENQUEUE_SQL, enqueueParams } from '../src/outbox/outbox.repository';
import { orderedScanBound, searchScopedInIndex } from '../src/contacts/search/contact-search.planner';
import { seed, type SeedResult } from './seed';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '16' },
    workspace: { type: 'string', default: 'bench' },
    port: { type: 'string', default: '3990' },
    out: { type: 'string', default: 'bench/RESULTS.md' },
    // Node flags for the service (as a deployment would set them, e.g. a heap limit); none by default.
    // The Dockerfile's NODE_OPTIONS: the production configuration.
    'node-options': { type: 'string', default: '--max-old-space-size=192' },
  },
});
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!databaseUrl) throw new Error('DATABASE_URL is required (a database of its own: the bench seeds it)');
const duration = Number(values.duration);
const warmup = Math.min(Number(values.warmup), duration);
const connections = Number(values.connections);
const contactsWanted = Number(values.contacts);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(items: T[]): T => items[randomInt(items.length)];
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Highest RSS of the service while the profile ran, MB. */
  rssMb?: number;
  load1: number;
}
interface Target {
  p99?: number;
  rps?: number;
  ratio?: number;
}
interface Row extends Measured {
  profile: string;
  target: Target;
  ceiling?: Measured;
  note?: string;
}
type Request = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string; body?: string };

/** The service under test, and its resident memory. */
class Service {
  private child?: ChildProcess;
  private timer?: NodeJS.Timeout;
  private windowPeak = 0;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly base: string,
  ) {}

  async start(): Promise<void> {
    const flags = values['node-options'].split(' ').filter(Boolean);
    this.child = spawn(process.execPath, [...flags, 'dist/src/main.js'], { env: this.env, stdio: ['ignore', 'inherit', 'inherit'] });
    const exited = new Promise<never>((_, reject) =>
      this.child?.once('exit', (code) => reject(new Error(`the service exited (${code}) while starting`))),
    );
    exited.catch(() => undefined);
    for (let i = 0; i < 600; i++) {
      const ok = await Promise.race([fetch(`${this.base}/health/ready`).then((r) => r.ok, () => false), exited]);
      if (ok) break;
      if (i === 599) throw new Error('the service did not become ready in 60 s');
      await sleep(100);
    }
    this.timer = setInterval(() => (this.windowPeak = Math.max(this.windowPeak, this.status('VmRSS'))), 100);
  }

  /** kB from /proc/<pid>/status (VmRSS now, VmHWM the peak since start), in bytes. */
  status(field: 'VmRSS' | 'VmHWM'): number {
    try {
      const text = readFileSync(`/proc/${this.child?.pid}/status`, 'utf8');
      return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) * 1024;
    } catch {
      return 0;
    }
  }

  /** The highest RSS since the last call. */
  takePeak(): number {
    const peak = Math.max(this.windowPeak, this.status('VmRSS'));
    this.windowPeak = 0;
    return peak;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }

  /** Last resort on an abrupt exit of the bench: never leave the service running. */
  kill(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

async function cannon(base: string, key: string, build: () => Request, seconds: number): Promise<Omit<Measured, 'load1'>> {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const r = build();
          // Headers per request: a GET must not carry a write's content type.
          const headers: Record<string, string> = r.body
            ? { 'x-api-key': key, 'content-type': 'application/json' }
            : { 'x-api-key': key };
          return { ...req, method: r.method, path: r.path, body: r.body ?? '', headers };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** `run` straight through the pool, `connections` at a time, for `seconds`. */
async function direct(run: () => Promise<unknown>, seconds: number): Promise<Omit<Measured, 'load1'>> {
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const started = process.hrtime.bigint();
        try {
          await run();
        } catch {
          errors++;
        }
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0) * 10) / 10;
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), errors };
}

/** One transaction on a client of the pool. */
async function transaction(pool: Pool, work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Waits until the outbox holds no pending delivery (the running service delivers them); returns
 * the seconds it took. Tolerates a schema without the outbox tables.
 */
async function drainOutbox(pool: Pool, limitSeconds = 180): Promise<number> {
  const started = Date.now();
  for (;;) {
    let pending = 0;
    try {
      const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM outbox_deliveries WHERE status = 'pending'`);
      pending = Number(rows[0].n);
    } catch {
      return 0;
    }
    const seconds = (Date.now() - started) / 1000;
    if (pending === 0) return seconds;
    if (seconds > limitSeconds) {
      console.warn(`outbox still has ${pending} pending deliveries after ${limitSeconds} s: measuring anyway`);
      return seconds;
    }
    await sleep(250);
  }
}

function pass(row: Row): string {
  const checks: boolean[] = [];
  if (row.target.p99 !== undefined) checks.push(row.p99 <= row.target.p99);
  if (row.target.rps !== undefined) checks.push(row.rps >= row.target.rps);
  if (row.target.ratio !== undefined) checks.push(row.ceiling !== undefined && row.rps / row.ceiling.rps >= row.target.ratio);
  if (row.errors > 0) checks.push(false);
  if (checks.length === 0) return '—';
  return checks.every(Boolean) ? 'met' : '**not met**';
}

function median(values: number[]): number | string {
  if (values.length === 0) return '';
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function describeTarget(t: Target): string {
  const parts = [
    t.p99 !== undefined ? `p99 ≤ ${t.p99} ms` : '',
    t.rps !== undefined ? `≥ ${t.rps} req/s` : '',
    t.ratio !== undefined ? `≥ ${t.ratio} of direct SQL` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : '—';
}

async function machine(pool: Pool): Promise<string[]> {
  const setting = async (name: string) => (await pool.query<{ v: string }>(`SELECT current_setting($1) AS v`, [name])).rows[0].v;
  const pg = (await pool.query<{ v: string }>('SELECT version() AS v')).rows[0].v.split(' on ')[0];
  let redis = 'Redis';
  try {
    redis = `Redis ${/redis_version:(\S+)/.exec(execFileSync('redis-cli', ['-u', redisUrl, 'INFO', 'server']).toString())?.[1] ?? '?'}`;
  } catch {
    // redis-cli missing: the version is only informative
  }
  return [
    `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${mb(totalmem()).toLocaleString('en')} MB RAM, Linux, Node ${process.version}`,
    `${pg} (shared_buffers ${await setting('shared_buffers')}, work_mem ${await setting('work_mem')}, max_parallel_workers_per_gather ${await setting('max_parallel_workers_per_gather')}), ${redis}`,
    `The service, PostgreSQL, Redis and the load generator (autocannon, one process) share these cores, and other engineers run test suites on the same machine at the same time. Load average before the run: ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min). The \`load1\` column is the 1-minute load average as each profile ended; the bench's own processes (up to ${connections} busy database sessions, the service, autocannon) account for about 2 to 8 of it.`,
  ];
}

async function main(): Promise<void> {
  const slug = values.workspace;
  const port = values.port;
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: port,
    HOST: '127.0.0.1',
    RATE_LIMIT_CONTACTS_LIST: '100000000',
    RATE_LIMIT_CONTACTS_GET: '100000000',
    RATE_LIMIT_CONTACTS_CREATE: '100000000',
    RATE_LIMIT_CONTACTS_UPDATE: '100000000',
    RATE_LIMIT_DEFAULT: '100000000',
    RATE_LIMIT_AUTH_FAILURES: '100000000',
  };
  const startedAt = new Date();
  execFileSync(process.execPath, ['dist/src/cli/main.js', 'migration:run'], { env, stdio: ['ignore', 'inherit', 'inherit'] });

  const pool = new Pool({ connectionString: databaseUrl, max: connections });
  const service = new Service(env, base);
  const abort = () => {
    service.kill();
    process.exit(130);
  };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  process.once('exit', () => service.kill());

  const machineLines = await machine(pool);
  let seeded: SeedResult | undefined;
  const existing = await pool.query(
    `SELECT 1 FROM contacts c JOIN workspaces w ON w.id = c.workspace_id WHERE w.slug = $1 LIMIT 1`,
    [slug],
  );
  if (existing.rowCount === 0) {
    console.log(`seeding ${contactsWanted.toLocaleString('en')} contacts (and ${Math.round(contactsWanted / 4).toLocaleString('en')} in each of two other workspaces)`);
    seeded = await seed(databaseUrl as string, slug, contactsWanted, Math.round(contactsWanted / 4));
  } else {
    console.log(`workspace ${slug} already seeded: measuring it as it is`);
  }

  const key = execFileSync(process.execPath, ['dist/src/cli/main.js', 'api-keys:create', '--workspace', slug, '--scopes', 'read:contacts,write:contacts', '--name', 'bench'], { env })
    .toString()
    .trim()
    .split('\n')
    .pop() as string;

  const workspaceId = (await pool.query<{ id: string }>('SELECT id FROM workspaces WHERE slug = $1', [slug])).rows[0].id;
  const { rows: [size] } = await pool.query<{ contacts: string; table_rows: number }>(WORKSPACE_SIZE_SQL, [workspaceId]);
  const workspaceContacts = Number(size.contacts);
  const scoped = searchScopedInIndex(workspaceContacts, Number(size.table_rows));
  const { rows: sample } = await pool.query<{ id: string; email: string | null; phone: string | null }>(
    `SELECT id, email, phone FROM contacts TABLESAMPLE SYSTEM (5) WHERE workspace_id = $1 LIMIT 2000`,
    [workspaceId],
  );
  const ids = sample.map((r) => r.id);
  // A distinctive piece of an email's local part ("taylor738", "i.bryoa"), not only digits.
  const emailFragments = sample
    .filter((r) => r.email)
    .map((r) => (r.email as string).split('@')[0].slice(-9))
    .filter((f) => f.length >= 5 && /[a-z]/.test(f));
  // 6 to 8 consecutive digits of a stored number, as a caller would type part of it.
  const phoneDigits = sample
    .filter((r) => r.phone)
    .map((r) => {
      const digits = (r.phone as string).slice(-9);
      const length = 6 + randomInt(3);
      const start = randomInt(digits.length - length + 1);
      return digits.slice(start, start + length);
    });
  const { rows: rareRows } = await pool.query<{ last_name: string; n: string }>(
    `SELECT last_name, count(*) AS n FROM contacts WHERE workspace_id = $1 AND last_name IS NOT NULL
     GROUP BY last_name HAVING count(*) <= 5 LIMIT 500`,
    [workspaceId],
  );
  const rareNames = rareRows.map((r) => r.last_name);
  const common = 'maria';
  const commonShare = Number(
    (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM contacts WHERE workspace_id = $1 AND first_name = 'Maria'`, [workspaceId])).rows[0].n,
  ) / Math.max(workspaceContacts, 1);
  if (!ids.length || !emailFragments.length || !phoneDigits.length || !rareNames.length) {
    throw new Error('the workspace has too little data to sample (seed it with more contacts)');
  }

  // Writes use numbers and addresses the seed never produces (+25479…, @bench.example).
  let sequence = randomInt(10_000_000);
  const newContact = (firstName: string) => {
    sequence = (sequence + 1) % 10_000_000;
    return JSON.stringify({
      firstName,
      lastName: 'Bench',
      phone: `+25479${String(sequence).padStart(7, '0')}`,
      email: `bench.${randomUUID()}@bench.example`,
    });
  };
  let n = 0;
  const search = (text: string): Request => ({ method: 'GET', path: `/v1/contacts?search=${encodeURIComponent(text)}` });
  // Contacts of the bench's own for the delete and restore profiles (inserted, deleted, restored,
  // then removed again, so that the workspace measured by the next run is the same).
  const LIFECYCLE_CONTACTS = 40_000;
  const toDelete: string[] = [];
  const toRestore: string[] = [];
  const take = (queue: string[]): string => {
    const id = queue.shift();
    if (!id) throw new Error(`the bench ran out of contacts to delete or restore (${LIFECYCLE_CONTACTS})`);
    return id;
  };
  const prepareDeletable = async () => {
    const tag = randomUUID().slice(0, 8);
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO contacts (id, workspace_id, first_name, last_name, email, created_at, updated_at)
       SELECT lpad(to_hex(extract(epoch FROM now())::int), 8, '0') || $3 || lpad(to_hex(g), 8, '0'), $1, 'Deletable', 'Bench',
              'deletable.' || $3 || '.' || g || '@bench.example', now() - interval '400 days', now() - interval '400 days'
         FROM generate_series(1, $2::int) AS g
       RETURNING id`,
      [workspaceId, LIFECYCLE_CONTACTS, tag],
    );
    toDelete.push(...rows.map((r) => r.id));
  };
  const profiles: { profile: string; target: Target; build: () => Request; prepare?: () => Promise<void> }[] = [
    { profile: 'get by id', target: { ratio: 0.6 }, build: () => ({ method: 'GET', path: `/v1/contacts/${pick(ids)}` }) },
    { profile: 'list pages 1–40', target: { p99: 20, ratio: 0.6 }, build: () => ({ method: 'GET', path: `/v1/contacts?page=${1 + randomInt(40)}&limit=25` }) },
    { profile: 'list deep pages 200–400', target: { p99: 20 }, build: () => ({ method: 'GET', path: `/v1/contacts?page=${200 + randomInt(201)}&limit=25` }) },
    { profile: 'search email fragment', target: { p99: 50, rps: 1000 }, build: () => search(pick(emailFragments)) },
    { profile: 'search phone digits (6–8)', target: { p99: 50, rps: 1000 }, build: () => search(pick(phoneDigits)) },
    { profile: 'search rare name', target: { p99: 50 }, build: () => search(pick(rareNames)) },
    { profile: `search common name ("${common}", ${(commonShare * 100).toFixed(0)}%)`, target: { p99: 300 }, build: () => search(common) },
    { profile: 'create', target: { p99: 30, ratio: 0.6 }, build: () => ({ method: 'POST', path: '/v1/contacts', body: newContact('Bench') }) },
    { profile: 'update', target: { p99: 30 }, build: () => ({ method: 'PATCH', path: `/v1/contacts/${pick(ids)}`, body: JSON.stringify({ company: `Company ${n++}` }) }) },
    {
      profile: 'delete',
      target: { p99: 20 },
      prepare: prepareDeletable,
      build: () => {
        const id = take(toDelete);
        toRestore.push(id);
        return { method: 'DELETE', path: `/v1/contacts/${id}` };
      },
    },
    {
      profile: 'restore',
      target: { p99: 20 },
      // What the delete profile left, deleted too (in one statement): restores never run out.
      prepare: async () => {
        const rest = toDelete.splice(0);
        await pool.query(`UPDATE contacts SET deleted_at = now() WHERE workspace_id = $1 AND id = ANY($2)`, [workspaceId, rest]);
        toRestore.push(...rest);
      },
      build: () => ({ method: 'POST', path: `/v1/contacts/${take(toRestore)}/restore` }),
    },
    { profile: 'history (contacts with updates)', target: { p99: 20 }, build: () => ({ method: 'GET', path: `/v1/contacts/${pick(ids)}/history?limit=25` }) },
    {
      profile: 'mix 80% read / 20% write',
      target: {},
      build: () => {
        const r = Math.random();
        if (r < 0.4) return { method: 'GET', path: `/v1/contacts/${pick(ids)}` };
        if (r < 0.65) return { method: 'GET', path: `/v1/contacts?page=${1 + randomInt(40)}` };
        if (r < 0.75) return search(pick(emailFragments));
        if (r < 0.8) return search(pick(phoneDigits));
        if (r < 0.9) return { method: 'POST', path: '/v1/contacts', body: newContact('Mix') };
        return { method: 'PATCH', path: `/v1/contacts/${pick(ids)}`, body: JSON.stringify({ company: `Mix ${n++}` }) };
      },
    },
  ];

  // Merges (issue 12): a source with MERGE_MESSAGES messages (in one conversation) merged into a
  // target, at the workspace's size; the dry run and the merge timed one request at a time.
  const MERGE_MESSAGES = 10_000;
  const MERGE_RUNS = 5;
  const timeMerges = async (): Promise<{ dryRun: number[]; merge: number[] }> => {
    const timings = { dryRun: [] as number[], merge: [] as number[] };
    for (let run = 0; run < MERGE_RUNS; run++) {
      const tag = randomUUID().slice(0, 8);
      const [targetId, sourceId, conversationId] = [newId(), newId(), newId()];
      await pool.query(
        `INSERT INTO contacts (id, workspace_id, first_name, last_name, email, created_at, updated_at)
         VALUES ($2, $1, 'Mergeable', 'Bench', 'merge.target.' || $4 || '@bench.example', now(), now()),
                ($3, $1, 'Mergeable', 'Bench', 'merge.source.' || $4 || '@bench.example', now(), now())`,
        [workspaceId, targetId, sourceId, tag],
      );
      await pool.query(
        `INSERT INTO conversations (id, workspace_id, channel, address, status, contact_id, created_at)
         VALUES ($2, $1, 'whatsapp', NULL, 'closed', $3, now())`,
        [workspaceId, conversationId, sourceId],
      );
      await pool.query(
        `INSERT INTO messages (id, workspace_id, conversation_id, contact_id, direction, text, status, created_at)
         SELECT lpad(to_hex(extract(epoch FROM now())::int), 8, '0') || $4 || lpad(to_hex(g), 8, '0'), $1, $2, $3,
                'inbound', 'Bench message ' || g, 'delivered', now() - make_interval(secs => $5::int - g)
           FROM generate_series(1, $5::int) AS g`,
        [workspaceId, conversationId, sourceId, tag, MERGE_MESSAGES],
      );
      await pool.query('ANALYZE messages');
      for (const dryRun of [true, false]) {
        const started = performance.now();
        const res = await fetch(`${base}/v1/contacts/${targetId}/merge`, {
          method: 'POST',
          headers: { 'x-api-key': key, 'content-type': 'application/json' },
          body: JSON.stringify({ sourceIds: [sourceId], dryRun }),
        });
        const elapsed = performance.now() - started;
        const body = (await res.json()) as { moved?: { messages: number } };
        if (res.status !== 200 || body.moved?.messages !== MERGE_MESSAGES) {
          throw new Error(`merge (dryRun ${dryRun}): ${res.status} ${JSON.stringify(body)}`);
        }
        timings[dryRun ? 'dryRun' : 'merge'].push(Math.round(elapsed));
      }
    }
    return timings;
  };

  const plans: string[] = [];
  // Every run starts from the state autovacuum would reach: statistics current, visibility map set.
  await pool.query('VACUUM ANALYZE contacts');
  // Deliveries nobody will make (an interrupted run's): not for this run's service to pay.
  await pool.query(`DELETE FROM outbox_deliveries WHERE status = 'pending'`).catch(() => undefined);

  // Query plans of every shape, at this size, in the state the read profiles measure.
  const explain = async (title: string, text: string, params: unknown[], rollback = false) => {
    const client = await pool.connect();
    try {
      if (rollback) await client.query('BEGIN');
      const { rows: plan } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      plans.push(`### ${title}\n\n\`\`\`\n${plan.map((r) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
    } finally {
      if (rollback) await client.query('ROLLBACK');
      client.release();
    }
  };
  const shape = async (title: string, build: (sql: SqlParams) => string) => {
    const sql = new SqlParams(workspaceId);
    await explain(title, build(sql), sql.values);
  };
  await explain('get by id', FIND_BY_ID_SQL, [workspaceId, ids[0]]);
  await shape('list, page 1 (total from the counters)', (sql) => listSql(sql, 25, 0));
  await shape('list, page 400', (sql) => listSql(sql, 25, 25 * 399));
  const searches: [string, string][] = [
    ['email fragment', emailFragments[0]],
    ['phone digits', phoneDigits[0]],
    ['rare name', rareNames[0]],
    ['common name', common],
  ];
  const how = scoped ? 'workspace inside the index' : 'workspace filtered after the index';
  for (const [title, text] of searches) {
    await shape(`search ${title} "${text}": total and page in one pass (${how}, as the service runs it here)`, (sql) =>
      countedSearchSql(sql, text, 25, 0, scoped),
    );
  }
  await shape(`search phone digits "${phoneDigits[0]}", the other way (${scoped ? 'filtered after' : 'inside the index'}), for comparison`, (sql) =>
    countedSearchSql(sql, phoneDigits[0], 25, 0, !scoped),
  );
  const commonTotalSql = new SqlParams(workspaceId);
  const commonTotal = Number(
    (await pool.query<{ __total: string }>(countedSearchSql(commonTotalSql, common, 1, 0, scoped), commonTotalSql.values)).rows[0].__total,
  );
  // As the service bounds it (page 2 ends at row 50).
  const scan = orderedScanBound(50, workspaceContacts, commonTotal);
  await shape(`search common name "${common}", page 2 once its total (${commonTotal.toLocaleString('en')}) is remembered (listing order, at most ${scan.toLocaleString('en')} rows)`, (sql) =>
    orderedSearchSql(sql, common, 25, 25, scan),
  );
  const planId = newId();
  await explain(
    'create: the contact insert (in a transaction rolled back)',
    `INSERT INTO contacts (id, workspace_id, first_name, last_name, phone, email, source, tags, created_at, updated_at, version)
     VALUES ($1, $2, 'Plan', 'Bench', '+254790000000', 'plan@bench.example', 'api', '{}', now(), now(), 1)`,
    [planId, workspaceId],
    true,
  );
  await explain(
    'update: a change of company (in a transaction rolled back)',
    `UPDATE contacts SET company = 'Plan Co', updated_at = now(), version = version + 1 WHERE workspace_id = $1 AND id = $2`,
    [workspaceId, ids[1]],
    true,
  );

  const rows: Row[] = [];
  let merges: { dryRun: number[]; merge: number[] } = { dryRun: [], merge: [] };
  let peakRss = 0;
  let idleRss = 0;
  /** `delivering`: the service delivers events, so the bench waits for the outbox to drain. */
  const measure = async (svc: Service, delivering: boolean, profile: string, target: Target, build: () => Request, note?: string) => {
    if (delivering) await drainOutbox(pool);
    if (warmup > 0) await cannon(base, key, build, warmup);
    if (delivering) await drainOutbox(pool);
    svc.takePeak();
    const measured = await cannon(base, key, build, duration);
    const row: Row = { profile, target, ...measured, rssMb: mb(svc.takePeak()), load1: loadavg()[0], note };
    const drained = delivering ? await drainOutbox(pool) : 0;
    if (drained >= 1) row.note = [note, `its events delivered ${drained.toFixed(0)} s after the profile ended`].filter(Boolean).join('; ');
    rows.push(row);
    console.log(`${profile}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, errors ${row.errors}, RSS ${row.rssMb} MB, load ${row.load1.toFixed(1)}${row.note ? ` (${row.note})` : ''}`);
  };
  try {
    await service.start();
    idleRss = service.status('VmRSS');
    for (const { profile, target, build, prepare } of profiles) {
      await prepare?.();
      await measure(service, true, profile, target, build);
    }
    await drainOutbox(pool);
    merges = await timeMerges();
    console.log(`merge of a source with ${MERGE_MESSAGES.toLocaleString('en')} messages: dry run ${merges.dryRun.join(', ')} ms; merge ${merges.merge.join(', ')} ms`);
    peakRss = service.status('VmHWM');
    // The bench's own contacts of the delete, restore and merge profiles go again (history with
    // them; the merges' messages and conversations first).
    await pool.query(
      `DELETE FROM messages WHERE workspace_id = $1 AND contact_id IN (SELECT id FROM contacts WHERE workspace_id = $1 AND first_name = 'Mergeable' AND last_name = 'Bench')`,
      [workspaceId],
    );
    await pool.query(
      `DELETE FROM conversations WHERE workspace_id = $1 AND contact_id IN (SELECT id FROM contacts WHERE workspace_id = $1 AND first_name = 'Mergeable' AND last_name = 'Bench')`,
      [workspaceId],
    );
    await pool.query(`DELETE FROM contacts WHERE workspace_id = $1 AND first_name IN ('Deletable', 'Mergeable') AND last_name = 'Bench'`, [workspaceId]);
  } finally {
    await service.stop();
  }
  // The request path of the writes alone: the same service without delivering events.
  const quiet = new Service({ ...env, OUTBOX_DISPATCH: 'false' }, base);
  process.once('exit', () => quiet.kill());
  try {
    await quiet.start();
    for (const { profile, target, build } of profiles.filter((p) => p.profile === 'create' || p.profile === 'update')) {
      await measure(quiet, false, `${profile}, events not delivered (OUTBOX_DISPATCH=false)`, { p99: target.p99 }, build, 'request path only: the outbox rows are written, not delivered');
    }
    peakRss = Math.max(peakRss, quiet.status('VmHWM'));
  } finally {
    await quiet.stop();
  }
  // What the quiet run left to deliver, delivered by nobody: not for the ceilings to share the disk with.
  await pool.query(`DELETE FROM outbox_deliveries WHERE status = 'pending'`).catch(() => undefined);

  // Ceilings: the SQL the service runs for the request, straight through the pool, same run.
  const listPage = () => {
    const sql = new SqlParams(workspaceId);
    const text = listSql(sql, 25, 25 * randomInt(40));
    return pool.query(text, sql.values);
  };
  const insertContact = async (client: PoolClient) => {
    const id = newId();
    const contact = JSON.parse(newContact('Ceiling')) as { firstName: string; lastName: string; phone: string; email: string };
    const now = new Date();
    await client.query(
      `INSERT INTO contacts (id, workspace_id, first_name, last_name, phone, email, source, tags, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, 'api', '{}', $7, $7, 1)`,
      [id, workspaceId, contact.firstName, contact.lastName, contact.phone, contact.email, now],
    );
    return { id, contact, now };
  };
  // The consumers that got a delivery for the service's contact.created events in this run.
  const consumers = (
    await pool.query<{ consumer: string }>(
      `SELECT DISTINCT d.consumer FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
       WHERE e.workspace_id = $1 AND e.event_name = 'contact.created' AND e.occurred_at >= $2`,
      [workspaceId, startedAt],
    )
  ).rows.map((r) => r.consumer);
  // What the service writes for a create: the contact, its event and one delivery per consumer.
  const createTransaction = () =>
    transaction(pool, async (client) => {
      const { id, contact, now } = await insertContact(client);
      const event = new ContactCreatedEvent(workspaceId, toContactResponse(Object.assign(new ContactEntity(), {
        ...contact, id, workspaceId, company: null, jobTitle: null, website: null, notes: null, source: 'api', tags: [],
        lifecycle: null, createdAt: now, updatedAt: now, version: 1,
      })), 1);
      await client.query(ENQUEUE_SQL, enqueueParams([event], () => consumers));
    });
  const ceilings: Record<string, () => Promise<unknown>> = {
    'get by id': () => pool.query(FIND_BY_ID_SQL, [workspaceId, pick(ids)]),
    'list pages 1–40': listPage,
    create: createTransaction,
  };
  for (const row of rows) {
    const run = ceilings[row.profile];
    if (!run) continue;
    if (warmup > 0) await direct(run, warmup);
    row.ceiling = { ...(await direct(run, duration)), load1: loadavg()[0] };
    console.log(`${row.profile}, direct SQL: ${row.ceiling.rps.toFixed(0)} req/s, p99 ${row.ceiling.p99} ms → ratio ${(row.rps / row.ceiling.rps).toFixed(2)}`);
  }
  // A common-name search whose total is not remembered yet (the first page of a new search, or the
  // first after a write that a search can see): the statement the service runs, without the service.
  const coldCommon = () => {
    const sql = new SqlParams(workspaceId);
    return pool.query(countedSearchSql(sql, common, 25, 0, scoped), sql.values);
  };
  const cold = { ...(await direct(coldCommon, duration)), load1: loadavg()[0] };
  console.log(`common name, total counted every time (direct SQL): ${cold.rps.toFixed(1)} req/s, p99 ${cold.p99} ms`);

  // The same listing page once the write profiles have added contacts (recent pages are not yet
  // all-visible, so the index-only scan visits the table for them, as in production between vacuums).
  await shape('list, page 400, after the write profiles (before autovacuum has visited the new pages)', (sql) => listSql(sql, 25, 25 * 399));
  // Nothing left for a later run: the deliveries of the quiet run and of the create ceiling.
  await pool.query(`DELETE FROM outbox_deliveries WHERE status = 'pending'`).catch(() => undefined);
  await pool.end();

  // The report.
  const cell = (m?: Measured) => (m ? `${m.rps.toFixed(0)} / ${m.p99} ms` : '');
  const table = [
    '| profile | req/s | p50 ms | p99 ms | errors | RSS MB | load1 | direct SQL req/s / p99 | ratio | target | |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) =>
      `| ${r.profile} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.rssMb ?? ''} | ${r.load1.toFixed(1)} | ${cell(r.ceiling)} | ${r.ceiling ? (r.rps / r.ceiling.rps).toFixed(2) : ''} | ${describeTarget(r.target)} | ${pass(r)} |`,
    ),
    `| common name, total counted on every request (direct SQL, no service) | ${cold.rps.toFixed(1)} | ${cold.p50} | ${cold.p99} | ${cold.errors} | | ${cold.load1.toFixed(1)} | | | (p99 ≤ 300 ms) | ${cold.p99 <= 300 ? 'met' : '**not met**'} |`,
  ].join('\n');
  const seedLine = seeded
    ? `seeded in ${seeded.insertSeconds.toFixed(1)} s (set-based inserts and index builds) + ${seeded.vacuumSeconds.toFixed(1)} s VACUUM ANALYZE; ${seeded.validPhones}/${seeded.checkedPhones} sampled phones valid for libphonenumber-js`
    : 'already seeded before this run';
  const report = `# Benchmark results

Generated by \`npm run bench\` on ${new Date().toISOString()} (${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s).

## Machine

${machineLines.map((l) => `- ${l}`).join('\n')}

## Run

- Data: ${workspaceContacts.toLocaleString('en')} contacts in the measured workspace (about ${Math.round(Number(size.table_rows)).toLocaleString('en')} in the table, the rest in two other workspaces); ${seedLine}.
- Searches here filter by workspace ${scoped ? 'inside the trigram indexes' : 'after the trigram indexes (the workspace holds most of the table)'}.
- Load: autocannon, ${connections} connections, ${warmup} s warm-up then ${duration} s per profile, against \`node dist/src/main.js\` with NODE_ENV=production, LOG_LEVEL=warn, real PostgreSQL and Redis, every rate limit raised to 10⁸/min.
- Direct SQL: the statement(s) the service runs for the request (for create: its transaction with the outbox event and one delivery per consumer), through a \`pg\` pool of ${connections}, ${connections} at a time, after the service has stopped.
- Service RSS: ${mb(idleRss)} MB idle after start, peak (VmHWM) **${mb(peakRss)} MB** over the whole run (target ≤ 250 MB); Node flags: ${values['node-options'] || 'none (V8 defaults)'}.

${table}

${rows.filter((r) => r.note).map((r) => `- ${r.profile}: ${r.note}.`).join('\n')}

## Merge

A source with ${MERGE_MESSAGES.toLocaleString('en')} messages (one conversation) merged into a target, ${MERGE_RUNS} times, one request at a time, in this workspace:

| request | each run, ms | median ms |
|---|---|---|
| \`POST /v1/contacts/:id/merge\` with \`dryRun: true\` | ${merges.dryRun.join(', ')} | ${median(merges.dryRun)} |
| \`POST /v1/contacts/:id/merge\` (moves the conversation and its ${MERGE_MESSAGES.toLocaleString('en')} messages) | ${merges.merge.join(', ')} | ${median(merges.merge)} |

## Query plans (EXPLAIN ANALYZE, BUFFERS)

${plans.join('\n\n')}
`;
  writeFileSync(values.out, report);
  console.log(`\n## Query plans (EXPLAIN ANALYZE, BUFFERS)\n\n${plans.join('\n\n')}`);
  console.log(`\n${table}\n\npeak RSS ${mb(peakRss)} MB; written to ${values.out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
