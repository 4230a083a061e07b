import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { IdempotencyRepository } from './idempotency.repository';

const PURGE_EVERY_MS = 10 * 60_000;
const PURGE_BATCH = 5000;

/** Deletes keys past their 24 hours, in batches, on every instance (batches skip each other's rows). */
@Injectable()
export class IdempotencyPurge implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IdempotencyPurge.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> | null = null;

  constructor(private readonly keys: IdempotencyRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.run()
        .catch((error: unknown) =>
          this.logger.warn(`Idempotency key purge failed: ${String(error)}`),
        )
        .finally(() => (this.running = null));
    }, PURGE_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes every expired key; how many. */
  async run(): Promise<number> {
    let purged = 0;
    for (let count = PURGE_BATCH; count === PURGE_BATCH; purged += count) {
      count = await this.keys.purgeExpired(PURGE_BATCH);
    }
    return purged;
  }
}
