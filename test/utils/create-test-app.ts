import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/app.factory';
import {
  type EnvironmentVariables,
  validateEnvironment,
} from '../../src/config/environment.variables';

/**
 * Whether the developer asked for the applications' logs (`LOG_LEVEL=info npm test`): then test
 * apps log at that level to standard output; otherwise they are silent.
 */
const logsWanted = (): boolean => Boolean(process.env.LOG_LEVEL);

/**
 * Settings for a test app: the suite's database (already migrated by the global setup), quiet
 * logs (unless LOG_LEVEL is set), plus any overrides a test needs.
 */
export function testEnv(overrides: Record<string, string> = {}): EnvironmentVariables {
  return validateEnvironment({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL || 'silent',
    MIGRATIONS_RUN: 'false',
    DATABASE_POOL_SIZE: process.env.TEST_DATABASE_MODE === 'external' ? '6' : '2',
    // Limits high enough to stay out of the way of tests that are not about them...
    RATE_LIMIT_CONTACTS_LIST: '100000',
    RATE_LIMIT_CONTACTS_GET: '100000',
    RATE_LIMIT_CONTACTS_CREATE: '100000',
    RATE_LIMIT_CONTACTS_UPDATE: '100000',
    RATE_LIMIT_DEFAULT: '100000',
    RATE_LIMIT_AUTH_FAILURES: '100000',
    // ...and counters of their own when REDIS_URL is set (many test apps, one Redis).
    REDIS_KEY_PREFIX: `test:${randomUUID()}:`,
    // Test apps share one database: none dispatches the outbox on its own (it would take other
    // tests' events); tests that need delivery drain it themselves (OutboxDispatcher.drain).
    OUTBOX_DISPATCH: 'false',
    // Nor sends webhooks (it would send other tests' deliveries, with their clocks): tests drain
    // their own workspace's (WebhookDispatcher.drain).
    WEBHOOK_DISPATCH: 'false',
    // No broker unless a test asks for one (NATS_URL in its overrides): CI sets NATS_URL for those.
    NATS_URL: '',
    // Metrics on any free port: many test apps at once.
    METRICS_PORT: '0',
    // Likewise the retention jobs: the tests about them run them when they need.
    RETENTION_JOBS: 'false',
    OUTBOX_MAX_ATTEMPTS: '3',
    OUTBOX_RETRY_BASE_MS: '10',
    ...overrides,
  });
}

/** Log lines nobody reads: a test that raises LOG_LEVEL to observe logging stays quiet. */
function discardedLogs(): DestinationStream {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

/**
 * The real application, through the same `createApp`/`configureApp` as `main.ts`. Its log lines
 * go to standard output when the developer set LOG_LEVEL, else nowhere (a test may still raise
 * the level to observe logging, e.g. to spy on the request log, and stay quiet).
 */
export async function createTestApp(
  overrides: Record<string, string> = {},
): Promise<NestFastifyApplication> {
  const env = testEnv(overrides);
  if (!env.DATABASE_URL) throw new Error('The e2e global setup did not provide DATABASE_URL');
  return createApp({
    env,
    database: { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    logDestination: logsWanted() ? undefined : discardedLogs(),
  });
}
