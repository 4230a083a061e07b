import { readEnvFile } from '../../config/environment.variables';
import { startTracing, type Tracing } from './tracing';

/**
 * Imported first by the service's entry points, before anything loads `http`, `pg` or `ioredis`,
 * so that their instrumentations can patch them. Reads `.env` first: OTEL_* settings may be there.
 */
readEnvFile();
export const tracing: Tracing | undefined = startTracing();
