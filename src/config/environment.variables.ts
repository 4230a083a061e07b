import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { plainToInstance, Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;

/**
 * Every setting of the service, validated once at boot. Only this folder reads `process.env`.
 * Values are never printed, not even when invalid (some hold credentials).
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL connection string. Unset: the embedded PGlite database in EMBEDDED_DB_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(2) // the migration lock holds one connection while migrations use another
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  @IsString()
  EMBEDDED_DB_DIR = '.data/pglite';

  /** Apply pending migrations on start (under an advisory lock). Off for release-step migrations. */
  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** Redis for rate-limit counters shared by every instance. Unset: counters in memory. */
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Prefix of every rate-limit key in Redis (instances sharing limits share the prefix). */
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'must be 1 to 64 letters, digits, :, _ or -' })
  REDIS_KEY_PREFIX = 'safravo:rl:';

  /** The longest a request waits for Redis before the limiter lets it through (fail open). */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(5000)
  REDIS_TIMEOUT_MS = 50;

  /** Requests per minute, per API key, on each route (SPEC §3). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_CONTACTS_LIST = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_CONTACTS_CREATE = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_CONTACTS_UPDATE = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_CONTACTS_GET = 300;

  /** Every other authenticated route. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_DEFAULT = 120;

  /** Failed authentications per minute per client address before its unknown keys get 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_AUTH_FAILURES = 100;

  /**
   * Which proxies to trust for X-Forwarded-For: a hop count (`1` behind one load balancer) or a
   * comma-separated list of addresses/CIDRs. Unset: none (the peer address is the client).
   */
  @IsOptional()
  @Matches(/^(\d{1,2}|[0-9a-fA-F:.\/]+(\s*,\s*[0-9a-fA-F:.\/]+)*)$/, {
    message: 'must be a hop count or a comma-separated list of addresses or CIDRs',
  })
  TRUST_PROXY?: string;

  /** Whether this instance delivers outbox events (every instance may; they share the work). */
  @Transform(toBoolean)
  @IsBoolean()
  OUTBOX_DISPATCH = true;

  /** How often the outbox is polled for due deliveries besides the kick after each commit. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  OUTBOX_POLL_MS = 1000;

  /**
   * How long a consumer's lane waits after a kick before it claims, so that the commits of that
   * time share one claim, one call and one acknowledgement (0: claim at once, one round per
   * commit when writes are sparse). Adds at most this much to an event's delivery.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  OUTBOX_GATHER_MS = 20;

  /**
   * Per `@OnOutboxEvent` consumer, deliveries an instance runs at once (each aggregate's stay in
   * order). Batch consumers take a whole claim in one call instead.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  OUTBOX_CONCURRENCY = 8;

  /** Deliveries one consumer claims at a time (a batch consumer gets them in one call). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5000)
  OUTBOX_BATCH_SIZE = 500;

  /** How long a claimed delivery is reserved for the instance that claimed it. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  OUTBOX_LEASE_MS = 15_000;

  /** Attempts before a failing delivery is parked as failed (see `events:failed`). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  OUTBOX_MAX_ATTEMPTS = 8;

  /** First retry delay; doubles with each attempt, capped at 5 minutes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600_000)
  OUTBOX_RETRY_BASE_MS = 1000;

  /**
   * Days a fully delivered event is kept (for inspection and replay) before the dispatcher deletes
   * it; 0 keeps every event. Events with a pending or failed delivery are never deleted.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3650)
  OUTBOX_RETENTION_DAYS = 7;

  /**
   * On SIGTERM, how long the service keeps serving after `/health/ready` starts failing, so that
   * the load balancer stops sending it new requests first (its health-check interval or more).
   * SIGINT (Ctrl-C in a terminal) does not wait.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_DRAIN_MS = 10_000;

  /**
   * On SIGTERM, the longest the whole shutdown may take (drain, in-flight requests, pools)
   * before the service exits anyway; keep it under the orchestrator's grace period.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 25_000;

  /** A name for this instance, sent as `X-Served-By` (which replica answered, behind a balancer). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, {
    message: 'must be 1 to 64 letters, digits, dots, dashes or underscores',
  })
  INSTANCE_NAME?: string;

  /** Human-readable logs (pino-pretty) instead of JSON lines: for a terminal, not production. */
  @Transform(toBoolean)
  @IsBoolean()
  LOG_PRETTY = false;

  /** Largest accepted request body, in bytes (413 above it). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** The longest a client may take to send a whole request (headers and body): 408 after it. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  /** The longest a client may take to send the request's headers (slow-header clients). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_HEADERS_TIMEOUT_MS = 10_000;

  /**
   * How long an idle keep-alive connection stays open. Above the load balancer's own idle timeout
   * (nginx's upstream `keepalive_timeout` is 60 s), so that the balancer, not the service, closes
   * an idle connection: the other way round it may send a request on a connection being closed.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 75_000;

  /** The longest a statement may run (PostgreSQL's statement_timeout); the caller gets 503. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 10_000;

  /** The longest a request waits for a database connection (a new one, or a free one of the pool). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_CONNECT_TIMEOUT_MS = 5_000;

  /** Days a deleted contact can be restored before it is erased for good (SPEC §9). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  CONTACT_RETENTION_DAYS = 30;

  /** Days a contact's history entries are kept (whatever the outbox keeps). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(36_500)
  HISTORY_RETENTION_DAYS = 365;

  /**
   * Days every change of the change feed is kept (SPEC §11); older changes are compacted to the
   * latest of each contact, so a follower from the start still ends with an exact copy.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(36_500)
  CHANGE_FEED_RETENTION_DAYS = 30;

  /** Whether this instance runs the retention jobs (erasing expired deletions, old history); they share the work. */
  @Transform(toBoolean)
  @IsBoolean()
  RETENTION_JOBS = true;

  /** How long `/health/ready` reuses its last database check (probes stay cheap). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  HEALTH_CHECK_CACHE_MS = 1000;

  /**
   * How long an outbox consumer may take on one delivery before the attempt counts as failed
   * (retried with backoff like any failure) and the dispatcher moves on. Keep it below
   * OUTBOX_LEASE_MS: a delivery is meant to settle within the lease of its claim, and a larger
   * value is lowered to the lease.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  OUTBOX_DELIVERY_TIMEOUT_MS = 10_000;

  /** Whether this instance sends webhooks (every instance may; they share the work). */
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_DISPATCH = true;

  /**
   * Accept webhook endpoints on private, loopback and link-local addresses (SPEC §12). Off in
   * production: a receiver URL must not reach into the service's own network. For development
   * and tests.
   */
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOKS_ALLOW_PRIVATE = false;

  /** The longest one webhook request may take (connection, answer and its body). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Webhook requests an instance has in flight at once, over every endpoint. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_CONCURRENCY = 100;

  /** Webhook requests in flight to one endpoint (so that a slow endpoint holds only these). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  WEBHOOK_ENDPOINT_CONCURRENCY = 10;

  /** How often due webhook deliveries are looked for besides the kick after each event. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  WEBHOOK_POLL_MS = 1000;

  /** The first retry delay of a webhook; doubles with each attempt (with jitter), capped at an hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  WEBHOOK_RETRY_BASE_MS = 5000;

  /** How long a webhook delivery is retried before it is parked as failed (at least a day). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  WEBHOOK_RETRY_HOURS = 26;

  /** An endpoint whose every attempt has failed for this many days is disabled. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  WEBHOOK_DISABLE_AFTER_DAYS = 3;

  /** Days a delivered (or parked) webhook delivery and its attempts are kept for the delivery log. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  WEBHOOK_RETENTION_DAYS = 7;

  /** NATS with JetStream: every event is also published there (SPEC §12). Unset: no broker. */
  @IsOptional()
  @Matches(/^(nats|tls|wss?):\/\//, { message: 'must be a nats://, tls://, ws:// or wss:// URL' })
  NATS_URL?: string;

  /** The JetStream stream the events go to (created on start when missing). */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1 to 64 letters, digits, _ or -' })
  NATS_STREAM = 'SAFRAVO_EVENTS';

  /** The stream's duplicate window: a message id seen within it is stored once. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  NATS_DUPLICATE_WINDOW_MS = 120_000;

  /** Days the stream keeps a message (its max_age; 0: for ever). Where each went is kept as long. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3650)
  NATS_MAX_AGE_DAYS = 7;

  /**
   * `false`: no metrics at all (no listener, no timing of requests, no event-loop monitor), e.g.
   * where another agent measures the service; the benchmark compares both.
   */
  @Transform(toBoolean)
  @IsBoolean()
  METRICS_ENABLED = true;

  /**
   * Prometheus metrics at `GET /metrics` on this port of their own, never the public one (SPEC §8);
   * 0: any free port (tests, several instances on one machine).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 9464;

  /**
   * OpenTelemetry (SPEC §8): traces are exported by OTLP/HTTP to this collector
   * (`http://collector:4318`; spans go to `<it>/v1/traces`). Unset: spans are still made (every
   * log line written in one carries its trace id) but sent nowhere. The exporter also reads the
   * other standard OTEL_EXPORTER_OTLP_* and OTEL_BSP_* variables. Read at start-up, before the rest.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The `service.name` of the exported spans. */
  @IsString()
  @Matches(/^\S+$/, { message: 'must be one word' })
  OTEL_SERVICE_NAME = 'safravo-contacts';

  /** `true`: no tracing at all (no spans, no trace ids in the logs). */
  @Transform(toBoolean)
  @IsBoolean()
  OTEL_SDK_DISABLED = false;

  /** How long a dashboard session lasts after its sign-in (SPEC §13). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  DASHBOARD_SESSION_HOURS = 8;

  /**
   * The address people reach the service at (`https://contacts.example.com`), for the sign-in
   * links the CLI prints. Unset: `http://localhost:<PORT>`.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL?: string;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Every setting's name: each property of EnvironmentVariables carries a validation decorator. */
export const SETTING_NAMES: readonly string[] = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
      .map((metadata) => metadata.propertyName),
  ),
];

/** Validates a raw environment into typed settings; throws naming every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const relevant: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const value = raw[name];
    // An empty variable means "not set", as in most twelve-factor tools.
    if (value !== undefined && value !== '') relevant[name] = value;
  }
  const env = plainToInstance(EnvironmentVariables, relevant);
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigValidationError(
      errors.map((e) => {
        const reasons = Object.values(e.constraints ?? {}).map((m) =>
          m.replace(new RegExp(`^${e.property} `), ''),
        );
        // Values are never printed: a bad DATABASE_URL may still hold a password.
        return `${e.property}: ${reasons.join('; ')}`;
      }),
    );
  }
  return env;
}

/**
 * Fastify's `trustProxy` for a TRUST_PROXY value: never blanket trust. A hop count trusts that
 * many proxies in front of the service (the same rule as Fastify's numeric option).
 */
export function trustProxyOption(
  value: string | undefined,
): false | string[] | ((address: string, hop: number) => boolean) {
  if (!value) return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value.split(',').map((part) => part.trim());
}

/**
 * The service's settings: the environment, completed by a `.env` file in the working directory
 * when there is one (variables already set win). `ENV_FILE` names another file, or `none` to
 * read no file (the test suite sets it, so a developer's `.env` cannot leak into the tests).
 */
export function loadEnvironment(): EnvironmentVariables {
  readEnvFile();
  return validateEnvironment(process.env);
}

/** Completes `process.env` from ENV_FILE (`.env` by default; `none`: no file); set values win. */
export function readEnvFile(): void {
  const file = process.env.ENV_FILE ?? '.env';
  if (file !== 'none' && existsSync(file)) {
    for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
      process.env[name] ??= value;
    }
  }
}
