import { randomBytes } from 'node:crypto';
import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimitStore, type SlidingWindowResult } from './rate-limit.store';

/**
 * One atomic step of the sliding-window log, on Redis' clock (so every instance agrees on the
 * time): drop entries older than the window, count, add as many of this request's units as fit
 * (one for most requests; a batch's items), and report when the oldest entry leaves the window.
 */
const SLIDING_WINDOW_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local cost = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local granted = math.max(0, math.min(cost, limit - count))
for i = 1, granted do
  redis.call('ZADD', KEYS[1], now, now .. '-' .. ARGV[3] .. '-' .. i)
end
if granted > 0 then
  redis.call('PEXPIRE', KEYS[1], window)
  count = count + granted
end
local reset = 0
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if oldest[2] then reset = tonumber(oldest[2]) + window - now end
return {granted, count, reset}
`;

interface SlidingWindowCommands {
  slidingWindow(
    key: string,
    windowMs: number,
    limit: number,
    member: string,
    cost: number,
  ): Promise<[number, number, number]>;
}

/**
 * The store shared by every instance behind the load balancer. Commands fail fast instead of
 * queueing while Redis is away (no offline queue, no retries, a command timeout), so the caller
 * decides what an outage means within a bounded wait.
 */
export class RedisRateLimitStore
  extends RateLimitStore
  implements OnModuleInit, OnApplicationShutdown
{
  readonly shared = true;
  readonly redis: Redis & SlidingWindowCommands;
  /**
   * Log entries only need to differ from each other: a random prefix per instance and a counter
   * make them unique without drawing random bytes per request (`randomBytes` per hit was 3% of
   * the service's CPU under a get-by-id load).
   */
  private readonly memberPrefix = randomBytes(9).toString('base64url');
  private memberSequence = 0;
  private started?: Promise<void>;

  constructor(url: string, timeoutMs: number, prefix: string) {
    super();
    this.redis = new Redis(url, {
      keyPrefix: prefix,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: timeoutMs,
      connectTimeout: Math.max(timeoutMs, 1000),
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    }) as Redis & SlidingWindowCommands;
    // Connection errors are reported through failing commands; keep the emitter quiet.
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('slidingWindow', { numberOfKeys: 1, lua: SLIDING_WINDOW_SCRIPT });
  }

  /**
   * Connects before the app serves (without the offline queue, a command sent before the
   * connection is up would fail open). Redis being down at start is not fatal: the client keeps
   * reconnecting and the limiter fails open meanwhile. Once only: the instance is also the
   * throttler's storage provider, so Nest calls this hook twice.
   */
  onModuleInit(): Promise<void> {
    this.started ??= this.connect();
    return this.started;
  }

  private async connect(): Promise<void> {
    try {
      await Promise.race([
        this.redis.connect(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('connection timed out')), 2000).unref(),
        ),
      ]);
    } catch (error) {
      new Logger('RateLimit').warn(
        `Redis is not reachable at start (${error instanceof Error ? error.message : String(error)}): rate limits fail open until it is`,
      );
    }
  }

  async hit(key: string, limit: number, windowMs: number, cost = 1): Promise<SlidingWindowResult> {
    const member = `${this.memberPrefix}${(this.memberSequence++).toString(36)}`;
    const [granted, count, resetMs] = await this.redis.slidingWindow(
      key,
      windowMs,
      limit,
      member,
      cost,
    );
    return { allowed: granted > 0, granted, count, resetMs };
  }

  async release(key: string): Promise<void> {
    await this.redis.zpopmax(key);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
