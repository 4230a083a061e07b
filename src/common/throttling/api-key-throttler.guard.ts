import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  ThrottlerStorage,
  InjectThrottlerOptions,
  InjectThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { IS_PUBLIC } from '../auth/auth.decorators';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code';
import { RATE_LIMIT_NAME, RATE_LIMIT_SETTINGS, type RateLimitName } from './rate-limit.decorator';
import { StoreOutageLog } from './store-outage-log';

export const RATE_LIMIT_WINDOW_MS = 60_000;

/** The name of a route's limit: its `@RateLimit`, or the route itself under the default limit. */
export function rateLimitNameOf(reflector: Reflector, context: ExecutionContext): string {
  const name = reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT_NAME, [
    context.getHandler(),
    context.getClass(),
  ]);
  return name ?? `${context.getClass().name}.${context.getHandler().name}`;
}

export function rateLimitOf(config: AppConfig, name: string): number {
  const setting = RATE_LIMIT_SETTINGS[name as RateLimitName] as keyof AppConfig | undefined;
  return setting ? (config[setting] as number) : config.RATE_LIMIT_DEFAULT;
}

/**
 * Per API key and per route, after authentication (it needs the key id) and before the scope
 * check and any work of the route. Sets `X-RateLimit-*` and the IETF `RateLimit-Policy` /
 * `RateLimit` headers on every response of a limited route, 429s included.
 */
@Injectable()
export class ApiKeyThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly outage: StoreOutageLog,
  ) {
    super(options, storage, reflector);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) ?? false,
    );
  }

  protected override handleRequest({ context, limit, ttl }: ThrottlerRequest): Promise<boolean> {
    return this.limit(context, limit, ttl);
  }

  private async limit(context: ExecutionContext, limit: number, ttl: number): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const auth = request.auth;
    if (!auth) throw new Error('ApiKeyThrottlerGuard must run after ApiKeyGuard');
    const name = rateLimitNameOf(this.reflector, context);
    const key = `key:${auth.apiKeyId}:${name}`;

    let record;
    try {
      record = await this.storageService.increment(key, ttl, limit, ttl, name);
    } catch (error) {
      this.outage.report(error);
      return true; // fail open: an outage of the counters must not take the API down
    }
    const reset = Math.max(1, record.timeToExpire);
    const remaining = Math.max(0, limit - record.totalHits);
    const policy = name.replace(/[^A-Za-z0-9_-]/g, '-');
    void reply
      .header('x-ratelimit-limit', String(limit))
      .header('x-ratelimit-remaining', String(remaining))
      .header('x-ratelimit-reset', String(reset))
      .header('ratelimit-policy', `"${policy}";q=${limit};w=${Math.round(ttl / 1000)}`)
      .header('ratelimit', `"${policy}";r=${remaining};t=${reset}`);
    if (record.isBlocked) {
      void reply.header('retry-after', String(Math.max(1, record.timeToBlockExpire)));
      throw new DomainException(
        ErrorCode.RateLimited,
        `Rate limit of ${limit} requests per minute exceeded for this API key: retry after the time in Retry-After`,
      );
    }
    return true;
  }
}
