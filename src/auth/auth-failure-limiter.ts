import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RateLimitStore } from './rate-limit/rate-limit.store';
import { StoreOutageLog } from './rate-limit/store-outage-log';

const WINDOW_MS = 60_000;

/**
 * Counts failed authentications per client address, so that a flood of bad keys from one
 * address is refused before it reaches the database (SPEC §3).
 */
@Injectable()
export class AuthFailureLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly config: AppConfig,
    private readonly outage: StoreOutageLog,
  ) {}

  /** Seconds until the address may try again, or 0 if it may try now. Fails open. */
  async retryAfter(address: string): Promise<number> {
    try {
      const { allowed, resetMs } = await this.store.peek(this.key(address), this.config.RATE_LIMIT_AUTH_FAILURES, WINDOW_MS);
      return allowed ? 0 : Math.max(1, Math.ceil(resetMs / 1000));
    } catch (error) {
      this.outage.report(error);
      return 0;
    }
  }

  async recordFailure(address: string): Promise<void> {
    try {
      await this.store.hit(this.key(address), this.config.RATE_LIMIT_AUTH_FAILURES, WINDOW_MS);
    } catch (error) {
      this.outage.report(error);
    }
  }

  private key(address: string): string {
    return `authfail:${address}`;
  }
}
