import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { StoreOutageLog } from '../auth/rate-limit/store-outage-log';
import { AppConfig } from '../config/app-config';
import { DatabasePing } from '../health/database-ping';

/** The pool of a TypeORM PostgreSQL driver, as node-postgres exposes it. */
interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Prometheus metrics (SPEC §8), served at `GET /metrics` on METRICS_PORT, a listener of its own:
 * never on the public port. Requests (duration by method, route template and status; in flight),
 * rate-limit decisions and the store's fail-opens, authentication failures, the PostgreSQL pool,
 * the outbox per consumer and the webhook deliveries per endpoint (pending, parked, the oldest
 * pending's age, read at each scrape), and Node's own (event-loop lag, memory, CPU, GC).
 */
@Injectable()
export class Metrics implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  readonly registry = new Registry();
  private server?: Server;

  private readonly duration = new Histogram({
    name: 'safravo_http_request_duration_seconds',
    help: 'HTTP requests, by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  /** Requests being served: a plain count, read at each scrape (nothing per request but ++ and --). */
  private inFlightCount = 0;
  private readonly inFlight: Gauge = new Gauge({
    name: 'safravo_http_requests_in_flight',
    help: 'HTTP requests being served',
    registers: [this.registry],
    collect: (): void => this.inFlight.set(this.inFlightCount),
  });
  /**
   * The labelled series a request updates, by their labels joined: looked up once per request
   * instead of prom-client hashing a labels object (sorted keys) on every observation.
   */
  private readonly durations = new Map<string, Histogram.Internal<'method' | 'route' | 'status'>>();
  private readonly decisions = new Map<string, Counter.Internal>();
  private readonly rateLimit = new Counter({
    name: 'safravo_rate_limit_decisions_total',
    help: 'Rate-limited requests, by route template and decision (allowed, limited)',
    labelNames: ['route', 'decision'],
    registers: [this.registry],
  });
  private readonly authFailures = new Counter({
    name: 'safravo_auth_failures_total',
    help: 'Requests refused for a missing, unknown or revoked API key (401)',
    registers: [this.registry],
  });

  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly dataSource: DataSource,
    private readonly outage: StoreOutageLog,
    private readonly config: AppConfig,
    private readonly database: DatabasePing,
  ) {
    if (config.METRICS_ENABLED) {
      collectDefaultMetrics({ register: this.registry, prefix: 'safravo_' });
    }
    const outageLog = this.outage;
    new Counter({
      name: 'safravo_rate_limit_store_fail_open_total',
      help: 'Requests let through unlimited because the rate-limit store (Redis) failed',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(outageLog.failOpens);
      },
    });
    const pool = (): PgPool | undefined =>
      (this.dataSource.driver as unknown as { master?: PgPool }).master;
    new Gauge({
      name: 'safravo_db_pool_connections',
      help: 'PostgreSQL pool connections, by state (in_use, idle, waiting: requests waiting for one)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'in_use' }, p.totalCount - p.idleCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
    const query = <T>(sql: string): Promise<T[]> => this.dataSource.query<T[]>(sql).catch(() => []);
    new Gauge({
      name: 'safravo_outbox_deliveries',
      help: 'Outbox deliveries not delivered, by consumer and status (pending, failed: parked)',
      labelNames: ['consumer', 'status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of await query<{ consumer: string; status: string; n: string }>(
          `SELECT consumer, status, count(*) AS n FROM outbox_deliveries WHERE status <> 'delivered' GROUP BY 1, 2`,
        )) {
          this.set({ consumer: r.consumer, status: r.status }, Number(r.n));
        }
      },
    });
    new Gauge({
      name: 'safravo_outbox_oldest_pending_seconds',
      help: 'Age of the oldest pending outbox delivery, by consumer',
      labelNames: ['consumer'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of await query<{ consumer: string; age: string }>(
          `SELECT consumer, extract(epoch FROM now() - min(created_at)) AS age FROM outbox_deliveries WHERE status = 'pending' GROUP BY 1`,
        )) {
          this.set({ consumer: r.consumer }, Number(r.age));
        }
      },
    });
    new Gauge({
      name: 'safravo_webhook_deliveries',
      help: 'Webhook deliveries not delivered, by endpoint and status (pending, failed: parked)',
      labelNames: ['endpoint', 'status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of await query<{ endpoint_id: string; status: string; n: string }>(
          `SELECT endpoint_id, status, count(*) AS n FROM webhook_deliveries WHERE status <> 'delivered' GROUP BY 1, 2`,
        )) {
          this.set({ endpoint: r.endpoint_id, status: r.status }, Number(r.n));
        }
      },
    });
    new Gauge({
      name: 'safravo_webhook_oldest_pending_seconds',
      help: 'Age of the oldest pending webhook delivery, by endpoint',
      labelNames: ['endpoint'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const r of await query<{ endpoint_id: string; age: string }>(
          `SELECT endpoint_id, extract(epoch FROM now() - min(created_at)) AS age FROM webhook_deliveries WHERE status = 'pending' GROUP BY 1`,
        )) {
          this.set({ endpoint: r.endpoint_id }, Number(r.age));
        }
      },
    });
  }

  /** Times every request, from Fastify's hooks (before the routes are ready). */
  onModuleInit(): void {
    // The command-line tool runs the modules without HTTP: nothing to time, nothing to serve.
    if (!this.adapter.httpAdapter || !this.config.METRICS_ENABLED) return;
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (_request, _reply, done) => {
      this.inFlightCount++;
      done();
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      this.inFlightCount--;
      const route = request.routeOptions.url ?? 'unmatched';
      const status = reply.statusCode;
      const series = `${request.method} ${route} ${status}`;
      let duration = this.durations.get(series);
      if (!duration) {
        duration = this.duration.labels({ method: request.method, route, status: String(status) });
        this.durations.set(series, duration);
      }
      duration.observe(reply.elapsedTime / 1000);
      if (reply.hasHeader('x-ratelimit-limit')) {
        const decision = status === 429 ? 'limited' : 'allowed';
        let counter = this.decisions.get(`${route} ${decision}`);
        if (!counter) {
          counter = this.rateLimit.labels({ route, decision });
          this.decisions.set(`${route} ${decision}`, counter);
        }
        counter.inc();
      }
      if (status === 401) this.authFailures.inc();
      done();
    });
  }

  /** The API serves its metrics as it starts; the worker calls `listen` itself (the CLI never does). */
  async onApplicationBootstrap(): Promise<void> {
    if (this.adapter.httpAdapter) await this.listen();
  }

  /**
   * Listens on METRICS_PORT (when METRICS_ENABLED): `GET /metrics`, and for a process that has no
   * HTTP server of its own (the worker; the API answers them here too) its probes, `GET
   * /health/live` (200 while the process runs) and `GET /health/ready` (200 while the database
   * answers within a second, DatabasePing, else 503). A port already taken is logged, not fatal
   * (the process still does its work).
   */
  async listen(): Promise<void> {
    if (!this.config.METRICS_ENABLED || this.server) return;
    this.server = createServer((request, response) => {
      const path = request.method === 'GET' ? request.url?.split('?')[0] : undefined;
      if (path === '/metrics') {
        this.registry.metrics().then(
          (text) =>
            response.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
          (error: unknown) => response.writeHead(500).end(String(error)),
        );
      } else if (path === '/health/live') {
        probeAnswer(response, 200, { status: 'ok' });
      } else if (path === '/health/ready') {
        this.database.up().then(
          (up) =>
            probeAnswer(response, up ? 200 : 503, {
              status: up ? 'ok' : 'unavailable',
              checks: { database: { status: up ? 'up' : 'down' } },
            }),
          () => probeAnswer(response, 503, { status: 'unavailable' }),
        );
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => {
      this.server?.once('error', (error) => {
        this.logger.warn(`Metrics not served: port ${this.config.METRICS_PORT} (${String(error)})`);
        this.server = undefined;
        resolve();
      });
      this.server?.listen(this.config.METRICS_PORT, this.config.HOST, () => resolve());
    });
  }

  /** The port the metrics are served on (METRICS_PORT, or the one chosen for 0); none when not served. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

function probeAnswer(response: ServerResponse, status: number, body: object): void {
  response
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}
