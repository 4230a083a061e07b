// First: the tracing instrumentations patch `http`, `pg` and `ioredis` as they are loaded.
import { tracing } from './common/tracing/start-tracing';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { loadEnvironment } from './config/environment.variables';
import { openDatabase } from './database/embedded-database';
import { exitOnSignals } from './health/graceful-shutdown';
import { Metrics } from './metrics/metrics';
import { OutboxConsumerRegistry } from './outbox/outbox-consumer.registry';

/**
 * `npm run worker` (`node dist/src/worker.js`, the same image as the API): delivery without the
 * HTTP server. The application's modules, so the same outbox consumers as the API, with their
 * dispatchers and jobs: the outbox (to conversations, messaging, the webhook fan-out and NATS),
 * webhook sending, the purges and retention jobs; the only port it opens is METRICS_PORT (its
 * metrics, and its probes `/health/live` and `/health/ready`). Run the API with
 * OUTBOX_DISPATCH=false, WEBHOOK_DISPATCH=false (and RETENTION_JOBS=false) and one or more
 * workers: HTTP latency no longer pays for delivery. The API's commits wake the workers through
 * PostgreSQL (LISTEN/NOTIFY); OUTBOX_POLL_MS is the safety net.
 *
 * SIGTERM or SIGINT: stops claiming, lets the deliveries and webhook requests in flight finish
 * (each within its timeout), gives back what it claimed and did not start, closes its pools and
 * exits 0 (1 after SHUTDOWN_TIMEOUT_MS).
 */
async function bootstrap(): Promise<void> {
  const logger = new Logger('Worker');
  const env = loadEnvironment();
  const database = await openDatabase(env, { allowClient: true });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ env, database }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(PinoLogger));
  // Its metrics and probes (/health/live, /health/ready) on METRICS_PORT: it opens no other port.
  await app.get(Metrics).listen();

  exitOnSignals(logger, env.SHUTDOWN_TIMEOUT_MS, async (signal) => {
    logger.log(`${signal} received: finishing the deliveries in flight`);
    await app.close();
    await database.close();
    await tracing?.shutdown();
  });

  const jobs = [
    env.OUTBOX_DISPATCH &&
      `outbox delivery to ${app.get(OutboxConsumerRegistry).allConsumers().join(', ')}`,
    env.WEBHOOK_DISPATCH && 'webhook sending',
    env.RETENTION_JOBS && 'retention jobs',
  ].filter(Boolean);
  if (jobs.length === 0) {
    logger.warn(
      'OUTBOX_DISPATCH, WEBHOOK_DISPATCH and RETENTION_JOBS are all false: this worker has nothing to do',
    );
  }
  const where = database.mode === 'external' ? 'DATABASE_URL' : `embedded, ${env.EMBEDDED_DB_DIR}`;
  const port = app.get(Metrics).port;
  const probes = port === undefined ? '' : `; metrics and probes on port ${port}`;
  logger.log(`Worker running (database: ${where}${probes}): ${jobs.join('; ') || 'nothing'}`);
}

bootstrap().catch((error: unknown) => {
  // Configuration errors name the bad variables and never print their values.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
