import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { BrokerMessagesRepository } from './broker-messages.repository';

const EVERY_MS = 10 * 60_000;

/**
 * Forgets where messages went once the stream has dropped them (NATS_MAX_AGE_DAYS), every ten
 * minutes, on every instance (short batches; they do not collide).
 */
@Injectable()
export class BrokerRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BrokerRetention.name);
  private timer?: NodeJS.Timeout;
  private running: Promise<number> | null = null;

  constructor(
    private readonly messages: BrokerMessagesRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RETENTION_JOBS || this.config.NATS_MAX_AGE_DAYS === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.run()
        .catch((error: unknown) => {
          this.logger.warn(`Broker retention failed: ${String(error)}`);
          return 0;
        })
        .finally(() => (this.running = null));
    }, EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes the records older than the stream's max age; how many went. */
  async run(): Promise<number> {
    const before = new Date(Date.now() - this.config.NATS_MAX_AGE_DAYS * 86_400_000);
    let deleted = 0;
    for (let batch = 0; batch < 20; batch++) {
      const count = await this.messages.purge(before, 5000);
      deleted += count;
      if (count < 5000) break;
    }
    return deleted;
  }
}
