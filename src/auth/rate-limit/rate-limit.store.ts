import type { ThrottlerStorage } from '@nestjs/throttler';

/** What a rate-limit counter answers for one key. */
export interface SlidingWindowResult {
  /** Whether this request fits in the limit (only then is it counted). */
  allowed: boolean;
  /** How many of the `cost` units asked for were counted (all of them, or as many as fit). */
  granted: number;
  /** Units counted in the last window, this request's included. */
  count: number;
  /** Milliseconds until the oldest counted request leaves the window (a slot frees up). */
  resetMs: number;
}

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The counters behind every limit: a sliding-window log, at most `limit` requests in any
 * `windowMs`, exactly. A fixed window lets up to twice the limit through around its boundary, and
 * a token bucket (GCRA) allows a full burst on top of its sustained rate; neither matches
 * "60 requests per minute" as a client reads it. Refused requests are not counted, so a client
 * that backs off gets its slots back on time.
 *
 * It is `@nestjs/throttler`'s storage (`increment`, what `ThrottlerGuard` calls) and also answers
 * `release` (for the failed-authentication limiter, which counts an attempt before it knows it
 * failed) and `ping` (for the readiness check).
 */
export abstract class RateLimitStore implements ThrottlerStorage {
  /**
   * Counts a request if it fits. A request that costs several units (a batch, by item) gets as
   * many as fit (`granted`), so that its first items go through and the rest wait.
   */
  abstract hit(
    key: string,
    limit: number,
    windowMs: number,
    cost?: number,
  ): Promise<SlidingWindowResult>;
  /** Takes back the newest request counted for `key` (it turned out not to count). */
  abstract release(key: string): Promise<void>;
  /** Resolves when the store answers; rejects when it is down or slow. */
  abstract ping(): Promise<void>;
  /** Whether the store is shared by every instance (Redis), so that its health matters to readiness. */
  abstract readonly shared: boolean;

  /** `ThrottlerStorage.increment`: `hit` in the throttler's terms (seconds). */
  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const { allowed, count, resetMs } = await this.hit(key, limit, ttl);
    const seconds = Math.ceil(resetMs / 1000);
    return {
      totalHits: count,
      timeToExpire: seconds,
      isBlocked: !allowed,
      timeToBlockExpire: seconds,
    };
  }
}

/** The store for a single instance (no REDIS_URL): timestamps per key, in memory. */
export class MemoryRateLimitStore extends RateLimitStore {
  readonly shared = false;
  private readonly hits = new Map<string, number[]>();
  private lastSweep: number;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.lastSweep = now();
  }

  hit(key: string, limit: number, windowMs: number, cost = 1): Promise<SlidingWindowResult> {
    return Promise.resolve(this.apply(key, limit, windowMs, cost));
  }

  release(key: string): Promise<void> {
    const times = this.hits.get(key);
    times?.pop();
    if (times?.length === 0) this.hits.delete(key);
    return Promise.resolve();
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  private apply(key: string, limit: number, windowMs: number, cost: number): SlidingWindowResult {
    const now = this.now();
    this.sweep(now, windowMs);
    const times = this.hits.get(key) ?? [];
    let expired = 0;
    while (expired < times.length && times[expired] <= now - windowMs) expired++;
    if (expired > 0) times.splice(0, expired);

    const granted = Math.max(0, Math.min(cost, limit - times.length));
    for (let i = 0; i < granted; i++) times.push(now);
    if (granted > 0 && times.length === granted) this.hits.set(key, times);
    if (times.length === 0) this.hits.delete(key);
    const resetMs = times.length > 0 ? times[0] + windowMs - now : 0;
    return { allowed: granted > 0, granted, count: times.length, resetMs };
  }

  /** Forgets keys with nothing left in their window, so memory follows the active keys only. */
  private sweep(now: number, windowMs: number): void {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [key, times] of this.hits) {
      if (times.length === 0 || times[times.length - 1] <= now - windowMs) this.hits.delete(key);
    }
  }
}
