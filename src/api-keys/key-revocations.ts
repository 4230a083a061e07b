import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

/** How long a revocation waits for Redis before it relies on the other instances' cache TTL. */
const PUBLISH_TIMEOUT_MS = 2000;

/**
 * Tells every instance that a key was revoked, so each drops it from its authentication cache
 * within a second instead of when the cache runs out (AUTH_CACHE_TTL_MS). Published on a Redis
 * channel (REDIS_URL, under REDIS_KEY_PREFIX) by whichever process revokes: the CLI or a service.
 * Without Redis, or while it is down, the cache TTL is the fallback: a revoked key is refused
 * everywhere within AUTH_CACHE_TTL_MS anyway.
 */
@Injectable()
export class KeyRevocations implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeys');
  private readonly listeners: ((keyHash: string) => void)[] = [];
  private subscriber?: Redis;
  private readonly channel: string;

  constructor(private readonly config: AppConfig) {
    this.channel = `${config.REDIS_KEY_PREFIX}api-keys:revoked`;
  }

  /** Calls `listener` with the hash of every key revoked anywhere (this process included). */
  onRevoked(listener: (keyHash: string) => void): void {
    this.listeners.push(listener);
  }

  /** Subscribes without delaying the start: a Redis that is down is retried in the background. */
  onModuleInit(): void {
    const url = this.config.REDIS_URL;
    if (!url) return;
    this.subscriber = new Redis(url, {
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      maxRetriesPerRequest: null,
    });
    this.subscriber.on('error', () => undefined); // reconnects by itself; the TTL covers the gap
    this.subscriber.on('message', (channel: string, keyHash: string) => {
      if (channel === this.channel) this.notify(keyHash);
    });
    this.subscriber.subscribe(this.channel).catch((error: unknown) => {
      this.logger.warn(
        `Not subscribed to key revocations (${String(error)}): other instances' revocations arrive within the cache TTL`,
      );
    });
  }

  /** Announces a revocation to this process at once, and to the others through Redis. */
  async publish(keyHash: string): Promise<void> {
    this.notify(keyHash);
    const url = this.config.REDIS_URL;
    if (!url) return;
    const publisher = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: PUBLISH_TIMEOUT_MS,
    });
    publisher.on('error', () => undefined);
    try {
      await publisher.connect();
      await publisher.publish(this.channel, keyHash);
    } catch (error) {
      this.logger.warn(
        `Could not announce a key revocation (${String(error)}): other instances refuse the key within the cache TTL`,
      );
    } finally {
      publisher.disconnect();
    }
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  private notify(keyHash: string): void {
    for (const listener of this.listeners) listener(keyHash);
  }
}
