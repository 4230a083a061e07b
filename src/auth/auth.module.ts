import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { ApiKeyGuard } from './api-key.guard';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthFailureGuard } from './auth-failure.guard';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RateLimitStore } from './rate-limit/rate-limit.store';
import { RATE_LIMIT_WINDOW_MS, RouteLimits } from './rate-limit/route-limits';
import { ScopesGuard } from './scopes.guard';

/**
 * Authentication, authorisation and rate limits (SPEC §2, §3): the one place the global guard
 * chain is declared, in this order:
 * 1. refuse addresses flooding bad keys (before any database work),
 * 2. authenticate the key (a failure counts against the address),
 * 3. rate-limit per key and route (needs the key; before the route does any work),
 * 4. authorise: the route's scopes.
 */
@Module({
  imports: [
    ApiKeysModule,
    RateLimitModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitModule],
      inject: [RouteLimits, RateLimitStore],
      useFactory: (limits: RouteLimits, store: RateLimitStore) => ({
        throttlers: [
          {
            name: 'route',
            ttl: RATE_LIMIT_WINDOW_MS,
            limit: (context) => limits.of(context).perMinute,
          },
        ],
        storage: store,
      }),
    }),
  ],
  providers: [
    AuthFailureLimiter,
    { provide: APP_GUARD, useClass: AuthFailureGuard },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: ScopesGuard },
  ],
})
export class AuthModule {}
