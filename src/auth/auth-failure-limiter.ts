import { Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { RateLimitStore } from './rate-limit/rate-limit.store';
import { StoreOutageLog } from './rate-limit/store-outage-log';

const WINDOW_MS = 60_000;

/**
 * Counts authentication attempts per client address, so that a flood of bad keys from one
 * address is refused before it reaches the database (SPEC §3). An attempt is counted *before*
 * its key is looked up, atomically in the store, so simultaneous requests cannot all slip
 * through on a count read before any of them failed; an attempt that succeeds is taken back.
 * IPv6 clients are counted by /64 (a client owns its whole /64 and can rotate addresses in it).
 */
@Injectable()
export class AuthFailureLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly config: AppConfig,
    private readonly outage: StoreOutageLog,
  ) {}

  /**
   * Counts an attempt from `address`: 0 when it may go on, else the seconds until it may try
   * again. Fails open (a store outage must not lock every client out).
   */
  async attempt(address: string): Promise<number> {
    try {
      const { allowed, resetMs } = await this.store.hit(
        this.key(address),
        this.config.RATE_LIMIT_AUTH_FAILURES,
        WINDOW_MS,
      );
      return allowed ? 0 : Math.max(1, Math.ceil(resetMs / 1000));
    } catch (error) {
      this.outage.report(error);
      return 0;
    }
  }

  /** The attempt from `address` authenticated: it does not count against the address. */
  async succeeded(address: string): Promise<void> {
    try {
      await this.store.release(this.key(address));
    } catch (error) {
      this.outage.report(error);
    }
  }

  private key(address: string): string {
    return `authfail:${normalizeIp(address)}`;
  }
}
