/**
 * The benchmark: starts the built service in production configuration (DATABASE_URL, REDIS_URL,
 * NODE_ENV=production, rate limits raised), drives it with autocannon (16 connections) through
 * each profile, measures the same SQL straight through a `pg` pool as the ceiling for get, list and
 * create, records the service's peak RSS, prints EXPLAIN (ANALYZE, BUFFERS) of every query shape,
 * and writes bench/RESULTS.md.
 *
 *   npm run bench -- [--contacts 1000000] [--duration 10] [--skip-seed] [--out bench/RESULTS.md]
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { newId } from '../src/common/ids/object-id';
import { seed } from './seed';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    'skip-seed': { type: 'boolean', default: false },
    workspace: { type: 'string', default: 'bench' },
    port: { type: 'string', default: '3990' },
    out: { type: 'string', default: 'bench/RESULTS.md' },
  },
});
const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!databaseUrl) throw new Error('DATABASE_URL is required (a database of its own: the bench seeds it)');
const duration = Number(values.duration);
const connections = Number(values.connections);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)];

interface Row {
  profile: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  ceiling?: number;
  target: string;
}

async function cannon(base: string, key: string, build: () => { method: string; path: string; body?: string }): Promise<Omit<Row, 'profile' | 'target'>> {
  const result = await autocannon({
    url: base,
    connections,
    duration,
    requests: [
      {
        setupRequest: (req) => {
          const r = build();
          // Headers per request: a GET must not carry a write's content type or length.
          const headers: Record<string, string> = r.body
            ? { 'x-api-key': key, 'content-type': 'application/json' }
            : { 'x-api-key': key };
          return { ...req, method: r.method as 'GET', path: r.path, body: r.body ?? '', headers };
        },
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** The same SQL the service runs, straight through a pool of `connections`, for `duration`. */
async function ceiling(pool: Pool, run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const until = Date.now() + duration * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        await run();
        count++;
      }
    }),
  );
  return count / duration;
}

async function main(): Promise<void> {
  const contacts = Number(values.contacts);
  const slug = values.workspace;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: values.port,
    HOST: '127.0.0.1',
    REDIS_URL: redisUrl,
    RATE_LIMIT_CONTACTS_LIST: '100000000',
    RATE_LIMIT_CONTACTS_GET: '100000000',
    RATE_LIMIT_CONTACTS_CREATE: '100000000',
    RATE_LIMIT_CONTACTS_UPDATE: '100000000',
    RATE_LIMIT_DEFAULT: '100000000',
  };
  execFileSync(process.execPath, ['dist/src/cli/main.js', 'migration:run'], { env, stdio: 'inherit' });
  if (!values['skip-seed']) {
    const started = Date.now();
    await seed(databaseUrl as string, slug, contacts, Math.round(contacts / 4));
    console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const key = execFileSync(process.execPath, ['dist/src/cli/main.js', 'api-keys:create', '--workspace', slug, '--scopes', 'read:contacts,write:contacts'], { env })
    .toString().trim().split('\n').pop() as string;

  const pool = new Pool({ connectionString: databaseUrl, max: connections });
  const workspaceId = (await pool.query<{ id: string }>('SELECT id FROM workspaces WHERE slug = $1', [slug])).rows[0].id;
  const sample = (await pool.query<{ id: string; email: string | null; phone: string | null; last_name: string }>(
    `SELECT id, email, phone, last_name FROM contacts WHERE workspace_id = $1 ORDER BY random() LIMIT 2000`, [workspaceId])).rows;
  const ids = sample.map((r) => r.id);
  const emailFragments = sample.filter((r) => r.email).map((r) => (r.email as string).split('@')[0].slice(-10));
  const phoneDigits = sample.filter((r) => r.phone).map((r) => (r.phone as string).slice(-8, -1));
  const rare = (await pool.query<{ last_name: string }>(`SELECT last_name FROM contacts WHERE workspace_id = $1 AND last_name LIKE 'Quillfeather%' LIMIT 500`, [workspaceId])).rows.map((r) => r.last_name);

  const service = spawn(process.execPath, ['dist/src/main.js'], { env, stdio: 'inherit' });
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${service.pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      peakRss = Math.max(peakRss, rss);
    } catch {
      // not started or gone
    }
  }, 200);
  const base = `http://127.0.0.1:${values.port}`;
  const rows: Row[] = [];
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/health/ready`)).ok) break;
      } catch {
        if (i > 300) throw new Error('service did not start');
      }
      await sleep(100);
    }
    let n = 0;
    const email = () => `bench.${randomUUID()}@example.com`;
    const profiles: [string, string, () => { method: string; path: string; body?: string }][] = [
      ['get by id', '≥ 0.6 of ceiling', () => ({ method: 'GET', path: `/v1/contacts/${pick(ids)}` })],
      ['list pages 1–40', 'p99 ≤ 20 ms, ≥ 0.6 of ceiling', () => ({ method: 'GET', path: `/v1/contacts?page=${1 + Math.floor(Math.random() * 40)}&limit=25` })],
      ['list deep pages (200–400)', 'p99 ≤ 20 ms', () => ({ method: 'GET', path: `/v1/contacts?page=${200 + Math.floor(Math.random() * 201)}&limit=25` })],
      ['search email fragment', 'p99 ≤ 50 ms, ≥ 1000 req/s', () => ({ method: 'GET', path: `/v1/contacts?search=${encodeURIComponent(pick(emailFragments))}` })],
      ['search phone digits (7)', 'p99 ≤ 50 ms, ≥ 1000 req/s', () => ({ method: 'GET', path: `/v1/contacts?search=${pick(phoneDigits)}` })],
      ['search rare name', 'p99 ≤ 50 ms', () => ({ method: 'GET', path: `/v1/contacts?search=${pick(rare)}` })],
      ['search common name (~10%)', 'p99 ≤ 300 ms', () => ({ method: 'GET', path: '/v1/contacts?search=maria' })],
      ['create', 'p99 ≤ 30 ms, ≥ 0.6 of ceiling', () => ({ method: 'POST', path: '/v1/contacts', body: JSON.stringify({ firstName: 'Bench', email: email() }) })],
      ['update', 'p99 ≤ 30 ms', () => ({ method: 'PATCH', path: `/v1/contacts/${pick(ids)}`, body: JSON.stringify({ company: `Co ${n++}` }) })],
      ['mix 80% read / 20% write', '—', () => {
        const r = Math.random();
        if (r < 0.4) return { method: 'GET', path: `/v1/contacts/${pick(ids)}` };
        if (r < 0.7) return { method: 'GET', path: `/v1/contacts?page=${1 + Math.floor(Math.random() * 40)}` };
        if (r < 0.8) return { method: 'GET', path: `/v1/contacts?search=${encodeURIComponent(pick(emailFragments))}` };
        if (r < 0.9) return { method: 'POST', path: '/v1/contacts', body: JSON.stringify({ firstName: 'Mix', email: email() }) };
        return { method: 'PATCH', path: `/v1/contacts/${pick(ids)}`, body: JSON.stringify({ company: `Mix ${n++}` }) };
      }],
    ];
    for (const [profile, target, build] of profiles) {
      const measured = await cannon(base, key, build);
      rows.push({ profile, target, ...measured });
      console.log(`${profile}: ${measured.rps.toFixed(0)} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms, errors ${measured.errors}`);
    }

    // Ceilings: the service's SQL for get, list (page + total) and create, straight through pg.
    const listSql = `SELECT * FROM contacts WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC LIMIT 25 OFFSET $2`;
    const ceilings: Record<string, number> = {
      'get by id': await ceiling(pool, () => pool.query('SELECT * FROM contacts WHERE workspace_id = $1 AND id = $2', [workspaceId, pick(ids)])),
      'list pages 1–40': await ceiling(pool, () =>
        Promise.all([
          pool.query(listSql, [workspaceId, 25 * Math.floor(Math.random() * 40)]),
          pool.query('SELECT sum(contacts) FROM workspace_contact_counts WHERE workspace_id = $1', [workspaceId]),
        ])),
      create: await ceiling(pool, () =>
        pool.query(
          `INSERT INTO contacts (id, workspace_id, first_name, email, created_at, updated_at) VALUES ($1, $2, 'Ceiling', $3, now(), now())`,
          [newId(), workspaceId, email()],
        )),
    };
    for (const row of rows) if (ceilings[row.profile]) row.ceiling = ceilings[row.profile];
  } finally {
    clearInterval(rssTimer);
    service.kill('SIGTERM');
  }

  // Query plans of every shape, at this size.
  const plans: string[] = [];
  const explain = async (title: string, sql: string, params: unknown[]) => {
    const { rows: plan } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    plans.push(`### ${title}\n\n\`\`\`\n${plan.map((r) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
  };
  const nameExpr = `lower(first_name || ' ' || coalesce(last_name, ''))`;
  const search = `workspace_id = $1 AND (${nameExpr} LIKE lower($2) OR email LIKE lower($2) OR phone LIKE $3)`;
  await explain('get by id', 'SELECT * FROM contacts WHERE workspace_id = $1 AND id = $2', [workspaceId, ids[0]]);
  await explain('list page 1', 'SELECT * FROM contacts WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC LIMIT 25 OFFSET 0', [workspaceId]);
  await explain('list page 400', 'SELECT * FROM contacts WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC LIMIT 25 OFFSET 9975', [workspaceId]);
  await explain('total without search', 'SELECT sum(contacts) FROM workspace_contact_counts WHERE workspace_id = $1', [workspaceId]);
  for (const [title, q, digits] of [
    ['search email fragment', emailFragments[0], 'x'],
    ['search phone digits', phoneDigits[0], phoneDigits[0]],
    ['search rare name', rare[0], 'x'],
    ['search common name', 'maria', 'x'],
  ] as const) {
    await explain(`${title}: page`, `SELECT * FROM contacts WHERE ${search} ORDER BY created_at DESC, id DESC LIMIT 25`, [workspaceId, `%${q}%`, `%${digits}%`]);
    await explain(`${title}: count`, `SELECT count(*) FROM contacts WHERE ${search}`, [workspaceId, `%${q}%`, `%${digits}%`]);
  }
  await pool.end();

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  const table = [
    '| profile | req/s | p50 ms | p99 ms | errors | direct SQL req/s | ratio | target |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.profile} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.ceiling ? r.ceiling.toFixed(0) : ''} | ${r.ceiling ? (r.rps / r.ceiling).toFixed(2) : ''} | ${r.target} |`),
  ].join('\n');
  const report = `# Benchmark results

Generated by \`npm run bench\` on ${new Date().toISOString()}.

- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${mb(totalmem())} RAM, Node ${process.version}; the service, PostgreSQL, Redis and the load generator share it.
- Data: ${contacts.toLocaleString('en')} contacts in the measured workspace, ${Math.round(contacts / 4).toLocaleString('en')} in each of two others.
- Load: autocannon, ${connections} connections, ${duration} s per profile; the service in production configuration with real PostgreSQL and Redis.
- Peak RSS of the service: **${mb(peakRss)}** (target ≤ 250 MB).

${table}

## Query plans (EXPLAIN ANALYZE, BUFFERS)

${plans.join('\n\n')}
`;
  writeFileSync(values.out, report);
  console.log(`\n${table}\n\npeak RSS ${mb(peakRss)}; written to ${values.out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
