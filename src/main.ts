import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { loadEnvironment } from './config/environment.variables';
import { openDatabase } from './database/embedded-database';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const env = loadEnvironment();
  const database = await openDatabase(env);
  const app = await createApp({ env, database });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: closing`);
    const deadline = setTimeout(() => {
      logger.error(`Shutdown did not finish within ${env.SHUTDOWN_TIMEOUT_MS} ms: exiting anyway`);
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    try {
      // Stop accepting, let in-flight requests finish, close the pool, then the embedded database.
      await app.close();
      await database.close();
      logger.log('Closed');
      process.exit(0);
    } catch (error) {
      logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void stop(signal));
  }

  await app.listen({ port: env.PORT, host: env.HOST });
  const where = database.mode === 'external' ? 'DATABASE_URL' : `embedded, ${env.EMBEDDED_DB_DIR}`;
  logger.log(`Listening on ${await app.getUrl()} (database: ${where})`);
}

bootstrap().catch((error: unknown) => {
  // Configuration errors name the bad variables and never print their values.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
