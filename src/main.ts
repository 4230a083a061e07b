// First: the tracing instrumentations patch `http`, `pg` and `ioredis` as they are loaded.
import { tracing } from './common/tracing/start-tracing';
import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { loadEnvironment } from './config/environment.variables';
import { openDatabase } from './database/embedded-database';
import { exitOnSignals, stopAccepting } from './health/graceful-shutdown';
import { ServiceLifecycle } from './health/service-lifecycle';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const env = loadEnvironment();
  const database = await openDatabase(env);
  const app = await createApp({ env, database });

  /**
   * A rolling restart is invisible to clients: `/health/ready` fails at once and every response
   * asks for its connection to be closed; the instance keeps serving for SHUTDOWN_DRAIN_MS while
   * the load balancer moves new requests elsewhere; then it stops accepting, lets in-flight
   * requests finish, drains the outbox dispatcher, closes its pools and exits 0. SIGINT (Ctrl-C)
   * skips the drain.
   *
   * The service never closes an idle keep-alive connection itself during the drain: the balancer
   * could be sending a request on it at that very moment (a reset, which it cannot retry for a
   * POST). The balancer's own idle timeout closes them (keep it shorter than SHUTDOWN_DRAIN_MS:
   * 4 s in deploy/nginx), and the connections it uses meanwhile close after their response. How
   * the listener closes without resetting anything: see `stopAccepting`.
   */
  exitOnSignals(logger, env.SHUTDOWN_TIMEOUT_MS, async (signal) => {
    const lifecycle = app.get(ServiceLifecycle);
    lifecycle.startDraining();
    const drainMs = signal === 'SIGTERM' ? env.SHUTDOWN_DRAIN_MS : 0;
    logger.log(`${signal} received: not ready any more; closing in ${drainMs} ms`);
    if (drainMs > 0) await sleep(drainMs);
    await stopAccepting(app.getHttpServer(), lifecycle);
    await app.close();
    await database.close();
    await tracing?.shutdown();
  });

  try {
    await app.listen({ port: env.PORT, host: env.HOST });
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new Error(
        `Port ${env.PORT} on ${env.HOST} is taken (another instance?): stop it, or set PORT to another port`,
      );
    }
    throw error;
  }
  const where = database.mode === 'external' ? 'DATABASE_URL' : `embedded, ${env.EMBEDDED_DB_DIR}`;
  const url = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  logger.log(`Listening on ${await app.getUrl()} (database: ${where})`);
  logger.log(
    `API reference: ${url}/docs · an API key: npm run -s cli -- api-keys:create --workspace <slug> --scopes read:contacts,write:contacts · ` +
      `the dashboard: npm run -s cli -- dashboard:link --workspace <slug>`,
  );
}

bootstrap().catch((error: unknown) => {
  // Configuration errors name the bad variables and never print their values.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
