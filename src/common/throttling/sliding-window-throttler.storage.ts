import type { ThrottlerStorage } from '@nestjs/throttler';
import type { SlidingWindowStore } from './sliding-window.store';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** @nestjs/throttler's storage contract on top of the sliding-window log. */
export class SlidingWindowThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly store: SlidingWindowStore) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const { allowed, count, resetMs } = await this.store.hit(key, limit, ttl);
    const seconds = Math.ceil(resetMs / 1000);
    return { totalHits: count, timeToExpire: seconds, isBlocked: !allowed, timeToBlockExpire: seconds };
  }
}
