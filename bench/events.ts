/**
 * Events to the outside world under load (issue 14): webhooks and NATS JetStream, from a contact
 * change's commit until a receiver has it.
 *
 * Starts the built service (`dist/src/main.js`, NODE_ENV=production, every RATE_LIMIT_* raised,
 * WEBHOOKS_ALLOW_PRIVATE=true) on DATABASE_URL, REDIS_URL and NATS_URL, with a fresh workspace per
 * phase, and runs three phases:
 *
 * 0. The ceiling: the service's own webhook sender, signature and envelope in a process of their
 *    own (bench/webhook-ceiling.ts), no database, sending to five healthy receivers of this
 *    process for --seconds: what this machine can send at all, beside what the target asks.
 * 1. Webhooks. Seven receivers in this process on 127.0.0.1: five healthy (204 at once), one slow
 *    (200 after 5 s) and one address where nothing listens (connection refused), all registered
 *    with events ["*"] in one workspace. Batch creates of --batch items are sent, paced, at --rate
 *    events/s for --seconds; each healthy receiver records, per request, its arrival time minus
 *    `Date.parse(body.timestamp)` (the commit of the change): commit-to-delivery. After the load it
 *    waits until every healthy receiver has every event (or --settle seconds), then deletes the
 *    seven endpoints (their deliveries go with them: the slow one's backlog must not load phase 2).
 * 2. NATS JetStream. A workspace without endpoints, --broker-rate events/s for --seconds; then
 *    commit-to-ack from `broker_messages.published_at - outbox_events.occurred_at` once every event
 *    is published (or --settle seconds).
 *
 * Every second of each phase it samples the outbox backlog per consumer, the webhook backlog per
 * endpoint and the CPU of the service, of this database's PostgreSQL backends, of nats-server, of
 * this process and of the machine. It prints a Markdown report and writes it to --out. At the end
 * the service is stopped and this run's messages are purged from the stream (by subject).
 *
 *   npm run -s build && DATABASE_URL=postgresql://postgres@127.0.0.1:5432/<db> node dist/bench/events.js \
 *     [--seconds 10] [--rate 1000] [--broker-rate 2000] [--port 3993] [--out /tmp/events.md]
 *     [--phases ceiling,webhooks,nats] [--batch 100] [--settle 60] [--max-in-flight 32] [--worker]
 *     [--node-options='--cpu-prof --cpu-prof-dir=/tmp/prof']
 *
 * `--worker`: the API runs with OUTBOX_DISPATCH=false, WEBHOOK_DISPATCH=false and
 * RETENTION_JOBS=false, and a worker process (`dist/src/worker.js`, same settings otherwise)
 * delivers; the CPU of both is sampled. `--node-options`: Node flags for the service processes
 * (a CPU profile of each, for instance).
 *
 * Service settings (OUTBOX_CONCURRENCY, WEBHOOK_CONCURRENCY, DATABASE_POOL_SIZE, ...) are taken from
 * this process's environment and listed in the report with their effective values.
 */
import { execFileSync, execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { validateEnvironment } from '../src/config/environment.variables';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '1000' },
    'broker-rate': { type: 'string', default: '2000' },
    batch: { type: 'string', default: '100' },
    port: { type: 'string', default: '3993' },
    out: { type: 'string', default: '/tmp/events.md' },
    phases: { type: 'string', default: 'ceiling,webhooks,nats' },
    settle: { type: 'string', default: '60' },
    'max-in-flight': { type: 'string', default: '32' },
    worker: { type: 'boolean', default: false },
    'node-options': { type: 'string', default: '' },
  },
});
const withWorker = values.worker;
const nodeOptions = values['node-options'].split(' ').filter(Boolean);
const seconds = Number(values.seconds);
const webhookRate = Number(values.rate);
const brokerRate = Number(values['broker-rate']);
const batchSize = Number(values.batch);
const settleMs = Number(values.settle) * 1000;
const maxInFlight = Number(values['max-in-flight']);
const phases = new Set(values.phases.split(',').map((p) => p.trim()));
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
if (!(batchSize >= 1 && batchSize <= 100)) throw new Error('--batch must be 1 to 100');

/** The targets of issue 14. */
const TARGET = { webhookP99Ms: 1000, brokerP99Ms: 500 };
/** A rate counts as reached at this share of the target (pacing and timer jitter). */
const RATE_TOLERANCE = 0.98;
/** The slow receiver's delay, and the healthy receivers. */
const SLOW_MS = 5000;
const HEALTHY = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dist = join(__dirname, '..');
const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';
const ms = (n: number) => `${fmt(n)} ms`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? NaN,
  };
}

function otherWork(): string {
  try {
    const lines = execSync(`pgrep -af 'ci-run|dist/bench/' || true`).toString().trim().split('\n');
    const others = lines.filter(
      (l) =>
        l &&
        !l.includes(`${process.pid} `) &&
        !l.includes('pgrep') &&
        !l.includes('dist/bench/events.js'),
    );
    return others.length === 0 ? 'none' : others.map((l) => `\`${l.slice(0, 120)}\``).join('; ');
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------
// Receivers

interface Receiver {
  name: string;
  kind: 'healthy' | 'slow' | 'dead';
  url: string;
  server?: Server;
  endpointId?: string;
  requests: number;
  /** Each event's requests (a second one is a duplicate). */
  events: Map<string, number>;
  /** Per request: the change's commit (ms) and arrival minus commit. */
  samples: { committed: number; latency: number }[];
  firstAt: number;
  lastAt: number;
  inFlight: number;
  maxInFlight: number;
  /** Requests whose webhook-id header was not the body's id, or not parseable. */
  malformed: number;
}

interface Envelope {
  id: string;
  timestamp: string;
}

function newReceiver(name: string, kind: Receiver['kind']): Receiver {
  return {
    name,
    kind,
    url: '',
    requests: 0,
    events: new Map(),
    samples: [],
    firstAt: 0,
    lastAt: 0,
    inFlight: 0,
    maxInFlight: 0,
    malformed: 0,
  };
}

async function listen(receiver: Receiver): Promise<void> {
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const arrived = Date.now();
    receiver.requests++;
    receiver.inFlight++;
    receiver.maxInFlight = Math.max(receiver.maxInFlight, receiver.inFlight);
    receiver.firstAt ||= arrived;
    receiver.lastAt = arrived;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as Envelope;
        if (req.headers['webhook-id'] !== body.id) receiver.malformed++;
        receiver.events.set(body.id, (receiver.events.get(body.id) ?? 0) + 1);
        const committed = Date.parse(body.timestamp);
        receiver.samples.push({ committed, latency: arrived - committed });
      } catch {
        receiver.malformed++;
      }
      const answer = () => {
        receiver.inFlight--;
        if (receiver.kind === 'slow') {
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        } else res.writeHead(204).end();
      };
      if (receiver.kind === 'slow') setTimeout(answer, SLOW_MS);
      else answer();
    });
  };
  const server = createServer({ keepAliveTimeout: 60_000 }, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.server = server;
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${receiver.name}`;
}

/** A port nothing listens on: bound, read and closed again. */
async function deadUrl(name: string): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hooks/${name}`;
}

function closeReceiver(receiver: Receiver): Promise<void> {
  const server = receiver.server;
  if (!server) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

// ---------------------------------------------------------------------------------------------
// CPU

const TICKS_PER_SECOND = 100;

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime: fields 14 and 15 of the whole line, 12 and 13 after the name.
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return NaN;
  }
}

function machineTicks(): { busy: number; total: number } {
  const [, ...parts] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = parts.map(Number);
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - n[3] - n[4], total };
}

function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** CPU use between two calls, in % of one core: by group of processes, and of the whole machine in % of all cores. */
class CpuMeter {
  private last = new Map<number, number>();
  private lastAt = performance.now();
  private lastMachine = machineTicks();
  private lastSelf = process.cpuUsage();

  sample(groups: Record<string, number[]>): Record<string, number> {
    const now = performance.now();
    const elapsedTicks = ((now - this.lastAt) / 1000) * TICKS_PER_SECOND;
    const result: Record<string, number> = {};
    const seen = new Map<number, number>();
    for (const [group, pids] of Object.entries(groups)) {
      let used = 0;
      for (const pid of pids) {
        const ticks = processTicks(pid);
        if (!Number.isFinite(ticks)) continue;
        seen.set(pid, ticks);
        used += ticks - (this.last.get(pid) ?? ticks);
      }
      result[group] = (100 * used) / elapsedTicks;
    }
    const self = process.cpuUsage();
    result.bench =
      ((self.user + self.system - this.lastSelf.user - this.lastSelf.system) /
        1000 /
        (now - this.lastAt)) *
      100;
    const machine = machineTicks();
    result.machine =
      (100 * (machine.busy - this.lastMachine.busy)) /
      Math.max(1, machine.total - this.lastMachine.total);
    this.last = seen;
    this.lastAt = now;
    this.lastMachine = machine;
    this.lastSelf = self;
    return result;
  }
}

function topSnapshot(): string {
  try {
    // The second frame: the first one's %CPU is measured over no time at all.
    const out = execSync('top -b -n2 -d0.5 -w 160 | tail -n +1', { timeout: 10_000 }).toString();
    const frames = out.split(/^top - /m);
    return `top - ${frames.at(-1) ?? ''}`.split('\n').slice(0, 22).join('\n');
  } catch (error) {
    return `top failed: ${String(error)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// The service

interface Service {
  process: ChildProcess;
  /** The worker process, with --worker. */
  worker?: ChildProcess;
  base: string;
  logLines: number;
  /** Log messages (numbers and ids replaced), with how often each came and one example. */
  messages: Map<string, { count: number; level: string; example: string }>;
}

const LEVELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

function watchLog(service: Service, stream: NodeJS.ReadableStream | null): void {
  let rest = '';
  stream?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      service.logLines++;
      let level = 'text';
      let message = line;
      try {
        const entry = JSON.parse(line) as {
          level?: number;
          msg?: string;
          context?: string;
          err?: { message?: string };
        };
        level = LEVELS[entry.level ?? 0] ?? String(entry.level);
        message = `${entry.context ? `[${entry.context}] ` : ''}${entry.msg ?? ''}${entry.err?.message ? ` (${entry.err.message})` : ''}`;
      } catch {
        // not JSON: kept as written
      }
      const key = `${level} ${message}`
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
        .replace(/\b[0-9a-f]{24}\b/gi, '<id>')
        .replace(/\d+/g, 'N')
        .slice(0, 200);
      const known = service.messages.get(key);
      if (known) known.count++;
      else service.messages.set(key, { count: 1, level, example: message.slice(0, 400) });
    }
  });
}

async function startService(env: NodeJS.ProcessEnv): Promise<Service> {
  const child = spawn(process.execPath, [...nodeOptions, join(dist, 'src/main.js')], {
    env: withWorker
      ? { ...env, OUTBOX_DISPATCH: 'false', WEBHOOK_DISPATCH: 'false', RETENTION_JOBS: 'false' }
      : env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service: Service = {
    process: child,
    base: `http://127.0.0.1:${env.PORT}`,
    logLines: 0,
    messages: new Map(),
  };
  watchLog(service, child.stdout);
  watchLog(service, child.stderr);
  let exited = false;
  child.once('exit', () => (exited = true));
  // The worker has no port: it is ready once its dispatcher listens for the API's commits.
  const workerListening = async (): Promise<boolean> => {
    if (!withWorker) return true;
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'safravo-contacts-listener'`,
      );
      return rows.length > 0;
    } finally {
      await db.end();
    }
  };
  if (withWorker) {
    const worker = spawn(process.execPath, [...nodeOptions, join(dist, 'src/worker.js')], {
      env: { ...env, METRICS_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.worker = worker;
    watchLog(service, worker.stdout);
    watchLog(service, worker.stderr);
    worker.once('exit', () => (exited = true));
  }
  for (let i = 0; ; i++) {
    if (exited) {
      throw new Error(
        `the service exited at start: ${[...service.messages.values()].map((m) => m.example).join(' | ')}`,
      );
    }
    try {
      if ((await fetch(`${service.base}/health/ready`)).ok && (await workerListening())) {
        return service;
      }
    } catch {
      if (i > 600) throw new Error('the service did not start within 60 s');
    }
    await sleep(100);
  }
}

async function stopService(service: Service): Promise<void> {
  await Promise.all([stopProcess(service.process), service.worker && stopProcess(service.worker)]);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGINT: shutdown without SIGTERM's drain period for a load balancer.
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

function createKey(slug: string, env: NodeJS.ProcessEnv): string {
  const out = execFileSync(
    process.execPath,
    [
      join(dist, 'src/cli/main.js'),
      'api-keys:create',
      '--workspace',
      slug,
      '--scopes',
      'read:contacts,write:contacts,manage:webhooks',
    ],
    { env },
  );
  return out.toString().trim().split('\n').pop() as string;
}

// ---------------------------------------------------------------------------------------------
// Load

interface LoadResult {
  offered: number;
  created: number;
  /** From the first request sent to the last answer. */
  elapsedMs: number;
  /** Per HTTP status of the batch requests, and per status of the items. */
  statuses: Map<string, number>;
  itemStatuses: Map<string, number>;
  errors: string[];
  batchLatencies: number[];
  /** Batches sent later than their slot because --max-in-flight were pending. */
  late: number;
  /** Per second since the start: items created (by answer time). */
  createdBySecond: number[];
  startedAt: number;
}

interface Progress {
  created: number;
}

async function drive(
  base: string,
  key: string,
  rate: number,
  phoneBase: number,
  progress: Progress,
): Promise<LoadResult> {
  const batches = Math.max(1, Math.round((rate * seconds) / batchSize));
  const intervalMs = (1000 * batchSize) / rate;
  const headers = { 'x-api-key': key, 'content-type': 'application/json' };
  const result: LoadResult = {
    offered: batches * batchSize,
    created: 0,
    elapsedMs: 0,
    statuses: new Map(),
    itemStatuses: new Map(),
    errors: [],
    batchLatencies: [],
    late: 0,
    createdBySecond: [],
    startedAt: Date.now(),
  };
  const count = (map: Map<string, number>, k: string, n = 1) => map.set(k, (map.get(k) ?? 0) + n);
  const inFlight = new Set<Promise<void>>();
  const t0 = performance.now();
  const send = async (k: number): Promise<void> => {
    const items = Array.from({ length: batchSize }, (_, j) => {
      const i = k * batchSize + j;
      return { firstName: `Event ${i}`, phone: `+2547${String(phoneBase + i).padStart(8, '0')}` };
    });
    const sent = performance.now();
    try {
      const response = await fetch(`${base}/v1/contacts/batch`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ mode: 'create', items }),
      });
      const text = await response.text();
      result.batchLatencies.push(performance.now() - sent);
      count(result.statuses, String(response.status));
      if (response.status !== 207) {
        if (result.errors.length < 10) {
          result.errors.push(`batch ${k}: HTTP ${response.status} ${text.slice(0, 300)}`);
        }
        return;
      }
      const { results } = JSON.parse(text) as { results: { status: number; error?: unknown }[] };
      let created = 0;
      for (const item of results) {
        count(result.itemStatuses, String(item.status));
        if (item.status === 201) created++;
        else if (result.errors.length < 10) {
          result.errors.push(
            `batch ${k} item: ${item.status} ${JSON.stringify(item.error).slice(0, 300)}`,
          );
        }
      }
      result.created += created;
      progress.created += created;
      const second = Math.floor((performance.now() - t0) / 1000);
      result.createdBySecond[second] = (result.createdBySecond[second] ?? 0) + created;
    } catch (error) {
      count(result.statuses, 'network error');
      if (result.errors.length < 10) result.errors.push(`batch ${k}: ${String(error)}`);
    }
  };
  for (let k = 0; k < batches; k++) {
    const wait = t0 + k * intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    if (inFlight.size >= maxInFlight) {
      result.late++;
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    }
    const request = send(k).finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
  result.elapsedMs = performance.now() - t0;
  for (let s = 0; s < result.createdBySecond.length; s++) result.createdBySecond[s] ??= 0;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Sampling

interface Sample {
  t: number;
  created: number;
  healthyReceived: number;
  outbox: Record<string, number>;
  webhooks: Record<string, number>;
  cpu: Record<string, number>;
  load1: number;
}

class Sampler {
  readonly samples: Sample[] = [];
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private readonly cpu = new CpuMeter();
  private t0 = 0;

  constructor(
    private readonly db: Client,
    private readonly servicePid: number,
    private readonly workerPid: number | undefined,
    private readonly natsPids: number[],
    private readonly workspaceId: string,
    private readonly progress: Progress,
    private readonly receivers: Receiver[],
  ) {}

  /** What this database's other sessions were doing, sampled every 100 ms: statement (folded) and wait event. */
  readonly activity = new Map<string, number>();
  activitySamples = 0;
  private activityLoop: Promise<void> = Promise.resolve();
  private readonly activityDb = new Client({ connectionString: databaseUrl });

  async start(): Promise<void> {
    this.running = true;
    this.t0 = performance.now();
    this.cpu.sample(await this.groups());
    await this.activityDb.connect();
    this.loop = this.run();
    this.activityLoop = this.watchActivity();
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all([this.loop, this.activityLoop]);
    await this.activityDb.end();
  }

  private async groups(): Promise<Record<string, number[]>> {
    const backends = (
      await this.db.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
      )
    ).rows.map((r) => r.pid);
    return {
      service: [this.servicePid],
      worker: this.workerPid ? [this.workerPid] : [],
      postgres: backends,
      nats: this.natsPids,
    };
  }

  private async watchActivity(): Promise<void> {
    while (this.running) {
      const { rows } = await this.activityDb.query<{ query: string; wait: string | null }>(
        `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query, wait_event_type || ':' || wait_event AS wait
           FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() AND query NOT LIKE '%pg_stat_activity%'`,
      );
      this.activitySamples++;
      for (const row of rows) {
        const k = `${row.query}\u0001${row.wait ?? 'CPU'}`;
        this.activity.set(k, (this.activity.get(k) ?? 0) + 1);
      }
      await sleep(100);
    }
  }

  /** The statements most often seen active, as a Markdown table. */
  activityTable(limit = 10): string {
    const rows = [...this.activity].sort((a, b) => b[1] - a[1]).slice(0, limit);
    const lines = [
      '| statement (start) | wait event | share of samples (active sessions per sample) |',
      '| --- | --- | --- |',
    ];
    for (const [k, n] of rows) {
      const [query, wait] = k.split('\u0001');
      lines.push(
        `| \`${query.replace(/\|/g, '\\|')}\` | ${wait} | ${fmt(n / Math.max(1, this.activitySamples), 2)} |`,
      );
    }
    return `${fmt(this.activitySamples)} samples of \`pg_stat_activity\` (this database, every 100 ms):\n\n${lines.join('\n')}`;
  }

  private async run(): Promise<void> {
    let next = performance.now() + 1000;
    while (this.running) {
      await sleep(Math.max(0, next - performance.now()));
      next += 1000;
      if (!this.running) break;
      const t = Math.round((performance.now() - this.t0) / 1000);
      const cpu = this.cpu.sample(await this.groups());
      const outbox = await this.db.query<{ consumer: string; n: string }>(
        `SELECT d.consumer, count(*) AS n FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
          WHERE d.status = 'pending' AND e.workspace_id = $1 GROUP BY 1`,
        [this.workspaceId],
      );
      const webhooks = await this.db.query<{ endpoint_id: string; n: string }>(
        // Per endpoint, on the pending deliveries' index (a scan of the table cost PostgreSQL
        // about 0.1 s a sample, a tenth of what it spent on the phase).
        `SELECT e.id AS endpoint_id, (SELECT count(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'pending') AS n
           FROM webhook_endpoints e WHERE e.workspace_id = $1`,
        [this.workspaceId],
      );
      const byEndpoint: Record<string, number> = {};
      for (const row of webhooks.rows) {
        const receiver = this.receivers.find((r) => r.endpointId === row.endpoint_id);
        const kind = receiver?.kind ?? 'other';
        byEndpoint[kind] = (byEndpoint[kind] ?? 0) + Number(row.n);
      }
      const healthy = this.receivers.filter((r) => r.kind === 'healthy');
      this.samples.push({
        t,
        created: this.progress.created,
        healthyReceived: healthy.length
          ? healthy.reduce((n, r) => n + r.events.size, 0) / healthy.length
          : 0,
        outbox: Object.fromEntries(outbox.rows.map((r) => [r.consumer, Number(r.n)])),
        webhooks: byEndpoint,
        cpu,
        load1: loadavg()[0],
      });
    }
  }
}

const CONSUMER_SHORT: Record<string, string> = {
  'webhooks.fan-out': 'fan-out',
  'broker.nats': 'nats',
  'conversations.link-contact': 'conv',
  'messaging.link-messages': 'msg',
};

function timelineTable(samples: Sample[], withWebhooks: boolean): string {
  const consumers = [...new Set(samples.flatMap((s) => Object.keys(s.outbox)))].sort();
  const head = [
    't (s)',
    'events written',
    ...(withWebhooks ? ['received per healthy endpoint'] : []),
    ...consumers.map((c) => `outbox pending ${CONSUMER_SHORT[c] ?? c}`),
  ];
  if (withWebhooks) head.push('webhooks pending healthy / slow / dead');
  head.push(
    'CPU service',
    ...(withWorker ? ['CPU worker'] : []),
    'CPU postgres',
    'CPU nats',
    'CPU bench',
    'machine busy',
    'load1',
  );
  const rows = samples.map((s) => {
    const cells = [
      String(s.t),
      fmt(s.created),
      ...(withWebhooks ? [fmt(s.healthyReceived)] : []),
      ...consumers.map((c) => fmt(s.outbox[c] ?? 0)),
    ];
    if (withWebhooks) {
      cells.push(
        `${fmt(s.webhooks.healthy ?? 0)} / ${fmt(s.webhooks.slow ?? 0)} / ${fmt(s.webhooks.dead ?? 0)}`,
      );
    }
    cells.push(
      `${fmt(s.cpu.service)}%`,
      ...(withWorker ? [`${fmt(s.cpu.worker)}%`] : []),
      `${fmt(s.cpu.postgres)}%`,
      `${fmt(s.cpu.nats)}%`,
      `${fmt(s.cpu.bench)}%`,
      `${fmt(s.cpu.machine)}%`,
      s.load1.toFixed(2),
    );
    return cells;
  });
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function cpuAverages(samples: Sample[], until: number): string {
  const window = samples.filter((s) => s.t <= until);
  if (window.length === 0) return 'n/a';
  const avg = (k: string) => window.reduce((a, s) => a + (s.cpu[k] ?? 0), 0) / window.length;
  return `service ${fmt(avg('service'))}%${withWorker ? `, worker ${fmt(avg('worker'))}%` : ''}, PostgreSQL (this database's backends) ${fmt(avg('postgres'))}%, nats-server ${fmt(avg('nats'))}%, this bench ${fmt(avg('bench'))}% of one core; machine ${fmt(avg('machine'))}% busy of ${cpus().length} cores`;
}

function loadLine(result: LoadResult, rate: number): string {
  const achieved = result.created / (result.elapsedMs / 1000);
  const statuses = [...result.statuses].map(([s, n]) => `${s} × ${n}`).join(', ');
  const items = [...result.itemStatuses].map(([s, n]) => `${s} × ${fmt(n)}`).join(', ');
  const latency = summarize(result.batchLatencies);
  return (
    `Offered ${fmt(result.offered)} events (${fmt(rate)}/s for ${seconds} s, batches of ${batchSize}); written ${fmt(result.created)} in ${fmt(result.elapsedMs / 1000, 2)} s: ` +
    `**${fmt(achieved)} events/s**. Batch answers: ${statuses || 'none'}; items: ${items || 'none'}; batch latency p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)}; ` +
    `batches sent late (${maxInFlight} in flight): ${result.late}. Written per second: ${result.createdBySecond.map((n) => fmt(n)).join(', ')}.`
  );
}

async function workspaceIdOf(db: Client, slug: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM workspaces WHERE slug = $1', [
    slug,
  ]);
  if (!rows[0]) throw new Error(`workspace ${slug} not found`);
  return rows[0].id;
}

async function outboxPending(db: Client, workspaceId: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id WHERE d.status = 'pending' AND e.workspace_id = $1`,
    [workspaceId],
  );
  return Number(rows[0].n);
}

/** Commit to each consumer's done, per consumer (the outbox stage). */
async function outboxStage(db: Client, workspaceId: string): Promise<string> {
  const { rows } = await db.query<{
    consumer: string;
    status: string;
    n: string;
    p50: number | null;
    p99: number | null;
    max: number | null;
  }>(
    `SELECT d.consumer, d.status, count(*) AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.delivered_at - e.occurred_at) * 1000) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM d.delivered_at - e.occurred_at) * 1000) AS p99,
            max(extract(epoch FROM d.delivered_at - e.occurred_at) * 1000)::float8 AS max
       FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
      WHERE e.workspace_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    [workspaceId],
  );
  const lines = [
    '| outbox consumer | status | deliveries | commit → done p50 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.consumer} | ${r.status} | ${fmt(Number(r.n))} | ${ms(r.p50 ?? NaN)} | ${ms(r.p99 ?? NaN)} | ${ms(r.max ?? NaN)} |`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Phases

interface Verdict {
  target: string;
  measured: string;
  met: boolean;
}

async function webhookPhase(
  service: Service,
  db: Client,
  env: NodeJS.ProcessEnv,
  natsPids: number[],
  report: string[],
  verdicts: Verdict[],
  workspaces: string[],
): Promise<void> {
  const receivers: Receiver[] = [
    ...Array.from({ length: HEALTHY }, (_, i) => newReceiver(`healthy-${i + 1}`, 'healthy')),
    newReceiver('slow', 'slow'),
    newReceiver('dead', 'dead'),
  ];
  for (const receiver of receivers) {
    if (receiver.kind === 'dead') receiver.url = await deadUrl(receiver.name);
    else await listen(receiver);
  }
  const slug = `events-wh-${randomUUID().slice(0, 8)}`;
  const key = createKey(slug, env);
  const workspaceId = await workspaceIdOf(db, slug);
  workspaces.push(workspaceId);
  const headers = { 'x-api-key': key, 'content-type': 'application/json' };
  try {
    for (const receiver of receivers) {
      const response = await fetch(`${service.base}/v1/webhooks`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          url: receiver.url,
          events: ['*'],
          description: `bench ${receiver.name}`,
        }),
      });
      const text = await response.text();
      if (response.status !== 201) {
        throw new Error(`POST /v1/webhooks for ${receiver.name}: ${response.status} ${text}`);
      }
      receiver.endpointId = (JSON.parse(text) as { id: string }).id;
    }
    const names = new Map(receivers.map((r) => [r.endpointId as string, r.name]));
    const endpointName = (id: string) => names.get(id) ?? id;
    const progress: Progress = { created: 0 };
    const sampler = new Sampler(
      db,
      service.process.pid as number,
      service.worker?.pid,
      natsPids,
      workspaceId,
      progress,
      receivers,
    );
    await sampler.start();
    let top = '';
    const topAt = setTimeout(() => (top = topSnapshot()), (seconds * 1000) / 2);
    const load = await drive(service.base, key, webhookRate, 10_000_000, progress);
    clearTimeout(topAt);
    const loadEnded = performance.now();
    const { rows: writtenRows } = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM outbox_events WHERE workspace_id = $1',
      [workspaceId],
    );
    const written = Number(writtenRows[0].n);
    const healthy = receivers.filter((r) => r.kind === 'healthy');
    while (
      performance.now() - loadEnded < settleMs &&
      healthy.some((r) => r.events.size < written)
    ) {
      await sleep(250);
    }
    const settledMs = performance.now() - loadEnded;
    await sampler.stop();

    // What the database holds about the deliveries, before the endpoints go.
    const byEndpoint = await db.query<{
      endpoint_id: string;
      status: string;
      n: string;
      attempts: string;
    }>(
      `SELECT endpoint_id, status, count(*) AS n, sum(attempts) AS attempts FROM webhook_deliveries WHERE workspace_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [workspaceId],
    );
    const attempts = await db.query<{
      endpoint_id: string;
      status_code: number | null;
      error: string | null;
      n: string;
      p50: number;
      p99: number;
    }>(
      `SELECT d.endpoint_id, a.status_code, a.error, count(*) AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY a.latency_ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY a.latency_ms) AS p99
         FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
        WHERE d.workspace_id = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [workspaceId],
    );
    const healthyIds = healthy.map((r) => r.endpointId as string);
    const dispatch = await db.query<{ p50: number; p99: number; max: number; n: string }>(
      `SELECT count(*) AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.delivered_at - d.created_at) * 1000) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM d.delivered_at - d.created_at) * 1000) AS p99,
              max(extract(epoch FROM d.delivered_at - d.created_at) * 1000)::float8 AS max
         FROM webhook_deliveries d WHERE d.workspace_id = $1 AND d.status = 'delivered' AND d.endpoint_id = ANY($2)`,
      [workspaceId, healthyIds],
    );
    const stage = await outboxStage(db, workspaceId);
    // The dispatcher reads candidates oldest first (next_attempt_at, seq), up to 4 × the requests it
    // has room for, then keeps those whose endpoint has a free slot: who heads that list now?
    const window = 4 * Math.min(validateEnvironment(env).WEBHOOK_CONCURRENCY, 200);
    const due = await db.query<{
      endpoint_id: string;
      pending: string;
      due: string;
      head: string;
      age: number | null;
    }>(
      `SELECT p.endpoint_id, p.pending, p.due, coalesce(h.n, 0) AS head, extract(epoch FROM now() - p.oldest)::float8 AS age
         FROM (SELECT endpoint_id, count(*) AS pending, count(*) FILTER (WHERE next_attempt_at <= now()) AS due,
                      min(next_attempt_at) FILTER (WHERE next_attempt_at <= now()) AS oldest
                 FROM webhook_deliveries WHERE workspace_id = $1 AND status = 'pending' GROUP BY 1) p
         LEFT JOIN (SELECT endpoint_id, count(*) AS n FROM (
                      SELECT endpoint_id FROM webhook_deliveries
                       WHERE status = 'pending' AND next_attempt_at <= now()
                       ORDER BY next_attempt_at, seq LIMIT $2) w GROUP BY 1) h ON h.endpoint_id = p.endpoint_id
        ORDER BY 1`,
      [workspaceId, window],
    );

    // The slow endpoint's backlog must not load the next phase: the endpoints go, with their deliveries.
    for (const receiver of receivers) {
      const response = await fetch(`${service.base}/v1/webhooks/${receiver.endpointId}`, {
        method: 'DELETE',
        headers: { 'x-api-key': key },
      });
      if (response.status !== 204) {
        report.push(
          `> DELETE /v1/webhooks/${receiver.endpointId}: ${response.status} ${await response.text()}`,
        );
      } else receiver.endpointId = undefined;
    }

    const all = summarize(healthy.flatMap((r) => r.samples.map((s) => s.latency)));
    const achieved = load.created / (load.elapsedMs / 1000);
    const complete = healthy.every((r) => written > 0 && [...r.events.keys()].length >= written);
    const lastArrival = Math.max(...healthy.map((r) => r.lastAt));
    const deliveredRate = written / ((lastArrival - load.startedAt) / 1000);
    verdicts.push({
      target: `Webhooks: ${fmt(webhookRate)} events/s written and delivered to ${HEALTHY} healthy endpoints`,
      measured: `written ${fmt(achieved)}/s; each healthy endpoint got ${healthy.map((r) => fmt(r.events.size)).join(' / ')} of ${fmt(written)} events, the last ${fmt((lastArrival - load.startedAt) / 1000, 1)} s after the first request (${fmt(deliveredRate)}/s per endpoint)`,
      met: achieved >= webhookRate * RATE_TOLERANCE && complete,
    });
    verdicts.push({
      target: `Webhooks: commit-to-delivery p99 < ${ms(TARGET.webhookP99Ms)}`,
      measured: `p99 ${ms(all.p99)} (p50 ${ms(all.p50)}, p95 ${ms(all.p95)}, max ${ms(all.max)}; ${fmt(all.n)} requests)`,
      met: all.p99 < TARGET.webhookP99Ms && complete,
    });

    report.push(`## Phase 1: webhooks (${HEALTHY} healthy, 1 slow, 1 dead endpoint)\n`);
    report.push(loadLine(load, webhookRate));
    report.push('');
    report.push(
      `Events in the outbox for the workspace: ${fmt(written)}. Waited ${fmt(settledMs / 1000, 1)} s after the load for every healthy endpoint to have every event (at most ${fmt(settleMs / 1000)} s).`,
    );
    report.push('');
    report.push(
      '| endpoint | requests | distinct events | missing | duplicates | commit → delivery p50 | p95 | p99 | max | most in flight |',
    );
    report.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of receivers) {
      const s = summarize(r.samples.map((x) => x.latency));
      const dup = [...r.events.values()].reduce((a, n) => a + n - 1, 0);
      const missing = r.kind === 'dead' ? '-' : fmt(written - r.events.size);
      report.push(
        `| ${r.name} | ${fmt(r.requests)} | ${fmt(r.events.size)} | ${missing} | ${fmt(dup)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} | ${r.kind === 'dead' ? '-' : r.maxInFlight} |`,
      );
    }
    report.push(
      `| **${HEALTHY} healthy together** | ${fmt(healthy.reduce((a, r) => a + r.requests, 0))} | | | | **${ms(all.p50)}** | **${ms(all.p95)}** | **${ms(all.p99)}** | **${ms(all.max)}** | |`,
    );
    report.push('');
    const malformed = receivers.reduce((a, r) => a + r.malformed, 0);
    if (malformed > 0) {
      report.push(
        `> ${malformed} requests had a body that did not parse or a webhook-id header other than the body's id.\n`,
      );
    }
    // Healthy endpoints over the run: does the latency grow while the slow and dead endpoints' backlog does?
    const bySecond = new Map<number, number[]>();
    for (const r of healthy) {
      for (const s of r.samples) {
        const second = Math.floor((s.committed - load.startedAt) / 1000);
        const bucket = bySecond.get(second);
        if (bucket) bucket.push(s.latency);
        else bySecond.set(second, [s.latency]);
      }
    }
    report.push(
      'Commit-to-delivery at the healthy endpoints by the second the change was committed in (since the first request):\n',
    );
    report.push('| second | requests | p50 | p99 | max |');
    report.push('| --- | --- | --- | --- | --- |');
    for (const second of [...bySecond.keys()].sort((a, b) => a - b)) {
      const s = summarize(bySecond.get(second) as number[]);
      report.push(`| ${second} | ${fmt(s.n)} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} |`);
    }
    report.push('');
    report.push(
      'Where the time goes. Outbox stage (commit → the fan-out consumer done, which writes the deliveries):\n',
    );
    report.push(stage);
    const d = dispatch.rows[0];
    report.push('');
    report.push(
      `Dispatcher stage (delivery row created → delivered, healthy endpoints, as recorded): ${fmt(Number(d.n))} deliveries, p50 ${ms(d.p50)}, p99 ${ms(d.p99)}, max ${ms(d.max)}.`,
    );
    report.push('');
    report.push(
      'Deliveries in the database when the wait ended (before the endpoints were deleted):\n',
    );
    report.push('| endpoint | status | deliveries | attempts |');
    report.push('| --- | --- | --- | --- |');
    for (const r of byEndpoint.rows) {
      report.push(
        `| ${endpointName(r.endpoint_id)} | ${r.status} | ${fmt(Number(r.n))} | ${fmt(Number(r.attempts))} |`,
      );
    }
    report.push('');
    if (due.rows.length > 0) {
      report.push(
        `Pending deliveries when the wait ended, and how many of the ${window} oldest due ones each endpoint holds:\n`,
      );
      report.push('| endpoint | pending | due now | among the oldest due | oldest due since |');
      report.push('| --- | --- | --- | --- | --- |');
      for (const r of due.rows) {
        report.push(
          `| ${endpointName(r.endpoint_id)} | ${fmt(Number(r.pending))} | ${fmt(Number(r.due))} | ${fmt(Number(r.head))} | ${r.age === null ? '-' : `${fmt(r.age, 1)} s`} |`,
        );
      }
      report.push('');
    }
    report.push('| endpoint | attempt status | error | attempts | latency p50 | p99 |');
    report.push('| --- | --- | --- | --- | --- | --- |');
    for (const r of attempts.rows) {
      report.push(
        `| ${endpointName(r.endpoint_id)} | ${r.status_code ?? '-'} | ${r.error ?? ''} | ${fmt(Number(r.n))} | ${ms(r.p50)} | ${ms(r.p99)} |`,
      );
    }
    report.push('');
    const slow = receivers.find((r) => r.kind === 'slow') as Receiver;
    const firstHalf = summarize(
      [...bySecond].filter(([s]) => s < seconds / 2).flatMap(([, l]) => l),
    );
    const secondHalf = summarize(
      [...bySecond].filter(([s]) => s >= seconds / 2 && s < seconds).flatMap(([, l]) => l),
    );
    report.push(
      `Slow and dead endpoints: the slow one took ${fmt(slow.events.size)} events (at most ${slow.maxInFlight} requests in flight at once, WEBHOOK_ENDPOINT_CONCURRENCY ${validateEnvironment(env).WEBHOOK_ENDPOINT_CONCURRENCY}); ` +
        `the dead one's attempts are listed above. At the healthy endpoints, changes of the first half of the load: ${fmt(firstHalf.n)} requests, p99 ${ms(firstHalf.p99)}; of the second half (the slow endpoint's backlog larger): ${fmt(secondHalf.n)} requests of ${fmt(HEALTHY * (written - written / 2))} expected, p99 ${ms(secondHalf.p99)}.`,
    );
    report.push('');
    report.push(
      `CPU during the phase (average of the 1 s samples while loading): ${cpuAverages(sampler.samples, Math.ceil(load.elapsedMs / 1000))}.\n`,
    );
    report.push(`What PostgreSQL was busy with during the phase: ${sampler.activityTable()}\n`);
    report.push('<details><summary>Every second of the phase</summary>\n');
    report.push(timelineTable(sampler.samples, true));
    report.push('\n`top` in the middle of the load:\n');
    report.push('```\n' + top + '\n```\n</details>\n');
  } finally {
    for (const receiver of receivers) {
      if (receiver.endpointId) {
        await fetch(`${service.base}/v1/webhooks/${receiver.endpointId}`, {
          method: 'DELETE',
          headers: { 'x-api-key': key },
        }).catch(() => undefined);
      }
    }
    await Promise.all(receivers.map(closeReceiver));
  }
}

async function natsPhase(
  service: Service,
  db: Client,
  env: NodeJS.ProcessEnv,
  natsPids: number[],
  report: string[],
  verdicts: Verdict[],
  workspaces: string[],
): Promise<void> {
  const slug = `events-nats-${randomUUID().slice(0, 8)}`;
  const key = createKey(slug, env);
  const workspaceId = await workspaceIdOf(db, slug);
  workspaces.push(workspaceId);
  const progress: Progress = { created: 0 };
  const sampler = new Sampler(
    db,
    service.process.pid as number,
    service.worker?.pid,
    natsPids,
    workspaceId,
    progress,
    [],
  );
  await sampler.start();
  let top = '';
  const topAt = setTimeout(() => (top = topSnapshot()), (seconds * 1000) / 2);
  const load = await drive(service.base, key, brokerRate, 20_000_000, progress);
  clearTimeout(topAt);
  const loadEnded = performance.now();
  const { rows: writtenRows } = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM outbox_events WHERE workspace_id = $1',
    [workspaceId],
  );
  const written = Number(writtenRows[0].n);
  let published = 0;
  while (performance.now() - loadEnded < settleMs) {
    const { rows } = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM broker_messages WHERE workspace_id = $1',
      [workspaceId],
    );
    published = Number(rows[0].n);
    if (published >= written) break;
    await sleep(250);
  }
  const settledMs = performance.now() - loadEnded;
  await sampler.stop();
  const { rows } = await db.query<{
    n: string;
    p50: number;
    p95: number;
    p99: number;
    max: number;
    first: Date;
    last: Date;
  }>(
    `SELECT count(*) AS n,
            percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM b.published_at - e.occurred_at) * 1000) AS p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM b.published_at - e.occurred_at) * 1000) AS p95,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM b.published_at - e.occurred_at) * 1000) AS p99,
            max(extract(epoch FROM b.published_at - e.occurred_at) * 1000)::float8 AS max,
            min(e.occurred_at) AS first, max(b.published_at) AS last
       FROM broker_messages b JOIN outbox_events e ON e.id = b.event_id
      WHERE b.workspace_id = $1`,
    [workspaceId],
  );
  const r = rows[0];
  const perSecond = await db.query<{ s: number; n: string; p99: number }>(
    `SELECT floor(extract(epoch FROM b.published_at) - $2::double precision / 1000)::int AS s, count(*) AS n,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM b.published_at - e.occurred_at) * 1000) AS p99
       FROM broker_messages b JOIN outbox_events e ON e.id = b.event_id
      WHERE b.workspace_id = $1 GROUP BY 1 ORDER BY 1`,
    [workspaceId, load.startedAt],
  );
  const stage = await outboxStage(db, workspaceId);
  const achieved = load.created / (load.elapsedMs / 1000);
  const publishedRate = Number(r.n) / ((r.last.getTime() - load.startedAt) / 1000);
  verdicts.push({
    target: `NATS: ${fmt(brokerRate)} events/s written and published`,
    measured: `written ${fmt(achieved)}/s; published ${fmt(Number(r.n))} of ${fmt(written)}, the last ${fmt((r.last.getTime() - load.startedAt) / 1000, 1)} s after the first request (${fmt(publishedRate)}/s)`,
    met:
      achieved >= brokerRate * RATE_TOLERANCE &&
      Number(r.n) >= written &&
      publishedRate >= brokerRate * RATE_TOLERANCE,
  });
  verdicts.push({
    target: `NATS: commit-to-ack p99 < ${ms(TARGET.brokerP99Ms)}`,
    measured: `p99 ${ms(r.p99)} (p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, max ${ms(r.max)})`,
    met: r.p99 < TARGET.brokerP99Ms && Number(r.n) >= written,
  });
  report.push(`## Phase 2: NATS JetStream (a workspace without webhook endpoints)\n`);
  report.push(loadLine(load, brokerRate));
  report.push('');
  report.push(
    `Events written (outbox): ${fmt(written)}; published and acknowledged (broker_messages): ${fmt(Number(r.n))}, after waiting ${fmt(settledMs / 1000, 1)} s (at most ${fmt(settleMs / 1000)} s). ` +
      `Commit-to-ack (\`published_at - occurred_at\`): p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, **p99 ${ms(r.p99)}**, max ${ms(r.max)}. Published from the first request to the last ack: ${fmt(publishedRate)}/s.`,
  );
  report.push('');
  report.push(
    'Published per second (since the first request), with the p99 of the commit-to-ack of what was published in that second:\n',
  );
  report.push('| second | published | p99 |');
  report.push('| --- | --- | --- |');
  for (const row of perSecond.rows) {
    report.push(`| ${row.s} | ${fmt(Number(row.n))} | ${ms(row.p99)} |`);
  }
  report.push('');
  report.push(
    'Outbox stage per consumer (every consumer of the event runs on the one dispatcher):\n',
  );
  report.push(stage);
  report.push('');
  report.push(
    `CPU during the phase (average of the 1 s samples while loading): ${cpuAverages(sampler.samples, Math.ceil(load.elapsedMs / 1000))}.\n`,
  );
  report.push(`What PostgreSQL was busy with during the phase: ${sampler.activityTable()}\n`);
  report.push('<details><summary>Every second of the phase</summary>\n');
  report.push(timelineTable(sampler.samples, false));
  report.push('\n`top` in the middle of the load:\n');
  report.push('```\n' + top + '\n```\n</details>\n');
}

/** Removes this run's messages from the stream (their subjects name its workspaces). */
async function purgeStream(
  natsUrl: string,
  stream: string,
  workspaceIds: string[],
): Promise<string> {
  const connection = await connect({ servers: natsUrl, timeout: 5000 });
  try {
    const jsm = await jetstreamManager(connection);
    let purged = 0;
    for (const id of workspaceIds) {
      purged += (await jsm.streams.purge(stream, { filter: `safravo.${id}.>` })).purged;
    }
    return `${fmt(purged)} messages of this run purged from ${stream}`;
  } finally {
    await connection.close();
  }
}

/**
 * Phase 0, the ceiling: the service's own sending code alone (bench/webhook-ceiling.ts, in a
 * process of its own, no database, no outbox) against five healthy receivers of this process, with
 * WEBHOOK_ENDPOINT_CONCURRENCY requests in flight per receiver: the most webhook requests a second
 * this machine can send and receive at all, and what share of it the webhook target asks for.
 */
async function ceilingPhase(report: string[], perEndpoint: number): Promise<void> {
  const receivers = Array.from({ length: HEALTHY }, (_, i) =>
    newReceiver(`ceiling-${i + 1}`, 'healthy'),
  );
  for (const receiver of receivers) await listen(receiver);
  const machineBefore = machineTicks();
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          join(dist, 'bench/webhook-ceiling.js'),
          JSON.stringify(receivers.map((r) => r.url)),
          String(perEndpoint),
          String(seconds),
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`webhook-ceiling exited with ${code}`)),
      );
    });
    const elapsed = (performance.now() - started) / 1000;
    const own = process.cpuUsage(ownBefore);
    const machineAfter = machineTicks();
    const result = JSON.parse(output.trim().split('\n').pop() as string) as {
      sent: number;
      failed: number;
      perSecond: number;
      cpuMicrosPerSend: number;
      bodyBytes: number;
    };
    const received = receivers.reduce((n, r) => n + r.requests, 0);
    const busy =
      (machineAfter.busy - machineBefore.busy) /
      Math.max(1, machineAfter.total - machineBefore.total);
    const needed = HEALTHY * webhookRate;
    report.push(`## Phase 0: the machine's webhook ceiling (no database)\n`);
    report.push(
      `The service's own sender, signature and envelope (\`dist/bench/webhook-ceiling.js\`, a process of its own) sent ${fmt(result.sent)} requests (${fmt(result.failed)} failed) of ${fmt(result.bodyBytes)} bytes to ${HEALTHY} healthy receivers of this process in ${fmt(elapsed, 1)} s, ${fmt(perEndpoint)} in flight per receiver: **${fmt(result.perSecond)} requests/s**, the machine ${fmt(busy * 100)}% busy; per request ${fmt(result.cpuMicrosPerSend)} µs of the sender's CPU and ${fmt((own.user + own.system) / Math.max(1, received))} µs of the receivers' (this process). ` +
        `The webhook target's ${fmt(needed)} deliveries/s to the healthy endpoints alone would take ${fmt((needed / result.perSecond) * 100)}% of this ceiling, before writing the ${fmt(webhookRate)} contacts/s that make the events and before any of the delivery's bookkeeping in PostgreSQL.\n`,
    );
  } finally {
    await Promise.all(receivers.map(closeReceiver));
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = load();
  const othersBefore = otherWork();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    PORT: values.port,
    HOST: '127.0.0.1',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    RATE_LIMIT_CONTACTS_LIST: '100000000',
    RATE_LIMIT_CONTACTS_GET: '100000000',
    RATE_LIMIT_CONTACTS_CREATE: '100000000',
    RATE_LIMIT_CONTACTS_UPDATE: '100000000',
    RATE_LIMIT_DEFAULT: '100000000',
    RATE_LIMIT_AUTH_FAILURES: '100000000',
  };
  const settings = validateEnvironment(env);
  const natsPids = pidsNamed('nats-server');
  const db = new Client({ connectionString: databaseUrl });
  const report: string[] = [];
  const verdicts: Verdict[] = [];
  const workspaces: string[] = [];
  let service: Service | undefined;
  let purge = '';
  try {
    // The CLI migrates a fresh database before the service starts.
    createKey(`events-warmup-${randomUUID().slice(0, 8)}`, env);
    service = await startService(env);
    await db.connect();
    // Leftovers of an earlier run in this database would be delivered first, and delay this one's.
    const leftover = async () =>
      Number(
        (
          await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM outbox_deliveries WHERE status = 'pending' AND next_attempt_at <= now() + interval '1 minute'`,
          )
        ).rows[0].n,
      );
    const found = await leftover();
    const t = performance.now();
    while ((await leftover()) > 0 && performance.now() - t < settleMs) await sleep(250);
    const left = await leftover();
    if (found > 0) {
      report.push(
        `> The database held ${fmt(found)} pending outbox deliveries of earlier runs at the start; ${left > 0 ? `${fmt(left)} were still pending after ${fmt(settleMs / 1000)} s: they compete with this run's` : `waited ${fmt((performance.now() - t) / 1000, 1)} s for them`}. Use a fresh database.\n`,
      );
    }
    if (phases.has('ceiling')) await ceilingPhase(report, settings.WEBHOOK_ENDPOINT_CONCURRENCY);
    if (phases.has('webhooks')) {
      await webhookPhase(service, db, env, natsPids, report, verdicts, workspaces);
    }
    if (phases.has('nats')) {
      // Phase 1's deliveries must not load phase 2.
      const t = performance.now();
      for (const id of workspaces) {
        while ((await outboxPending(db, id)) > 0 && performance.now() - t < settleMs) {
          await sleep(250);
        }
      }
      await natsPhase(service, db, env, natsPids, report, verdicts, workspaces);
    }
  } finally {
    if (service) await stopService(service);
    await db.end().catch(() => undefined);
    if (workspaces.length > 0) {
      purge = await purgeStream(env.NATS_URL as string, settings.NATS_STREAM, workspaces).catch(
        (error: unknown) => `stream purge failed: ${String(error)}`,
      );
    }
  }

  const cpu = cpus();
  const tuned = [
    'OUTBOX_CONCURRENCY',
    'OUTBOX_BATCH_SIZE',
    'OUTBOX_POLL_MS',
    'OUTBOX_DELIVERY_TIMEOUT_MS',
    'WEBHOOK_CONCURRENCY',
    'WEBHOOK_ENDPOINT_CONCURRENCY',
    'WEBHOOK_TIMEOUT_MS',
    'WEBHOOK_POLL_MS',
    'WEBHOOK_RETRY_BASE_MS',
    'DATABASE_POOL_SIZE',
    'NATS_STREAM',
  ] as const;
  const settingList = tuned
    .map((name) => `${name}=${String(settings[name])}${process.env[name] ? '' : ' (default)'}`)
    .join(', ');
  const logs = [...(service?.messages.values() ?? [])].sort((a, b) => b.count - a.count);
  const out = [
    `# Events to the outside world under load (issue 14)\n`,
    `Run ${startedAt.toISOString()}: \`node dist/bench/events.js ${process.argv.slice(2).join(' ')}\`\n`,
    '## Targets\n',
    '| target | measured | met |',
    '| --- | --- | --- |',
    ...verdicts.map(
      (v) => `| ${v.target} | ${v.measured} | ${v.met ? '**met**' : '**not met**'} |`,
    ),
    '',
    '## Machine\n',
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${fmt(totalmem() / 2 ** 20)} MB RAM, Node ${process.version}. The service, PostgreSQL, Redis, nats-server, the receivers and the load generator (this process) share these cores.`,
    '',
    `Load average (1 / 5 / 15 min) before: ${loadBefore}; after: ${load()}. Other work seen at the start (\`pgrep -af 'ci-run|dist/bench/'\`): ${othersBefore}; at the end: ${otherWork()}.`,
    '',
    '## Settings\n',
    `Topology: ${withWorker ? 'the API (OUTBOX_DISPATCH=false, WEBHOOK_DISPATCH=false, RETENTION_JOBS=false) and a worker (`dist/src/worker.js`) that delivers' : 'one service process that serves the API and delivers'}${nodeOptions.length ? `; Node flags ${nodeOptions.join(' ')}` : ''}. ` +
      `Service: NODE_ENV=production, LOG_LEVEL=${env.LOG_LEVEL}, WEBHOOKS_ALLOW_PRIVATE=true, every RATE_LIMIT_* = 100000000, ${settingList}. ` +
      `REDIS_URL, NATS_URL (nats-server ${natsPids.length ? 'pid ' + natsPids.join(',') : 'not found locally'}) and a PostgreSQL database of its own. ` +
      `Bench: --seconds ${seconds}, --rate ${webhookRate}, --broker-rate ${brokerRate}, --batch ${batchSize}, --max-in-flight ${maxInFlight}, --settle ${settleMs / 1000}; slow receiver answers after ${SLOW_MS} ms.`,
    '',
    ...report,
    '## Service log\n',
    `${fmt(service?.logLines ?? 0)} lines at LOG_LEVEL=${env.LOG_LEVEL}.` +
      (logs.length ? ' By message (numbers and ids folded):\n' : ''),
    ...(logs.length
      ? [
          '| count | level | example |',
          '| --- | --- | --- |',
          ...logs
            .slice(0, 20)
            .map(
              (m) =>
                `| ${fmt(m.count)} | ${m.level} | ${m.example.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`,
            ),
        ]
      : []),
    '',
    `NATS: ${purge || 'nothing published'}.`,
    '',
  ].join('\n');
  writeFileSync(values.out, out);
  console.log(out);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
