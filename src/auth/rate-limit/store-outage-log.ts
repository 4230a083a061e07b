import { Injectable, Logger } from '@nestjs/common';

const REPORT_EVERY_MS = 10_000;

/**
 * The rate limiter fails open when its store (Redis) is down or slow: requests go through
 * unlimited rather than failing or hanging. This logs that, at most once every 10 seconds.
 */
@Injectable()
export class StoreOutageLog {
  private readonly logger = new Logger('RateLimit');
  private lastReport = 0;
  private suppressed = 0;
  /** Requests let through because the store failed, since the start (for the metrics). */
  failOpens = 0;

  report(error: unknown): void {
    this.failOpens++;
    const now = Date.now();
    if (now - this.lastReport < REPORT_EVERY_MS) {
      this.suppressed++;
      return;
    }
    const also = this.suppressed > 0 ? ` (${this.suppressed} more since the last report)` : '';
    this.logger.warn(
      `Rate-limit store unavailable, letting requests through unlimited: ${error instanceof Error ? error.message : String(error)}${also}`,
    );
    this.lastReport = now;
    this.suppressed = 0;
  }
}
