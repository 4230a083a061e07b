import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-code';
import { isPublic } from '../auth.decorators';
import { RateLimitStore } from './rate-limit.store';
import { RouteLimits } from './route-limits';
import { StoreOutageLog } from './store-outage-log';

/**
 * Per API key and per route, after authentication (it needs the key id) and before the scope
 * check and any work of the route. `ThrottlerGuard` resolves the route's limit (through
 * `RouteLimits`, see AuthModule); this counts the request in the store and answers with
 * `X-RateLimit-*` and the IETF `RateLimit-Policy` / `RateLimit` headers on every response of a
 * limited route, 429s included. A request that counts by item (a batch) gets as many items as
 * fit (`request.rateLimitGranted`; the route answers 429 for the rest) and is refused only when
 * none fits. A store outage lets requests through (fail open).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly limits: RouteLimits,
    private readonly store: RateLimitStore,
    private readonly outage: StoreOutageLog,
  ) {
    super(options, storage, reflector);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(isPublic(this.reflector, context));
  }

  protected override handleRequest({ context, limit, ttl }: ThrottlerRequest): Promise<boolean> {
    return this.count(context, limit, ttl);
  }

  private async count(context: ExecutionContext, limit: number, ttl: number): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const auth = request.auth;
    if (!auth) throw new Error('RateLimitGuard must run after ApiKeyGuard');
    const { name, cost } = this.limits.of(context);
    const units = cost ? cost(request) : 1;

    let record;
    try {
      record = await this.store.hit(`key:${auth.apiKeyId}:${name}`, limit, ttl, units);
    } catch (error) {
      this.outage.report(error);
      return true; // fail open: an outage of the counters must not take the API down
    }
    const reset = Math.max(1, Math.ceil(record.resetMs / 1000));
    const remaining = Math.max(0, limit - record.count);
    const policy = name.replace(/[^A-Za-z0-9_-]/g, '-');
    void reply
      .header('x-ratelimit-limit', String(limit))
      .header('x-ratelimit-remaining', String(remaining))
      .header('x-ratelimit-reset', String(reset))
      .header('ratelimit-policy', `"${policy}";q=${limit};w=${Math.round(ttl / 1000)}`)
      .header('ratelimit', `"${policy}";r=${remaining};t=${reset}`);
    if (record.granted < units) void reply.header('retry-after', String(reset));
    if (cost) request.rateLimitGranted = record.granted;
    if (!record.allowed) {
      throw new DomainException(
        ErrorCode.RateLimited,
        `Rate limit of ${limit} requests per minute exceeded for this API key: retry after the time in Retry-After`,
      );
    }
    return true;
  }
}
