/**
 * What metrics and tracing cost (issue #16: at most 5% of get and list throughput): the service
 * with both off (METRICS_ENABLED=false, OTEL_SDK_DISABLED=true) against the service as it ships
 * (metrics on, no exporter; and the same with every request in a caller's trace), and optionally
 * with spans exported to a local collector that accepts and drops them. Each variant is a fresh process on the same database; the variants
 * are measured in alternation, round after round (the machine is noisy), and each row is the
 * median of its rounds.
 *
 *   npm run build && DATABASE_URL=… node dist/bench/observability.js --workspace bench
 *     [--duration 10] [--warmup 3] [--rounds 3] [--connections 16] [--port 3991]
 *     [--exporting (adds the variant that exports to a local sink)]
 *     [--each (adds "metrics only" and "tracing only")] [--out bench/OBSERVABILITY.md]
 *
 * The workspace must exist with contacts (`npm run bench` seeds one; or `npm run bench:seed`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Pool } from 'pg';

const { values } = parseArgs({
  options: {
    workspace: { type: 'string', default: 'bench' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
    port: { type: 'string', default: '3991' },
    exporting: { type: 'boolean', default: false },
    // Adds "metrics only" and "tracing only": each one's share of the cost.
    each: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/OBSERVABILITY.md' },
    // Requests per second for the whole run (autocannon's overallRate): the service below
    // saturation, so that CPU per request measures its work, not the fight for two cores.
    rate: { type: 'string' },
    // Pins the service to this CPU (taskset -c): run the benchmark, PostgreSQL and Redis on the
    // other cores (e.g. `taskset -c 0 node dist/bench/observability.js --cpu 1`, after
    // `taskset -apc 0` on PostgreSQL's and Redis's processes), so that nothing else runs on its core.
    cpu: { type: 'string' },
    // Only the profiles whose name starts with this (e.g. "get").
    only: { type: 'string' },
  },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required (the benchmark database)');
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const rounds = Math.max(1, Number(values.rounds));
const connections = Number(values.connections);
const base = `http://127.0.0.1:${values.port}`;
const rate = values.rate ? Number(values.rate) : undefined;

interface Variant {
  name: string;
  env: NodeJS.ProcessEnv;
  /** Sent with every request (a caller's trace context). */
  headers?: Record<string, string>;
}
interface Measured {
  rps: number;
  /** The service's CPU time (user + system) per answered request, µs: steadier than req/s on a busy machine. */
  cpuUs: number;
  p50: number;
  p99: number;
  errors: number;
}
interface Profile {
  name: string;
  path: () => string;
}

/** A collector that answers every export with 200 and keeps nothing (the exporter's own cost). */
async function sink(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function start(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const command = [process.execPath, '--max-old-space-size=192', 'dist/src/main.js'];
  if (values.cpu) command.unshift('taskset', '-c', values.cpu);
  const child = spawn(command[0], command.slice(1), {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode})`);
    const ok = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await sleep(100);
  }
  throw new Error('the service did not become ready in 60 s');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** CPU time the process has used (user + system), µs, from /proc/<pid>/stat. */
function cpuTimeUs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime: fields 14 and 15 of stat(5), the 12th and 13th after the command name.
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6;
}
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

async function cannon(
  key: string,
  path: () => string,
  seconds: number,
  pid: number,
  headers: Record<string, string> = {},
): Promise<Measured> {
  const cpuBefore = cpuTimeUs(pid);
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          path: path(),
          headers: { ...headers, 'x-api-key': key },
        }),
      },
    ],
  });
  const answered = result.requests.total;
  return {
    rps: result.requests.average,
    cpuUs: answered > 0 ? (cpuTimeUs(pid) - cpuBefore) / answered : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: values.port,
    HOST: '127.0.0.1',
    METRICS_PORT: '0',
    RATE_LIMIT_CONTACTS_LIST: '100000000',
    RATE_LIMIT_CONTACTS_GET: '100000000',
    RATE_LIMIT_DEFAULT: '100000000',
  };
  delete common.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete common.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const collector = values.exporting ? await sink() : undefined;
  const variants: Variant[] = [
    {
      name: 'metrics and tracing off',
      env: { ...common, METRICS_ENABLED: 'false', OTEL_SDK_DISABLED: 'true' },
    },
    { name: 'as shipped: metrics on, no exporter', env: { ...common } },
    {
      // Each request in a caller's trace: the trace context is entered (and its ids logged).
      name: 'as shipped, every request with a caller’s traceparent',
      env: { ...common },
      headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    },
    ...(values.each
      ? [
          { name: 'metrics only', env: { ...common, OTEL_SDK_DISABLED: 'true' } },
          { name: 'tracing only (no exporter)', env: { ...common, METRICS_ENABLED: 'false' } },
        ]
      : []),
    ...(collector
      ? [
          {
            name: 'metrics on, spans exported (OTLP/HTTP to a local sink)',
            env: { ...common, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
          },
        ]
      : []),
  ];

  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const { rows: workspace } = await pool.query<{ id: string }>(
    'SELECT id FROM workspaces WHERE slug = $1',
    [values.workspace],
  );
  if (workspace.length === 0) throw new Error(`no workspace ${values.workspace}: seed it first`);
  const { rows: sample } = await pool.query<{ id: string }>(
    `SELECT id FROM contacts TABLESAMPLE SYSTEM (5) WHERE workspace_id = $1 AND deleted_at IS NULL LIMIT 2000`,
    [workspace[0].id],
  );
  const { rows: size } = await pool.query<{ n: string }>(
    'SELECT coalesce(sum(contacts), 0) AS n FROM workspace_contact_counts WHERE workspace_id = $1',
    [workspace[0].id],
  );
  await pool.end();
  const ids = sample.map((r) => r.id);
  if (ids.length === 0) throw new Error('the workspace has no contacts to read');
  const key = execFileSync(
    process.execPath,
    [
      'dist/src/cli/main.js',
      'api-keys:create',
      '--workspace',
      values.workspace,
      '--scopes',
      'read:contacts',
      '--name',
      'bench-observability',
    ],
    { env: common },
  )
    .toString()
    .trim()
    .split('\n')
    .pop() as string;

  const allProfiles: Profile[] = [
    {
      name: 'get by id',
      path: () => `/v1/contacts/${ids[Math.floor(Math.random() * ids.length)]}`,
    },
    {
      name: 'list pages 1–40',
      path: () => `/v1/contacts?page=${1 + Math.floor(Math.random() * 40)}&limit=25`,
    },
  ];
  const profiles = allProfiles.filter((p) => !values.only || p.name.startsWith(values.only));
  const results = new Map<string, Measured[]>();
  for (let round = 0; round < rounds; round++) {
    // Alternated: a b, b a, a b… (the first variant of a round has the warmer cache).
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      const child = await start(variant.env);
      try {
        for (const profile of profiles) {
          const pid = child.pid as number;
          if (warmup > 0) await cannon(key, profile.path, warmup, pid, variant.headers);
          const measured = await cannon(key, profile.path, duration, pid, variant.headers);
          const id = `${profile.name}\u0000${variant.name}`;
          results.set(id, [...(results.get(id) ?? []), measured]);
          console.log(
            `round ${round + 1} · ${profile.name} · ${variant.name}: ${measured.rps.toFixed(0)} req/s, ${measured.cpuUs.toFixed(0)} µs CPU/req, p99 ${measured.p99} ms, errors ${measured.errors}`,
          );
        }
      } finally {
        await stop(child);
      }
    }
  }
  await collector?.close();

  const lines = [
    '# What metrics and tracing cost',
    '',
    `${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.version} · load1 at the end ${loadavg()[0].toFixed(1)}`,
    `Workspace \`${values.workspace}\`: ${Number(size[0].n).toLocaleString('en')} contacts. ${connections} connections${rate ? ` at ${rate} req/s` : ''}, ${duration} s per run after ${warmup} s of warm-up, ${rounds} rounds with the variants alternated; each cell the median of its rounds (req/s and p99 each).${values.cpu ? ` The service alone on CPU ${values.cpu} (taskset), the load, PostgreSQL and Redis on the others.` : ''} "Paired": the median of each round's ratio to "off" in the same round (the machine's speed drifts between rounds; within one round it drifts less).`,
    '',
    '| profile | variant | req/s | p50 ms | p99 ms | errors | req/s of "off" | paired | CPU µs/req | CPU of "off" | paired | rounds (req/s) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const profile of profiles) {
    const offRuns = results.get(`${profile.name}\u0000${variants[0].name}`) ?? [];
    const off = median(offRuns.map((m) => m.rps));
    const offCpu = median(offRuns.map((m) => m.cpuUs));
    for (const variant of variants) {
      const runs = results.get(`${profile.name}\u0000${variant.name}`) ?? [];
      const rps = median(runs.map((m) => m.rps));
      const cpu = median(runs.map((m) => m.cpuUs));
      // Round r of this variant against round r of "off".
      const paired = (of: (m: Measured) => number) =>
        median(runs.map((m, r) => of(m) / of(offRuns[r]))).toFixed(3);
      lines.push(
        `| ${profile.name} | ${variant.name} | ${rps.toFixed(0)} | ${median(runs.map((m) => m.p50))} | ${median(runs.map((m) => m.p99))} | ${runs.reduce((n, m) => n + m.errors, 0)} | ${(rps / off).toFixed(3)} | ${paired((m) => m.rps)} | ${cpu.toFixed(0)} | ${(cpu / offCpu).toFixed(3)} | ${paired((m) => m.cpuUs)} | ${runs.map((m) => m.rps.toFixed(0)).join(', ')} |`,
      );
    }
  }
  lines.push('');
  writeFileSync(values.out, lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
