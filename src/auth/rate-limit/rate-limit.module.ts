import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { MemoryRateLimitStore, RateLimitStore } from './rate-limit.store';
import { RedisRateLimitStore } from './redis-rate-limit.store';
import { RouteLimits } from './route-limits';
import { StoreOutageLog } from './store-outage-log';

/**
 * The rate-limit counters, in Redis when REDIS_URL is set (shared by every instance) and in
 * memory otherwise, with the routes' configured limits. Used by the guards of AuthModule; the
 * readiness check reads the store's health.
 */
@Module({
  providers: [
    StoreOutageLog,
    RouteLimits,
    {
      provide: RateLimitStore,
      inject: [AppConfig],
      useFactory: (config: AppConfig): RateLimitStore =>
        config.REDIS_URL
          ? new RedisRateLimitStore(
              config.REDIS_URL,
              config.REDIS_TIMEOUT_MS,
              config.REDIS_KEY_PREFIX,
            )
          : new MemoryRateLimitStore(),
    },
  ],
  exports: [RateLimitStore, StoreOutageLog, RouteLimits],
})
export class RateLimitModule {}
