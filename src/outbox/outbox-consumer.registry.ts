import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { OUTBOX_SUBSCRIPTIONS, type OutboxSubscription } from './outbox-consumer.decorator';

/**
 * Which consumers receive each kind of event: the `@OnOutboxEvent` methods of the application's
 * providers, found once at bootstrap (as `@nestjs/event-emitter` finds `@OnEvent` handlers).
 * `OutboxService` writes one delivery row per consumer listed here.
 */
@Injectable()
export class OutboxConsumerRegistry implements OnModuleInit {
  private readonly byEvent = new Map<string, string[]>();
  private readonly ordered = new Set<string>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    this.byEvent.clear();
    this.ordered.clear();
    for (const { instance } of this.discovery.getProviders()) {
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[name];
        if (typeof method !== 'function') continue;
        const subscriptions = Reflect.getMetadata(OUTBOX_SUBSCRIPTIONS, method) as
          OutboxSubscription[] | undefined;
        for (const { eventName, consumer, ordered } of subscriptions ?? []) {
          this.add(eventName, consumer);
          if (ordered) this.ordered.add(consumer);
        }
      }
    }
  }

  /** The consumers of an event, in a stable order (each consumer once). */
  consumersOf(eventName: string): readonly string[] {
    return this.byEvent.get(eventName) ?? [];
  }

  /** Every consumer of this process: the only deliveries it claims. */
  allConsumers(): readonly string[] {
    return [...new Set([...this.byEvent.values()].flat())].sort();
  }

  /** The consumers that take each aggregate's events strictly in order (`ordered: true`). */
  orderedConsumers(): readonly string[] {
    return [...this.ordered].sort();
  }

  private add(eventName: string, consumer: string): void {
    const consumers = this.byEvent.get(eventName) ?? [];
    if (!consumers.includes(consumer)) this.byEvent.set(eventName, [...consumers, consumer].sort());
  }
}
