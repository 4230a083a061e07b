/**
 * The benchmark (issue 6). Against DATABASE_URL (a database of its own: it is seeded) and
 * REDIS_URL, it migrates, seeds (bench/seed.ts) unless the workspace already holds contacts,
 * starts the built service in production configuration (`node dist/src/main.js`, NODE_ENV=production,
 * LOG_LEVEL=warn, every RATE_LIMIT_* raised), creates an API key through the CLI, and drives the
 * service with autocannon through every profile. For get, list and create it measures two
 * ceilings: the same SQL behind bare Fastify routes (bench/bare-server.ts, a process of its own on
 * --port + 1, measured with the same requests alternately with the service: bare HTTP) and the same
 * SQL straight through a `pg` pool (direct SQL); issue 17's targets are ratios to bare HTTP. It
 * records the service's RSS, prints EXPLAIN (ANALYZE, BUFFERS) of every query shape, and writes
 * bench/RESULTS.md.
 *
 *   DATABASE_URL=… npm run bench -- [--contacts 1000000] [--duration 10] [--warmup 2]
 *     [--connections 16] [--workspace bench] [--port 3990] [--out bench/RESULTS.md]
 *     [--node-options='--max-old-space-size=192' (the Dockerfile's; '' for V8's defaults)]
 *     [--rounds 3 (of each pair of profiles compared, and of service and bare HTTP, measured alternately)]
 *     [--profiles 'batch,cursor' (only the profiles whose name holds one of these, case-insensitive; all by default)]
 *     [--feed-rate 500 (the change feed's writer, writes/s; issue 13's target is at 500)]
 *     [--outbox-rate 300 (the outbox profile's creates/s; issue 17's target is at 300)]
 *     [--lifecycle-rate 100 (list, delete, restore and history compared again at this fixed rate)]
 *
 * Before each profile it waits until the outbox has no pending delivery, so that a profile does not
 * pay for the event deliveries of the one before (its own, it does). Create, update, delete and
 * restore run a second time with OUTBOX_DISPATCH=false, to show the request path apart from the
 * delivery of its events. List, delete, restore and history are also compared with each other at
 * one fixed rate (--lifecycle-rate, open loop, rotated for --rounds rounds): issue 11's target
 * compares their p99, which the closed loop measures at each profile's own saturation.
 *
 * Issue 13's profiles: a batch upsert of 100 items from 8 clients; keyset pages after a cursor at
 * random depths against the first page; the change feed followed while a writer drives 500
 * writes/s (lag from each change's occurredAt until the follower holds it); create with an
 * Idempotency-Key against create without. The pairs compared with each other are measured in
 * alternation (A B, B A, A B) and each row is the median of its rounds: the machine is noisy. So are
 * the service and the bare HTTP server on get, list and create; the service is paused (SIGSTOP)
 * while the bare server is measured, so that it does nothing in the background (no outbox polling).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { newId } from '../src/common/ids/object-id';
import {
  countedSearchSql,
  FIND_BY_ID_SQL,
  keysetSql,
  listSql,
  orderedSearchSql,
  SqlParams,
  WORKSPACE_SIZE_SQL,
} from '../src/contacts/contacts.sql';
import {
  orderedScanBound,
  searchScopedInIndex,
} from '../src/contacts/search/contact-search.planner';
import { MAX_BATCH_ITEMS } from '../src/contacts/dto/batch-contacts.dto';
import { phoneInputProblem } from '../src/contacts/utils/normalize-phone.util';
import { createContact, getQuery, listQuery, type NewContact } from './ceilings';
import { feedCursorOf, listCursorOf } from './cursors';
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
    // Only some profiles (to iterate on them): names holding one of these comma-separated words.
    profiles: { type: 'string', default: '' },
    // Rounds of each pair of profiles compared with each other (measured alternately).
    rounds: { type: 'string', default: '3' },
    // The change feed's writer rate (issue 13's target is at 500; a slower machine may not write that fast).
    'feed-rate': { type: 'string', default: '500' },
    // The outbox's writer rate (issue 17's target is at 300).
    'outbox-rate': { type: 'string', default: '300' },
    // The rate at which list, delete, restore and history are also compared with each other (issue 11).
    'lifecycle-rate': { type: 'string', default: '100' },
  },
});
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!databaseUrl) {
  throw new Error('DATABASE_URL is required (a database of its own: the bench seeds it)');
}
const duration = Number(values.duration);
const warmup = Math.min(Number(values.warmup), duration);
const connections = Number(values.connections);
const contactsWanted = Number(values.contacts);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(items: T[]): T => items[randomInt(items.length)];
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const only = values.profiles
  .split(',')
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);
const selected = (...names: string[]) =>
  only.length === 0 || names.some((name) => only.some((s) => name.toLowerCase().includes(s)));
/** The value at quantile `q` of sorted `values`, to 0.1. */
const quantile = (sorted: number[], q: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0) * 10) / 10;

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
  /** p99 strictly below this (ms). */
  p99Below?: number;
  rps?: number;
  /** req/s at least this share of the bare HTTP server's (issue 17). */
  bareRatio?: number;
  /** p99 at most another row's p99 (`profile`), times `times`, plus `plus` ms. */
  p99Of?: { profile: string; times?: number; plus?: number };
  /** Items per request (a batch's contacts): the req/s target is also said in items/s. */
  perRequest?: { items: number; name: string };
}
interface Row extends Measured {
  profile: string;
  target: Target;
  /** The same requests to the bare HTTP server (bench/bare-server.ts). */
  bare?: Measured;
  /** The same SQL straight through a pool. */
  ceiling?: Measured;
  note?: string;
}
type Request = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: string;
  headers?: Record<string, string>;
};
interface Profile {
  profile: string;
  target: Target;
  build: () => Request;
  /** Before the profile (its warm-up included). */
  prepare?: () => Promise<void>;
  /** autocannon's connections (default: --connections). */
  connections?: number;
  /** Each answer of the profile (its warm-up's included: `begin` resets what it counts). */
  onResponse?: (status: number, body: string) => void;
  /** After the warm-up, just before the measured run. */
  begin?: () => void | Promise<void>;
  /** After the measured run: completes its row (errors found in the answers, a note). */
  end?: (row: Row) => Promise<void>;
  /** Also measured against the bare HTTP server, alternately with the service. */
  bareHttp?: boolean;
}
interface CannonOptions {
  /** autocannon's connections (default: --connections). */
  connections?: number;
  /** Each answer's status and body. */
  onResponse?: (status: number, body: string) => void;
}

/**
 * The answers that were not 2xx, by status and error code, with an example of each: for the
 * report's notes (what failed, for the service's engineers).
 */
class Failures {
  private readonly seen = new Map<string, { count: number; example: string }>();

  add(status: number, body: string): void {
    let code = '';
    let message = body.slice(0, 200);
    try {
      const parsed = JSON.parse(body) as { code?: string; message?: string };
      code = parsed.code ?? '';
      message = parsed.message ?? message;
    } catch {
      // not JSON: the start of the body as it is
    }
    const key = `${status}${code ? ` ${code}` : ''}`;
    const entry = this.seen.get(key) ?? { count: 0, example: message };
    entry.count++;
    this.seen.set(key, entry);
  }

  /** Records the answer when it is not 2xx. */
  readonly onResponse = (status: number, body: string): void => {
    if (status < 200 || status > 299) this.add(status, body);
  };

  get count(): number {
    return [...this.seen.values()].reduce((n, e) => n + e.count, 0);
  }

  reset(): void {
    this.seen.clear();
  }

  toString(): string {
    return [...this.seen.entries()]
      .map(
        ([key, e]) =>
          `${e.count} × ${key} ("${e.example.replace(/\s+/g, ' ').replace(/\|/g, '/')}")`,
      )
      .join(', ');
  }
}

/** The service under test (or the bare HTTP server: `script`), and its resident memory. */
class Service {
  private child?: ChildProcess;
  private timer?: NodeJS.Timeout;
  private windowPeak = 0;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly base: string,
    private readonly script = 'dist/src/main.js',
  ) {}

  async start(): Promise<void> {
    const flags = values['node-options'].split(' ').filter(Boolean);
    this.child = spawn(process.execPath, [...flags, this.script], {
      env: this.env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const exited = new Promise<never>((_, reject) =>
      this.child?.once('exit', (code) =>
        reject(new Error(`${this.script} exited (${code}) while starting`)),
      ),
    );
    exited.catch(() => undefined);
    for (let i = 0; i < 600; i++) {
      const ok = await Promise.race([
        fetch(`${this.base}/health/ready`).then(
          (r) => r.ok,
          () => false,
        ),
        exited,
      ]);
      if (ok) break;
      if (i === 599) throw new Error(`${this.script} did not become ready in 60 s`);
      await sleep(100);
    }
    this.timer = setInterval(
      () => (this.windowPeak = Math.max(this.windowPeak, this.status('VmRSS'))),
      100,
    );
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

  /** Stops the process where it is (SIGSTOP): it runs nothing, not even its timers, until `resume`. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    this.resume();
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }

  /** Last resort on an abrupt exit of the bench: never leave the service running. */
  kill(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

async function cannon(
  base: string,
  key: string,
  build: () => Request,
  seconds: number,
  options: CannonOptions = {},
): Promise<Omit<Measured, 'load1'>> {
  const { onResponse } = options;
  const result = await autocannon({
    url: base,
    connections: options.connections ?? connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const r = build();
          // Headers per request: a GET must not carry a write's content type.
          const headers: Record<string, string> = r.body
            ? { 'x-api-key': key, 'content-type': 'application/json', ...r.headers }
            : { 'x-api-key': key, ...r.headers };
          return { ...req, method: r.method, path: r.path, body: r.body ?? '', headers };
        },
        ...(onResponse && {
          onResponse: (status: number, body: string) => onResponse(status, body),
        }),
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

/**
 * An open-loop writer: `rate` requests a second, each sent when it is due whether or not the
 * earlier ones are answered (as many independent clients would; autocannon's overallRate sends
 * each second's quota in a burst at its start instead), for `seconds`; then waits for the answers
 * of all of them. Latency from the time each request was due; `rps`: the writes answered 2xx per
 * second, from the first one due until the last answer (a service that falls behind shows here).
 */
async function openLoop(
  base: string,
  key: string,
  build: () => Request,
  rate: number,
  seconds: number,
  onResponse?: (status: number, body: string) => void,
): Promise<Omit<Measured, 'load1'> & { total: number; seconds: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const pending = new Set<Promise<void>>();
  const send = async (dueAt: number) => {
    const r = build();
    try {
      const res = await fetch(`${base}${r.path}`, {
        method: r.method,
        headers: r.body
          ? { 'x-api-key': key, 'content-type': 'application/json', ...r.headers }
          : { 'x-api-key': key, ...r.headers },
        body: r.body,
      });
      const text = await res.text();
      if (!res.ok) errors++;
      onResponse?.(res.status, text);
    } catch (error) {
      errors++;
      onResponse?.(0, error instanceof Error ? error.message : String(error));
    }
    latencies.push(performance.now() - dueAt);
  };
  const started = performance.now();
  for (let now = started; now < started + seconds * 1000; now = performance.now()) {
    for (const due = Math.floor(((now - started) / 1000) * rate); sent < due; sent++) {
      const request = send(started + (sent * 1000) / rate);
      pending.add(request);
      void request.finally(() => pending.delete(request));
    }
    await sleep(1);
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: (sent - errors) / elapsed,
    p50: Math.round(quantile(latencies, 0.5)),
    p99: Math.round(quantile(latencies, 0.99)),
    errors,
    total: sent - errors,
    seconds: Math.round(elapsed * 100) / 100,
  };
}

/** `run` straight through the pool, `connections` at a time, for `seconds`. */
async function direct(
  run: () => Promise<unknown>,
  seconds: number,
): Promise<Omit<Measured, 'load1'>> {
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
  return {
    rps: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
  };
}

/** The tables whose rows the write path updates or deletes soon after inserting them. */
const CHURNED_TABLES = [
  'outbox_deliveries',
  'outbox_events',
  'webhook_deliveries',
  'webhook_attempts',
  'broker_messages',
  'idempotency_keys',
  'workspace_contact_counts',
];

/**
 * What autovacuum would have done between profiles, on a server where it is off (the
 * report says so): the churned tables vacuumed. Tolerates tables that do not exist.
 */
async function vacuumIfAutovacuumOff(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ v: string }>(`SELECT current_setting('autovacuum') AS v`);
  if (rows[0].v === 'on') return;
  const { rows: present } = await pool.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relkind = 'r' AND relname = ANY($1::text[])`,
    [CHURNED_TABLES],
  );
  if (present.length) await pool.query(`VACUUM ${present.map((t) => t.name).join(', ')}`);
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
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM outbox_deliveries WHERE status = 'pending'`,
      );
      pending = Number(rows[0].n);
    } catch {
      return 0;
    }
    const seconds = (Date.now() - started) / 1000;
    if (pending === 0) return seconds;
    if (seconds > limitSeconds) {
      console.warn(
        `outbox still has ${pending} pending deliveries after ${limitSeconds} s: measuring anyway`,
      );
      return seconds;
    }
    await sleep(250);
  }
}

/** The p99 a relative target (`p99Of`) allows, once the row it refers to is measured. */
function relativeP99(target: Target, rows: Row[]): number | undefined {
  if (!target.p99Of) return undefined;
  const { profile, times = 1, plus = 0 } = target.p99Of;
  const other = rows.find((r) => r.profile === profile);
  return other && Math.round((other.p99 * times + plus) * 10) / 10;
}

function pass(row: Row, rows: Row[]): string {
  const checks: boolean[] = [];
  if (row.target.p99 !== undefined) checks.push(row.p99 <= row.target.p99);
  if (row.target.p99Below !== undefined) checks.push(row.p99 < row.target.p99Below);
  const allowed = relativeP99(row.target, rows);
  if (allowed !== undefined) checks.push(row.p99 <= allowed);
  if (row.target.rps !== undefined) checks.push(row.rps >= row.target.rps);
  if (row.target.bareRatio !== undefined) {
    checks.push(row.bare !== undefined && row.rps / row.bare.rps >= row.target.bareRatio);
  }
  if (row.errors > 0) checks.push(false);
  if (checks.length === 0) return '—';
  return checks.every(Boolean) ? 'met' : '**not met**';
}

function median(values: number[]): number | string {
  if (values.length === 0) return '';
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The middle value (the upper of the two middle ones): a row of alternated rounds. */
function mid(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function describeTarget(t: Target, rows: Row[]): string {
  const of = t.p99Of;
  const allowed = relativeP99(t, rows);
  const parts = [
    t.p99 !== undefined ? `p99 ≤ ${t.p99} ms` : '',
    t.p99Below !== undefined ? `p99 < ${t.p99Below} ms` : '',
    of
      ? `p99 ≤ ${of.times !== undefined ? `${of.times} × ` : ''}p99 of "${of.profile}"${of.plus !== undefined ? ` + ${of.plus} ms` : ''}${allowed !== undefined ? ` (${allowed} ms)` : ''}`
      : '',
    t.rps !== undefined
      ? `≥ ${t.rps} req/s${t.perRequest ? ` (${(t.rps * t.perRequest.items).toLocaleString('en')} ${t.perRequest.name}/s)` : ''}`
      : '',
    t.bareRatio !== undefined ? `≥ ${t.bareRatio} of bare HTTP` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : '—';
}

async function machine(pool: Pool): Promise<string[]> {
  const setting = async (name: string) =>
    (await pool.query<{ v: string }>(`SELECT current_setting($1) AS v`, [name])).rows[0].v;
  const pg = (await pool.query<{ v: string }>('SELECT version() AS v')).rows[0].v.split(' on ')[0];
  let redis = 'Redis';
  try {
    redis = `Redis ${/redis_version:(\S+)/.exec(execFileSync('redis-cli', ['-u', redisUrl, 'INFO', 'server']).toString())?.[1] ?? '?'}`;
  } catch {
    // redis-cli missing: the version is only informative
  }
  return [
    `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${mb(totalmem()).toLocaleString('en')} MB RAM, Linux, Node ${process.version}`,
    `${pg} (shared_buffers ${await setting('shared_buffers')}, work_mem ${await setting('work_mem')}, max_parallel_workers_per_gather ${await setting('max_parallel_workers_per_gather')}, autovacuum ${await setting('autovacuum')}), ${redis}`,
    ...((await setting('autovacuum')) === 'on'
      ? []
      : [
          `Autovacuum is off in this server's configuration, so nothing would clear the dead rows the profiles leave (every delivery's claim and acknowledgement updates its row; an empty claim read 161 index pages of dead entries, 3 ms, after one run): before each profile the bench runs \`VACUUM\` on the tables the write path churns (${CHURNED_TABLES.join(', ')}), as autovacuum would keep them on a server where it runs (the delivery tables' own thresholds: 1% of their rows).`,
        ]),
    `The service, PostgreSQL, Redis and the load generator (autocannon, one process) share these cores, and other engineers run test suites on the same machine at the same time. Load average before the run: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(
        ' / ',
      )} (1 / 5 / 15 min). The \`load1\` column is the 1-minute load average as each profile ended; the bench's own processes (up to ${connections} busy database sessions, the service, autocannon) account for about 2 to 8 of it.`,
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
  execFileSync(process.execPath, ['dist/src/cli/main.js', 'migration:run'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });

  const pool = new Pool({ connectionString: databaseUrl, max: connections });
  const service = new Service(env, base);
  /** The bare HTTP server (bench/bare-server.ts), started once the service is. */
  let bare: Service | undefined;
  const abort = () => {
    service.kill();
    bare?.kill();
    process.exit(130);
  };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  process.once('exit', () => {
    service.kill();
    bare?.kill();
  });

  const machineLines = await machine(pool);
  let seeded: SeedResult | undefined;
  const existing = await pool.query(
    `SELECT 1 FROM contacts c JOIN workspaces w ON w.id = c.workspace_id WHERE w.slug = $1 LIMIT 1`,
    [slug],
  );
  if (existing.rowCount === 0) {
    console.log(
      `seeding ${contactsWanted.toLocaleString('en')} contacts (and ${Math.round(contactsWanted / 4).toLocaleString('en')} in each of two other workspaces)`,
    );
    seeded = await seed(
      databaseUrl as string,
      slug,
      contactsWanted,
      Math.round(contactsWanted / 4),
    );
  } else {
    console.log(`workspace ${slug} already seeded: measuring it as it is`);
  }

  const key = execFileSync(
    process.execPath,
    [
      'dist/src/cli/main.js',
      'api-keys:create',
      '--workspace',
      slug,
      '--scopes',
      'read:contacts,write:contacts',
      '--name',
      'bench',
    ],
    { env },
  )
    .toString()
    .trim()
    .split('\n')
    .pop() as string;

  const workspaceId = (
    await pool.query<{ id: string }>('SELECT id FROM workspaces WHERE slug = $1', [slug])
  ).rows[0].id;
  const {
    rows: [size],
  } = await pool.query<{ contacts: string; table_rows: number }>(WORKSPACE_SIZE_SQL, [workspaceId]);
  const workspaceContacts = Number(size.contacts);
  const scoped = searchScopedInIndex(workspaceContacts, Number(size.table_rows));
  const { rows: sample } = await pool.query<{
    id: string;
    email: string | null;
    phone: string | null;
  }>(
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
  const commonShare =
    Number(
      (
        await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM contacts WHERE workspace_id = $1 AND first_name = 'Maria'`,
          [workspaceId],
        )
      ).rows[0].n,
    ) / Math.max(workspaceContacts, 1);
  if (!ids.length || !emailFragments.length || !phoneDigits.length || !rareNames.length) {
    throw new Error('the workspace has too little data to sample (seed it with more contacts)');
  }

  // Writes use numbers and addresses the seed never produces (+25479…, @bench.example), the
  // numbers after the highest one that earlier runs left in the workspace (a number taken is a 409).
  const {
    rows: [highest],
  } = await pool.query<{ phone: string | null }>(
    `SELECT max(phone) AS phone FROM contacts WHERE workspace_id = $1 AND phone LIKE '+25479%' AND length(phone) = 13`,
    [workspaceId],
  );
  let sequence = highest.phone ? Number(highest.phone.slice(6)) : randomInt(10_000_000);
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
  const search = (text: string): Request => ({
    method: 'GET',
    path: `/v1/contacts?search=${encodeURIComponent(text)}`,
  });
  // Contacts of the bench's own for the delete and restore profiles (inserted, deleted, restored,
  // then removed again, so that the workspace measured by the next run is the same): 1,000 for
  // each second a profile runs (at least twice what the fastest delete run has reached), so that
  // a short run (the CI smoke test: 1 s) does not insert and bulk-delete 40,000 (each change goes
  // through the contacts' triggers: that alone took 17 s of the smoke test).
  const LIFECYCLE_CONTACTS = Math.min(40_000, Math.max(2_000, 1_000 * (duration + warmup)));
  const toDelete: string[] = [];
  const toRestore: string[] = [];
  const take = (queue: string[]): string => {
    const id = queue.shift();
    if (!id) {
      throw new Error(`the bench ran out of contacts to delete or restore (${LIFECYCLE_CONTACTS})`);
    }
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
  const profiles: Profile[] = [
    {
      profile: 'get by id',
      target: { bareRatio: 0.6 },
      build: () => ({ method: 'GET', path: `/v1/contacts/${pick(ids)}` }),
      bareHttp: true,
    },
    {
      profile: 'list pages 1–40',
      target: { p99: 20, bareRatio: 0.6 },
      build: () => ({ method: 'GET', path: `/v1/contacts?page=${1 + randomInt(40)}&limit=25` }),
      bareHttp: true,
    },
    {
      profile: 'list deep pages 200–400',
      target: { p99: 20 },
      build: () => ({ method: 'GET', path: `/v1/contacts?page=${200 + randomInt(201)}&limit=25` }),
    },
    {
      profile: 'search email fragment',
      target: { p99: 50, rps: 1000 },
      build: () => search(pick(emailFragments)),
    },
    {
      profile: 'search phone digits (6–8)',
      target: { p99: 50, rps: 1000 },
      build: () => search(pick(phoneDigits)),
    },
    { profile: 'search rare name', target: { p99: 50 }, build: () => search(pick(rareNames)) },
    {
      profile: `search common name ("${common}", ${(commonShare * 100).toFixed(0)}%)`,
      target: { p99: 300 },
      build: () => search(common),
    },
    {
      profile: 'create',
      target: { p99: 30, bareRatio: 0.5 },
      build: () => ({ method: 'POST', path: '/v1/contacts', body: newContact('Bench') }),
      bareHttp: true,
    },
    {
      profile: 'update',
      target: { p99: 30 },
      build: () => ({
        method: 'PATCH',
        path: `/v1/contacts/${pick(ids)}`,
        body: JSON.stringify({ company: `Company ${n++}` }),
      }),
    },
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
        await pool.query(
          `UPDATE contacts SET deleted_at = now() WHERE workspace_id = $1 AND id = ANY($2)`,
          [workspaceId, rest],
        );
        toRestore.push(...rest);
      },
      build: () => ({ method: 'POST', path: `/v1/contacts/${take(toRestore)}/restore` }),
    },
    {
      profile: 'history (contacts with updates)',
      target: { p99: 20 },
      build: () => ({ method: 'GET', path: `/v1/contacts/${pick(ids)}/history?limit=25` }),
    },
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
        return {
          method: 'PATCH',
          path: `/v1/contacts/${pick(ids)}`,
          body: JSON.stringify({ company: `Mix ${n++}` }),
        };
      },
    },
  ];

  // Issue 13. Contacts of the workspace picked at random (uniformly: a depth anywhere in the list):
  // positions for the cursors, and contacts for the batch's items that find one.
  const { rows: picked } = await pool.query<{
    id: string;
    created_at: Date;
    first_name: string;
    phone: string | null;
    email: string | null;
  }>(
    `SELECT id, created_at, first_name, phone, email FROM contacts
      WHERE workspace_id = $1 AND deleted_at IS NULL AND first_name IS NOT NULL AND last_name IS DISTINCT FROM 'Bench'
      ORDER BY random() LIMIT 30000`,
    [workspaceId],
  );
  const positions = picked.slice(0, 2000).map((r) => ({ createdAt: r.created_at, id: r.id }));
  const cursors = await Promise.all(positions.map((p) => listCursorOf(workspaceId, p)));
  if (!cursors.length) {
    throw new Error('the workspace has too little data to sample (seed it with more contacts)');
  }
  // Each contact found by one item only (by its phone or by its email), until the sample runs out.
  const byPhone = picked.filter(
    (r, i) => i % 2 === 0 && r.phone && phoneInputProblem(r.phone) === undefined,
  );
  const byEmail = picked.filter((r, i) => i % 2 === 1 && r.email);
  let phoneNext = 0;
  let emailNext = 0;

  // Batch upsert: 100 items, 80 new contacts (numbers and addresses the seed never produces, as
  // for create) and 20 that find a contact (10 by phone, 10 by email) and change its company; the
  // first name sent is the one it has, so the workspace stays as the other profiles measure it.
  const BATCH_CLIENTS = 8;
  const BATCH_EXISTING = 20;
  const batchItems = (): Record<string, unknown>[] =>
    Array.from({ length: MAX_BATCH_ITEMS }, (_, i) => {
      if (i % Math.round(MAX_BATCH_ITEMS / BATCH_EXISTING) !== 0) {
        return JSON.parse(newContact('Batch')) as Record<string, unknown>;
      }
      const phoneTurn = (i / Math.round(MAX_BATCH_ITEMS / BATCH_EXISTING)) % 2 === 0;
      const target = phoneTurn
        ? byPhone[phoneNext++ % byPhone.length]
        : byEmail[emailNext++ % byEmail.length];
      if (!target) return JSON.parse(newContact('Batch')) as Record<string, unknown>;
      return {
        firstName: target.first_name,
        ...(phoneTurn ? { phone: target.phone } : { email: target.email }),
        company: `Batch ${n++}`,
      };
    });
  const batchAnswers = { created: 0, updated: 0, failed: 0, unreadable: 0, other2xx: 0 };
  const itemFailures = new Failures();
  const batchFailures = new Failures();
  const batchStarted = { contacts: 0 };
  const countBatchContacts = async () =>
    Number(
      (
        await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM contacts WHERE workspace_id = $1 AND first_name = 'Batch' AND last_name = 'Bench'`,
          [workspaceId],
        )
      ).rows[0].n,
    );
  const batch: Profile = {
    profile: `batch upsert (${MAX_BATCH_ITEMS} items: ${MAX_BATCH_ITEMS - BATCH_EXISTING} new, ${BATCH_EXISTING} found), ${BATCH_CLIENTS} clients`,
    target: {
      p99: 250,
      rps: 5000 / MAX_BATCH_ITEMS,
      perRequest: { items: MAX_BATCH_ITEMS, name: 'contacts' },
    },
    connections: BATCH_CLIENTS,
    build: () => ({
      method: 'POST',
      path: '/v1/contacts/batch',
      body: JSON.stringify({ mode: 'upsert', items: batchItems() }),
    }),
    onResponse: (status, body) => {
      if (status !== 207) {
        // Not a batch's answer: an error (autocannon counts those that are not 2xx).
        if (status >= 200 && status < 300) batchAnswers.other2xx++;
        return batchFailures.add(status, body);
      }
      try {
        const { results } = JSON.parse(body) as { results: { status: number; error?: unknown }[] };
        for (const result of results) {
          if (result.status === 201) batchAnswers.created++;
          else if (result.status === 200) batchAnswers.updated++;
          else {
            batchAnswers.failed++;
            itemFailures.add(result.status, JSON.stringify(result.error ?? {}));
          }
        }
      } catch {
        batchAnswers.unreadable++;
      }
    },
    begin: async () => {
      Object.assign(batchAnswers, {
        created: 0,
        updated: 0,
        failed: 0,
        unreadable: 0,
        other2xx: 0,
      });
      itemFailures.reset();
      batchFailures.reset();
      batchStarted.contacts = await countBatchContacts();
    },
    end: async (row) => {
      const written = (await countBatchContacts()) - batchStarted.contacts;
      // Every item not written is an error, as is an answer that is not a batch's.
      row.errors += batchAnswers.failed + batchAnswers.unreadable + batchAnswers.other2xx;
      row.note = [
        `**${Math.round(row.rps * MAX_BATCH_ITEMS).toLocaleString('en')} contacts/s** (${row.rps.toFixed(1)} batches/s × ${MAX_BATCH_ITEMS} items)`,
        `items answered: ${batchAnswers.created.toLocaleString('en')} created (201), ${batchAnswers.updated.toLocaleString('en')} updated (200), ${batchAnswers.failed} failed${itemFailures.count ? ` (${itemFailures.toString()})` : ''}${batchAnswers.unreadable ? `, ${batchAnswers.unreadable} answers unreadable` : ''}`,
        batchFailures.count ? `answers other than 207: ${batchFailures.toString()}` : '',
        `${written.toLocaleString('en')} new contacts in the database after the profile (SQL; requests still in flight when it ended included)`,
        row.note,
      ]
        .filter(Boolean)
        .join('; ');
    },
  };

  // Keyset pages after a cursor at a random depth, against the first page; measured alternately.
  const firstPage: Profile = {
    profile: 'list first page (no cursor)',
    target: {},
    build: () => ({ method: 'GET', path: '/v1/contacts?limit=25' }),
  };
  const atDepth: Profile = {
    profile: `list after a cursor at a random depth (1 to ${workspaceContacts.toLocaleString('en')})`,
    target: { p99Of: { profile: firstPage.profile, plus: 5 } },
    build: () => ({
      method: 'GET',
      path: `/v1/contacts?limit=25&after=${encodeURIComponent(pick(cursors))}`,
    }),
  };

  // Idempotency-Key: create with a new key on every request, against create without; alternately.
  const unkeyed: Profile = {
    profile: 'create without Idempotency-Key',
    target: {},
    build: () => ({ method: 'POST', path: '/v1/contacts', body: newContact('Unkeyed') }),
  };
  const keyed: Profile = {
    profile: 'create with Idempotency-Key (a new key per request)',
    target: { p99Of: { profile: unkeyed.profile, times: 1.1 } },
    build: () => ({
      method: 'POST',
      path: '/v1/contacts',
      body: newContact('Keyed'),
      headers: { 'idempotency-key': randomUUID() },
    }),
  };

  // The change feed: a writer at FEED_RATE writes/s (half creates, half updates), a follower.
  const FEED_RATE = Number(values['feed-rate']);
  const FEED_LIMIT = 100;
  const feedWriter = `change feed: writer at ${FEED_RATE} writes/s (creates and updates, open loop)`;
  const feedFollower = `change feed: follower lag (GET /v1/contacts/changes, limit ${FEED_LIMIT})`;
  let feedWrites = 0;
  // Each update a change (a company no earlier run gave): every write answered has its change in the feed.
  const feedTag = randomUUID().slice(0, 8);
  const feedWrite = (): Request =>
    feedWrites++ % 2 === 0
      ? { method: 'POST', path: '/v1/contacts', body: newContact('Feed') }
      : {
          method: 'PATCH',
          path: `/v1/contacts/${pick(ids)}`,
          body: JSON.stringify({ company: `Feed ${feedTag} ${n++}` }),
        };

  // The outbox's delivery at OUTBOX_RATE creates/s (issue 17's target: p99 < 500 ms at 300).
  const OUTBOX_RATE = Number(values['outbox-rate']);
  const outboxLagProfile = `outbox: commit to delivery, every consumer, creates at ${OUTBOX_RATE}/s (open loop)`;

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
      const { rows: plan } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${text}`,
        params,
      );
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
  // A keyset page after a cursor half way down the list, as the cursor profile asks for them.
  const halfway = Math.floor(workspaceContacts / 2);
  const {
    rows: [middle],
  } = await pool.query<{ created_at: Date; id: string }>(
    `SELECT created_at, id FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`,
    [workspaceId, halfway],
  );
  if (middle) {
    await shape(
      `list after a cursor ${halfway.toLocaleString('en')} contacts deep (keyset)`,
      (sql) => keysetSql(sql, { createdAt: middle.created_at, id: middle.id }, 26),
    );
  }
  const searches: [string, string][] = [
    ['email fragment', emailFragments[0]],
    ['phone digits', phoneDigits[0]],
    ['rare name', rareNames[0]],
    ['common name', common],
  ];
  const how = scoped ? 'workspace inside the index' : 'workspace filtered after the index';
  for (const [title, text] of searches) {
    await shape(
      `search ${title} "${text}": total and page in one pass (${how}, as the service runs it here)`,
      (sql) => countedSearchSql(sql, text, 25, 0, scoped),
    );
  }
  await shape(
    `search phone digits "${phoneDigits[0]}", the other way (${scoped ? 'filtered after' : 'inside the index'}), for comparison`,
    (sql) => countedSearchSql(sql, phoneDigits[0], 25, 0, !scoped),
  );
  const commonTotalSql = new SqlParams(workspaceId);
  const commonTotal = Number(
    (
      await pool.query<{ __total: string }>(
        countedSearchSql(commonTotalSql, common, 1, 0, scoped),
        commonTotalSql.values,
      )
    ).rows[0].__total,
  );
  // As the service bounds it (page 2 ends at row 50).
  const scan = orderedScanBound(50, workspaceContacts, commonTotal);
  await shape(
    `search common name "${common}", page 2 once its total (${commonTotal.toLocaleString('en')}) is remembered (listing order, at most ${scan.toLocaleString('en')} rows)`,
    (sql) => orderedSearchSql(sql, common, 25, 25, scan),
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
    `batch: the insert of a batch's ${MAX_BATCH_ITEMS - BATCH_EXISTING} new contacts in one statement (in a transaction rolled back)`,
    `INSERT INTO contacts (id, workspace_id, first_name, last_name, phone, email, source, tags, created_at, updated_at, version)
     SELECT lpad(to_hex(extract(epoch FROM now())::int), 8, '0') || $2 || lpad(to_hex(g), 8, '0'), $1, 'Batch', 'Bench',
            '+25478' || lpad((g * 7919 % 10000000)::text, 7, '0'), 'plan.' || $2 || '.' || g || '@bench.example', 'api', '{}', now(), now(), 1
       FROM generate_series(1, $3::int) AS g`,
    [workspaceId, randomUUID().slice(0, 8), MAX_BATCH_ITEMS - BATCH_EXISTING],
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
  /** The answers of the run being measured that were not 2xx: the row's note names them. */
  const failures = new Failures();
  /**
   * One run of a profile after its warm-up, as a row. `delivering`: the service delivers events,
   * so the bench waits for the outbox to drain.
   */
  const measureRun = async (
    svc: Service,
    delivering: boolean,
    p: Profile,
    note?: string,
  ): Promise<Row> => {
    const options: CannonOptions = {
      connections: p.connections,
      onResponse: (status, body) => {
        failures.onResponse(status, body);
        p.onResponse?.(status, body);
      },
    };
    if (delivering) await drainOutbox(pool);
    await vacuumIfAutovacuumOff(pool);
    if (warmup > 0) await cannon(svc.base, key, p.build, warmup, options);
    if (delivering) await drainOutbox(pool);
    await p.begin?.();
    failures.reset();
    svc.takePeak();
    const measured = await cannon(svc.base, key, p.build, duration, options);
    const row: Row = {
      profile: p.profile,
      target: p.target,
      ...measured,
      rssMb: mb(svc.takePeak()),
      load1: loadavg()[0],
      note,
    };
    const answers = failures.toString();
    const drained = delivering ? await drainOutbox(pool) : 0;
    if (drained >= 1) {
      row.note = [note, `its events delivered ${drained.toFixed(0)} s after the profile ended`]
        .filter(Boolean)
        .join('; ');
    }
    await p.end?.(row);
    if (answers) row.note = [row.note, `answers not 2xx: ${answers}`].filter(Boolean).join('; ');
    return row;
  };
  /**
   * Issue 11 at equal load: the list, delete, restore and history profiles again, each at
   * --lifecycle-rate requests a second sent when due (open loop), in rotated order for --rounds
   * rounds (each row the median of its rounds). The closed loop above drives each profile at its
   * own saturation, so its p99 there is mostly queueing behind its throughput; here every profile
   * gets the same load and its p99 is the time one request takes beside the others at that load
   * (its events delivered meanwhile, as in production).
   */
  const LIFECYCLE_RATE = Number(values['lifecycle-rate']);
  const lifecycleProfiles = [
    'list pages 1–40',
    'delete',
    'restore',
    'history (contacts with updates)',
  ];
  const atFixedRate = async (names: string[]) => {
    const subjects = names.map((name) => {
      const p = profiles.find((candidate) => candidate.profile === name);
      if (!p) throw new Error(`no profile ${name}`);
      return p;
    });
    // Enough deleted contacts for every restore, and live ones for every delete.
    await prepareDeletable();
    const runs = new Map<string, Row[]>(names.map((name) => [name, []]));
    for (let round = 0; round < PAIRED_ROUNDS; round++) {
      const order = subjects.map((_, i) => subjects[(i + round) % subjects.length]);
      for (const p of order) {
        await drainOutbox(pool);
        await vacuumIfAutovacuumOff(pool);
        if (warmup > 0) {
          await openLoop(service.base, key, p.build, LIFECYCLE_RATE, warmup, failures.onResponse);
        }
        await drainOutbox(pool);
        failures.reset();
        service.takePeak();
        const { total, seconds, ...measured } = await openLoop(
          service.base,
          key,
          p.build,
          LIFECYCLE_RATE,
          duration,
          failures.onResponse,
        );
        const answers = failures.toString();
        runs.get(p.profile)?.push({
          profile: p.profile,
          target: {},
          ...measured,
          rssMb: mb(service.takePeak()),
          load1: loadavg()[0],
          note: [
            `${total.toLocaleString('en')} answered 2xx in ${seconds} s`,
            answers ? `answers not 2xx: ${answers}` : '',
          ]
            .filter(Boolean)
            .join('; '),
        });
      }
    }
    const atRate = (name: string) => `${name} at ${LIFECYCLE_RATE} req/s (open loop)`;
    for (const p of subjects) {
      const row = medianRow(p, runs.get(p.profile) ?? [], 'the other three at the same rate');
      row.profile = atRate(p.profile);
      row.target = p === subjects[0] ? {} : { p99Of: { profile: atRate(subjects[0].profile) } };
      record(row);
    }
  };
  const record = (row: Row) => {
    rows.push(row);
    console.log(
      `${row.profile}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, errors ${row.errors}, RSS ${row.rssMb} MB, load ${row.load1.toFixed(1)}${row.bare ? `; bare HTTP ${row.bare.rps.toFixed(0)} req/s, p99 ${row.bare.p99} ms → ratio ${(row.rps / row.bare.rps).toFixed(2)}` : ''}${row.note ? ` (${row.note})` : ''}`,
    );
  };
  const measure = async (svc: Service, delivering: boolean, p: Profile, note?: string) =>
    record(await measureRun(svc, delivering, p, note));

  /** Runs `a` and `b` alternately (a b, b a, a b…), PAIRED_ROUNDS times each: the runs of each. */
  const PAIRED_ROUNDS = Math.max(1, Number(values.rounds));
  const alternate = async (
    a: () => Promise<Row>,
    b: () => Promise<Row>,
  ): Promise<[Row[], Row[]]> => {
    const sides = [a, b];
    const runs: [Row[], Row[]] = [[], []];
    for (let round = 0; round < PAIRED_ROUNDS; round++) {
      for (const side of round % 2 === 0 ? [0, 1] : [1, 0]) runs[side].push(await sides[side]());
    }
    return runs;
  };
  /** The row of a profile's alternated runs (with `other`): req/s, p50, p99 and load1 each the median. */
  const medianRow = (p: Profile, runs: Row[], other: string): Row => {
    // The rounds' notes once each; how long their events took to deliver, as the longest.
    const parts = runs.flatMap((r) => r.note?.split('; ') ?? []);
    const delivered = parts
      .map((part) => /^its events delivered (\d+) s after/.exec(part)?.[1])
      .filter((sec): sec is string => sec !== undefined)
      .map(Number);
    const notes = new Set(parts.filter((part) => !part.startsWith('its events delivered')));
    if (delivered.length) {
      notes.add(`its events delivered up to ${Math.max(...delivered)} s after a round ended`);
    }
    return {
      profile: p.profile,
      target: p.target,
      rps: mid(runs.map((r) => r.rps)),
      p50: mid(runs.map((r) => r.p50)),
      p99: mid(runs.map((r) => r.p99)),
      errors: runs.reduce((sum, r) => sum + r.errors, 0),
      rssMb: Math.max(...runs.map((r) => r.rssMb ?? 0)),
      load1: mid(runs.map((r) => r.load1)),
      note: [
        PAIRED_ROUNDS > 1
          ? `median of ${PAIRED_ROUNDS} rounds alternated with ${other} (req/s, p50, p99 and load1 each the median); p99 of each round: ${runs.map((r) => r.p99).join(', ')} ms`
          : `measured next to ${other}`,
        ...notes,
      ].join('; '),
    };
  };
  /** Two profiles compared with each other, measured alternately: each row the median of its rounds. */
  const paired = async (a: Profile, b: Profile) => {
    const [runsA, runsB] = await alternate(
      () => measureRun(service, true, a),
      () => measureRun(service, true, b),
    );
    record(medianRow(a, runsA, `"${b.profile}"`));
    record(medianRow(b, runsB, `"${a.profile}"`));
  };
  /**
   * One run of the profile against the bare HTTP server, the service paused meanwhile (its own
   * deliveries done first). The deliveries of the bare server's creates are nobody's to make (as
   * the direct SQL ceiling's): they go before the service resumes.
   */
  const measureBare = async (bare: Service, p: Profile): Promise<Row> => {
    await drainOutbox(pool);
    const pausedAt = new Date();
    service.pause();
    try {
      return await measureRun(bare, false, p);
    } finally {
      await pool
        .query(
          `DELETE FROM outbox_deliveries d USING outbox_events e
            WHERE e.id = d.event_id AND d.status = 'pending' AND e.occurred_at >= $1`,
          [pausedAt],
        )
        .catch(() => undefined);
      service.resume();
    }
  };
  /** The profile against the service and against the bare HTTP server, alternately: one row. */
  const againstBare = async (bare: Service, p: Profile) => {
    const [runs, bareRuns] = await alternate(
      () => measureRun(service, true, p),
      () => measureBare(bare, p),
    );
    const row = medianRow(p, runs, 'the bare HTTP server');
    const { rps, p50, p99, errors, load1 } = medianRow(p, bareRuns, 'the service');
    row.bare = { rps, p50, p99, errors, load1 };
    // The bare server's p99 per round, and its rounds' own notes (answers that were not 2xx).
    const bareNotes = new Set(bareRuns.flatMap((r) => r.note?.split('; ') ?? []));
    row.note = [
      row.note,
      PAIRED_ROUNDS > 1
        ? `bare HTTP's p99 of each round: ${bareRuns.map((r) => r.p99).join(', ')} ms`
        : '',
      ...[...bareNotes].map((part) => `bare HTTP: ${part}`),
    ]
      .filter(Boolean)
      .join('; ');
    record(row);
  };

  /**
   * The change feed followed while a writer drives FEED_RATE writes/s: the follower starts at the
   * feed's end and asks for the next page as soon as it has one; each change's lag is the time
   * from its occurredAt until the follower holds the page with it.
   */
  const followFeed = async () => {
    await drainOutbox(pool);
    await vacuumIfAutovacuumOff(pool);
    if (warmup > 0) await openLoop(base, key, feedWrite, FEED_RATE, warmup, failures.onResponse);
    await drainOutbox(pool);
    const {
      rows: [end],
    } = await pool.query<{ xid: string; seq: string }>(
      `SELECT ch.xid::text AS xid, ch.seq::text AS seq FROM contact_changes ch WHERE ch.workspace_id = $1 ORDER BY ch.xid DESC, ch.seq DESC LIMIT 1`,
      [workspaceId],
    );
    let after = end ? await feedCursorOf(workspaceId, end) : null;
    const lags: number[] = [];
    const followerFailures = new Failures();
    let polls = 0;
    let writerEnded = 0;
    let acknowledged = 0;
    const follow = async () => {
      for (;;) {
        const since = writerEnded ? Date.now() - writerEnded : 0;
        // Caught up (a page with nothing once the writes are all answered), or given up.
        if (since > 30_000) return;
        polls++;
        try {
          const res = await fetch(
            `${base}/v1/contacts/changes?limit=${FEED_LIMIT}${after ? `&after=${encodeURIComponent(after)}` : ''}`,
            {
              headers: { 'x-api-key': key },
            },
          );
          const text = await res.text();
          const receivedAt = Date.now();
          if (!res.ok) {
            followerFailures.add(res.status, text);
            await sleep(50);
            continue;
          }
          const page = JSON.parse(text) as {
            items: { occurredAt: string }[];
            nextCursor: string | null;
          };
          for (const item of page.items) lags.push(receivedAt - Date.parse(item.occurredAt));
          after = page.nextCursor ?? after;
          if (writerEnded && page.items.length === 0) {
            if (since > 1000) return;
            await sleep(20);
          }
        } catch (error) {
          followerFailures.add(0, error instanceof Error ? error.message : String(error));
          await sleep(50);
        }
      }
    };
    failures.reset();
    service.takePeak();
    const following = follow();
    const { total, seconds, ...written } = await openLoop(
      base,
      key,
      feedWrite,
      FEED_RATE,
      duration,
      (status, body) => {
        if (status >= 200 && status < 300) acknowledged++;
        failures.onResponse(status, body);
      },
    );
    writerEnded = Date.now();
    await following;
    const rssMb = mb(service.takePeak());
    const load1 = loadavg()[0];
    const answers = failures.toString();
    record({
      profile: feedWriter,
      target: { rps: FEED_RATE * 0.95 },
      ...written,
      rssMb,
      load1,
      note: [
        `${FEED_RATE} writes/s sent for ${duration} s, each when due (open loop, latencies from that time), every other one a create, the others a change of company of a random contact; **${written.rps.toFixed(0)} writes/s achieved** (${total.toLocaleString('en')} answered 2xx from the first one sent to the last answer, ${seconds} s); the target is 95% of the rate asked`,
        answers ? `answers not 2xx: ${answers}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
    lags.sort((a, b) => a - b);
    // A write answered whose change never reached the follower is an error.
    const missing = Math.max(0, acknowledged - lags.length);
    record({
      profile: feedFollower,
      target: { p99Below: 1000 },
      rps: lags.length / seconds,
      p50: quantile(lags, 0.5),
      p99: quantile(lags, 0.99),
      errors: followerFailures.count + missing,
      rssMb,
      load1,
      note: [
        `the p50 and p99 columns are the **lag** from each change's occurredAt to the follower holding the page with it, req/s the changes it received per second; ${lags.length.toLocaleString('en')} changes in ${polls.toLocaleString('en')} polls (${(lags.length / Math.max(polls, 1)).toFixed(1)} a page), lag max ${lags[lags.length - 1] ?? 0} ms, for ${acknowledged.toLocaleString('en')} writes answered 2xx`,
        missing
          ? `${missing} answered writes whose change the follower did not receive within 30 s`
          : '',
        lags.length > acknowledged
          ? `${lags.length - acknowledged} changes more than the writes answered (another writer's)`
          : '',
        followerFailures.count ? `follower answers not 2xx: ${followerFailures.toString()}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
  };

  /**
   * Issue 17's outbox target: creates at OUTBOX_RATE/s (open loop) while the service delivers
   * their events; the lag of each delivery is its delivered_at − its event's occurred_at (the
   * writing transaction's time, so a little before its commit), over every consumer. A delivery
   * not done 180 s after the writes is an error.
   */
  const outboxLag = async () => {
    const write = (): Request => ({
      method: 'POST',
      path: '/v1/contacts',
      body: newContact('Outbox'),
    });
    await drainOutbox(pool);
    await vacuumIfAutovacuumOff(pool);
    if (warmup > 0) await openLoop(base, key, write, OUTBOX_RATE, warmup, failures.onResponse);
    await drainOutbox(pool);
    const {
      rows: [{ since }],
    } = await pool.query<{ since: Date }>(`SELECT clock_timestamp() AS since`);
    failures.reset();
    service.takePeak();
    const { total, seconds, ...written } = await openLoop(
      base,
      key,
      write,
      OUTBOX_RATE,
      duration,
      failures.onResponse,
    );
    const drained = await drainOutbox(pool);
    const rssMb = mb(service.takePeak());
    const load1 = loadavg()[0];
    const { rows } = await pool.query<{
      consumer: string | null;
      delivered: string;
      waiting: string;
      p50: number | null;
      p99: number | null;
      max: string | null;
    }>(
      `SELECT consumer,
              count(*) FILTER (WHERE delivered) AS delivered,
              count(*) FILTER (WHERE NOT delivered) AS waiting,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99,
              max(lag) AS max
         FROM (SELECT d.consumer, d.status = 'delivered' AS delivered,
                      extract(epoch FROM d.delivered_at - e.occurred_at) * 1000 AS lag
                 FROM outbox_events e JOIN outbox_deliveries d ON d.event_id = e.id
                WHERE e.workspace_id = $1 AND e.occurred_at >= $2
                  AND e.event_name = 'contact.created') lags
        GROUP BY ROLLUP (consumer)
        ORDER BY consumer NULLS FIRST`,
      [workspaceId, since],
    );
    const ms = (value: unknown): number => Math.round(Number(value ?? 0));
    const [all, ...perConsumer] = rows;
    const answers = failures.toString();
    record({
      profile: outboxLagProfile,
      target: { p99Below: 500 },
      rps: Number(all?.delivered ?? 0) / seconds,
      p50: ms(all?.p50),
      p99: ms(all?.p99),
      errors: Number(all?.waiting ?? 0) + written.errors,
      rssMb,
      load1,
      note: [
        `the p50 and p99 columns are the **lag** from each event's occurred_at to its delivery's delivered_at, over every consumer's delivery; req/s the deliveries done per second of writing; ${total.toLocaleString('en')} creates answered 2xx at ${written.rps.toFixed(0)}/s (p99 ${written.p99} ms), ${Number(all?.delivered ?? 0).toLocaleString('en')} deliveries, the last done ${drained.toFixed(0)} s after the writes`,
        `per consumer p50 / p99 / max ms: ${perConsumer.map((r) => `${r.consumer} ${ms(r.p50)} / ${ms(r.p99)} / ${ms(r.max)}`).join(', ')}`,
        answers ? `answers not 2xx: ${answers}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
  };

  /** The consumers a contact.created event gets a delivery for: the ceilings' creates write one each too. */
  let consumers: string[] = [];
  try {
    await service.start();
    idleRss = service.status('VmRSS');
    // The cursors the bench encodes are the service's: its first page's nextCursor is that of its last contact.
    const check = (await (
      await fetch(`${base}/v1/contacts?limit=25`, { headers: { 'x-api-key': key } })
    ).json()) as {
      items: { id: string; createdAt: string }[];
      nextCursor: string | null;
    };
    const last = check.items[check.items.length - 1];
    if (
      check.nextCursor &&
      check.nextCursor !==
        (await listCursorOf(workspaceId, { createdAt: new Date(last.createdAt), id: last.id }))
    ) {
      throw new Error(
        `the bench's list cursor for ${last.id} is not the service's (${check.nextCursor})`,
      );
    }
    // And the feed's: the position of its first change.
    const {
      rows: [first],
    } = await pool.query<{ xid: string; seq: string }>(
      `SELECT ch.xid::text AS xid, ch.seq::text AS seq FROM contact_changes ch WHERE ch.workspace_id = $1 ORDER BY ch.xid, ch.seq LIMIT 1`,
      [workspaceId],
    );
    const feed = (await (
      await fetch(`${base}/v1/contacts/changes?limit=1`, { headers: { 'x-api-key': key } })
    ).json()) as { items: { position: string }[] };
    if (
      first &&
      feed.items[0] &&
      feed.items[0].position !== (await feedCursorOf(workspaceId, first))
    ) {
      throw new Error(
        `the bench's feed cursor for ${first.xid}.${first.seq} is not the service's (${feed.items[0].position})`,
      );
    }
    if (selected('create')) {
      // A contact created through the service, and the deliveries its event got.
      const res = await fetch(`${base}/v1/contacts`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: newContact('Ceiling'),
      });
      if (res.status !== 201) {
        throw new Error(`a create answered ${res.status}: ${await res.text()}`);
      }
      const { id } = (await res.json()) as { id: string };
      const { rows: deliveries } = await pool.query<{ consumer: string }>(
        `SELECT d.consumer FROM outbox_events e JOIN outbox_deliveries d ON d.event_id = e.id
          WHERE e.aggregate_type = 'contact' AND e.aggregate_id = $1 AND e.event_name = 'contact.created'`,
        [id],
      );
      consumers = deliveries.map((d) => d.consumer);
    }
    if (profiles.some((p) => p.bareHttp && selected(p.profile))) {
      bare = new Service(
        {
          ...env,
          PORT: String(Number(port) + 1),
          BENCH_WORKSPACE_ID: workspaceId,
          BENCH_CONSUMERS: consumers.join(','),
        },
        `http://127.0.0.1:${Number(port) + 1}`,
        'dist/bench/bare-server.js',
      );
      await bare.start();
    }
    for (const p of profiles.filter((p) => selected(p.profile))) {
      await p.prepare?.();
      if (bare && p.bareHttp) await againstBare(bare, p);
      else await measure(service, true, p);
    }
    if (selected(...lifecycleProfiles)) await atFixedRate(lifecycleProfiles);
    if (selected(firstPage.profile, atDepth.profile)) await paired(firstPage, atDepth);
    if (selected(batch.profile)) await measure(service, true, batch);
    if (selected(unkeyed.profile, keyed.profile)) await paired(unkeyed, keyed);
    if (selected(feedWriter, feedFollower)) await followFeed();
    if (selected(outboxLagProfile)) await outboxLag();
    await drainOutbox(pool);
    if (selected('merge')) {
      merges = await timeMerges();
      console.log(
        `merge of a source with ${MERGE_MESSAGES.toLocaleString('en')} messages: dry run ${merges.dryRun.join(', ')} ms; merge ${merges.merge.join(', ')} ms`,
      );
    }
    peakRss = service.status('VmHWM');
    // The bench's own contacts of the delete, restore, merge, batch, Idempotency-Key and change
    // feed profiles go again (history with them; the merges' messages and conversations first).
    await pool.query(
      `DELETE FROM messages WHERE workspace_id = $1 AND contact_id IN (SELECT id FROM contacts WHERE workspace_id = $1 AND first_name = 'Mergeable' AND last_name = 'Bench')`,
      [workspaceId],
    );
    await pool.query(
      `DELETE FROM conversations WHERE workspace_id = $1 AND contact_id IN (SELECT id FROM contacts WHERE workspace_id = $1 AND first_name = 'Mergeable' AND last_name = 'Bench')`,
      [workspaceId],
    );
    await pool.query(
      `DELETE FROM contacts WHERE workspace_id = $1 AND first_name IN ('Deletable', 'Mergeable', 'Batch', 'Unkeyed', 'Keyed', 'Feed', 'Outbox') AND last_name = 'Bench'`,
      [workspaceId],
    );
    // Those the lifecycle profiles left are gone with them.
    toDelete.length = 0;
    toRestore.length = 0;
  } finally {
    await bare?.stop();
    await service.stop();
  }
  // The request path of the writes alone: the same service without delivering events.
  const quietProfiles = profiles.filter(
    (p) => ['create', 'update', 'delete', 'restore'].includes(p.profile) && selected(p.profile),
  );
  const quiet = new Service({ ...env, OUTBOX_DISPATCH: 'false' }, base);
  process.once('exit', () => quiet.kill());
  try {
    if (quietProfiles.length) await quiet.start();
    for (const p of quietProfiles) {
      await p.prepare?.();
      await measure(
        quiet,
        false,
        {
          ...p,
          profile: `${p.profile}, events not delivered (OUTBOX_DISPATCH=false)`,
          target: { p99: p.target.p99 },
        },
        'request path only: the outbox rows are written, not delivered',
      );
    }
    peakRss = Math.max(peakRss, quiet.status('VmHWM'));
  } finally {
    await quiet.stop();
  }
  if (quietProfiles.some((p) => p.prepare)) {
    // The delete and restore profiles' own contacts again.
    await pool.query(
      `DELETE FROM contacts WHERE workspace_id = $1 AND first_name = 'Deletable' AND last_name = 'Bench'`,
      [workspaceId],
    );
  }
  // What the quiet run left to deliver, delivered by nobody: not for the ceilings to share the disk with.
  await pool.query(`DELETE FROM outbox_deliveries WHERE status = 'pending'`).catch(() => undefined);

  // Ceilings: the SQL the service runs for the request, straight through the pool, same run.
  const ceilings: Record<string, () => Promise<unknown>> = {
    'get by id': () => pool.query(getQuery(workspaceId, pick(ids))),
    'list pages 1–40': () => pool.query(listQuery(workspaceId, 25, 25 * randomInt(40))),
    create: () =>
      createContact(pool, workspaceId, JSON.parse(newContact('Ceiling')) as NewContact, consumers),
  };
  for (const row of rows) {
    const run = ceilings[row.profile];
    if (!run) continue;
    if (warmup > 0) await direct(run, warmup);
    row.ceiling = { ...(await direct(run, duration)), load1: loadavg()[0] };
    console.log(
      `${row.profile}, direct SQL: ${row.ceiling.rps.toFixed(0)} req/s, p99 ${row.ceiling.p99} ms → ratio ${(row.rps / row.ceiling.rps).toFixed(2)}`,
    );
  }
  // A common-name search whose total is not remembered yet (the first page of a new search, or the
  // first after a write that a search can see): the statement the service runs, without the service.
  const coldCommon = () => {
    const sql = new SqlParams(workspaceId);
    return pool.query(countedSearchSql(sql, common, 25, 0, scoped), sql.values);
  };
  const cold = selected('common name')
    ? { ...(await direct(coldCommon, duration)), load1: loadavg()[0] }
    : undefined;
  if (cold) {
    console.log(
      `common name, total counted every time (direct SQL): ${cold.rps.toFixed(1)} req/s, p99 ${cold.p99} ms`,
    );
  }

  // The same listing page once the write profiles have added contacts (recent pages are not yet
  // all-visible, so the index-only scan visits the table for them, as in production between vacuums).
  await shape(
    'list, page 400, after the write profiles (before autovacuum has visited the new pages)',
    (sql) => listSql(sql, 25, 25 * 399),
  );
  // Nothing left for a later run: the deliveries of the quiet run and of the create ceiling, and
  // every contact the run created (the seed never writes the last name 'Bench'): a later run
  // measures the workspace as seeded, not with this run's contacts first in the listing order.
  await pool.query(`DELETE FROM outbox_deliveries WHERE status = 'pending'`).catch(() => undefined);
  await pool
    .query(`DELETE FROM contacts WHERE workspace_id = $1 AND last_name = 'Bench'`, [workspaceId])
    .catch((error: unknown) => console.warn(`the run's own contacts stay: ${String(error)}`));
  await pool.end();

  // The report.
  /** A ceiling's req/s and p99 (and its errors, which make it doubtful), and the service's share of it. */
  const cell = (m?: Measured) =>
    m ? `${m.rps.toFixed(0)} / ${m.p99} ms${m.errors ? ` (${m.errors} errors)` : ''}` : '';
  const ratio = (r: Row, m?: Measured) => (m ? (r.rps / m.rps).toFixed(2) : '');
  const table = [
    '| profile | req/s | p50 ms | p99 ms | errors | RSS MB | load1 | bare HTTP req/s / p99 | ratio to bare HTTP | direct SQL req/s / p99 | ratio to direct SQL | target | |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.profile} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.rssMb ?? ''} | ${r.load1.toFixed(1)} | ${cell(r.bare)} | ${ratio(r, r.bare)} | ${cell(r.ceiling)} | ${ratio(r, r.ceiling)} | ${describeTarget(r.target, rows)} | ${pass(r, rows)} |`,
    ),
    ...(cold
      ? [
          `| common name, total counted on every request (direct SQL, no service) | ${cold.rps.toFixed(1)} | ${cold.p50} | ${cold.p99} | ${cold.errors} | | ${cold.load1.toFixed(1)} | | | | | (p99 ≤ 300 ms) | ${cold.p99 <= 300 ? 'met' : '**not met**'} |`,
        ]
      : []),
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
- Batch upsert: ${BATCH_CLIENTS} connections, each request \`POST /v1/contacts/batch\` with ${MAX_BATCH_ITEMS} upsert items (${MAX_BATCH_ITEMS - BATCH_EXISTING} new contacts, ${BATCH_EXISTING / 2} finding a contact by phone and ${BATCH_EXISTING / 2} by email); every answer read, an item answered other than 200/201 counted as an error.
- Cursor pages: \`after\` = the service's cursor of one of ${cursors.length.toLocaleString('en')} contacts picked uniformly at random (so at any depth). The pairs compared (first page / cursor; create without / with Idempotency-Key) are measured alternately, ${PAIRED_ROUNDS} rounds each (A B, B A, A B…), on the same service: each row holds the median of its rounds.
- Bare HTTP: the SQL of direct SQL (below) behind bare Fastify routes (\`bench/bare-server.ts\`: \`GET /v1/contacts/:id\`, \`GET /v1/contacts?page&limit\`, \`POST /v1/contacts\`; no authentication, rate limit, validation or events), in a Node process of its own with the service's Node flags and a \`pg\` pool of the service's size (its DATABASE_POOL_SIZE), driven by autocannon with the same requests, connections, warm-up and duration as the service. For get by id, list pages 1–40 and create, the service and the bare server are measured alternately in the same way, ${PAIRED_ROUNDS} rounds each, each figure the median of its rounds. The service is paused (SIGSTOP) while the bare server is measured, and the outbox deliveries of the bare server's creates are deleted, not delivered (direct SQL's are not delivered either). Issue 17's targets are ratios to bare HTTP (get and list ≥ 0.6, create ≥ 0.5); the ratio to direct SQL is shown too.
- Event consumers of a create (one outbox delivery each): ${consumers.length ? consumers.map((c) => `\`${c}\``).join(', ') : 'not read (no create profile selected)'}; NATS JetStream publication ${env.NATS_URL ? `on (\`NATS_URL\` ${env.NATS_URL})` : 'off (`NATS_URL` not set)'}; webhook endpoints: none registered (the fan-out consumer runs and finds none).
- Outbox: creates at ${OUTBOX_RATE}/s (open loop, new contacts) while the service delivers their events to every consumer; lag = a delivery's \`delivered_at\` − its event's \`occurred_at\` (the writing transaction's time, a little before its commit).
- Change feed: a writer at ${FEED_RATE} writes/s (open loop) while one follower, from the feed's end, asks for the next page (limit ${FEED_LIMIT}) as soon as it has one; lag = the time the follower holds a change − its \`occurredAt\`.
- Direct SQL: the statement(s) the service runs for the request (for create: its transaction with the outbox event and one delivery per consumer), through a \`pg\` pool of ${connections}, ${connections} at a time, after the service has stopped: the database's ceiling, without HTTP.
- Service RSS: ${mb(idleRss)} MB idle after start, peak (VmHWM) **${mb(peakRss)} MB** over the whole run (target ≤ 250 MB); Node flags: ${values['node-options'] || 'none (V8 defaults)'}.

${table}

${rows
  .filter((r) => r.note)
  .map((r) => `- ${r.profile}: ${r.note}.`)
  .join('\n')}

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
