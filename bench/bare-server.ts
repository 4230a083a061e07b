/**
 * The benchmark's bare HTTP ceiling (issue 17): the SQL the service runs for get by id, a list
 * page and a create (bench/ceilings.ts), behind bare Fastify routes, in a process of its own that
 * bench/run.ts starts like the service. No authentication, rate limits, validation, events or
 * logs: what is left of a request is HTTP, JSON and the pool. It reads the service's settings
 * (its database, DATABASE_POOL_SIZE for the pool, PORT and HOST), and from the environment the
 * workspace it serves (BENCH_WORKSPACE_ID) and the consumers a create's event gets a delivery for
 * (BENCH_CONSUMERS, comma-separated).
 *
 *   BENCH_WORKSPACE_ID=… BENCH_CONSUMERS=a,b DATABASE_URL=… PORT=3991 node dist/bench/bare-server.js
 */
import fastify from 'fastify';
import { Pool } from 'pg';
import { loadEnvironment } from '../src/config/environment.variables';
import { createContact, getQuery, listQuery, type NewContact } from './ceilings';

const env = loadEnvironment();
const workspaceId = process.env.BENCH_WORKSPACE_ID;
if (!env.DATABASE_URL || !workspaceId) {
  throw new Error('DATABASE_URL and BENCH_WORKSPACE_ID are required');
}
const consumers = (process.env.BENCH_CONSUMERS ?? '').split(',').filter(Boolean);
const pool = new Pool({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE });
const app = fastify();

app.get('/health/ready', () => ({ status: 'ok' }));

app.get<{ Params: { id: string } }>('/v1/contacts/:id', async (req, reply) => {
  const { rows } = await pool.query(getQuery(workspaceId, req.params.id));
  return rows[0] ?? reply.code(404).send({ statusCode: 404 });
});

app.get<{ Querystring: { page?: string; limit?: string } }>('/v1/contacts', async (req) => {
  const page = Math.max(1, Number(req.query.page) || 1);
  const limit = Math.max(1, Number(req.query.limit) || 25);
  const { rows } = await pool.query<{ id: string | null; __total: string }>(
    listQuery(workspaceId, limit, (page - 1) * limit),
  );
  return {
    // A page past the end is one row with the total and no contact.
    items: rows.filter((row) => row.id !== null).map(({ __total, ...contact }) => contact),
    total: Number(rows[0]?.__total ?? 0),
    page,
    limit,
  };
});

app.post<{ Body: NewContact }>('/v1/contacts', async (req, reply) =>
  reply.code(201).send(await createContact(pool, workspaceId, req.body, consumers)),
);

process.once('SIGTERM', () => {
  void app.close().then(() => pool.end());
});

app.listen({ port: env.PORT, host: env.HOST }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
