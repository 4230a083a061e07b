import { Global, Module } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../../config/app-config';
import { RATE_LIMIT_WINDOW_MS, rateLimitNameOf, rateLimitOf } from './api-key-throttler.guard';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { RedisSlidingWindowStore } from './redis-sliding-window.store';
import { MemorySlidingWindowStore, SLIDING_WINDOW_STORE, type SlidingWindowStore } from './sliding-window.store';
import { SlidingWindowThrottlerStorage } from './sliding-window-throttler.storage';
import { StoreOutageLog } from './store-outage-log';

/** The counters: in Redis when REDIS_URL is set (shared by all instances), else in memory. */
@Global()
@Module({
  providers: [
    StoreOutageLog,
    {
      provide: SLIDING_WINDOW_STORE,
      inject: [AppConfig],
      useFactory: (config: AppConfig): SlidingWindowStore =>
        config.REDIS_URL
          ? new RedisSlidingWindowStore(config.REDIS_URL, config.REDIS_TIMEOUT_MS, config.REDIS_KEY_PREFIX)
          : new MemorySlidingWindowStore(),
    },
  ],
  exports: [SLIDING_WINDOW_STORE, StoreOutageLog],
})
export class RateLimitStoreModule {}

/** Rate limits (SPEC §3): per API key and route, and per address for failed authentication. */
@Module({
  imports: [
    RateLimitStoreModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, SLIDING_WINDOW_STORE],
      useFactory: (config: AppConfig, store: SlidingWindowStore) => {
        const reflector = new Reflector();
        return {
          throttlers: [
            {
              name: 'default',
              ttl: RATE_LIMIT_WINDOW_MS,
              limit: (context) => rateLimitOf(config, rateLimitNameOf(reflector, context)),
            },
          ],
          storage: new SlidingWindowThrottlerStorage(store),
        };
      },
    }),
  ],
  providers: [AuthFailureLimiter],
  exports: [AuthFailureLimiter, ThrottlerModule],
})
export class ThrottlingModule {}
