import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import {
  OUTBOX_BATCH_SUBSCRIPTION,
  OUTBOX_SUBSCRIPTIONS,
  type OutboxBatchOutcomes,
  type OutboxBatchSubscription,
  type OutboxSubscription,
} from './outbox-consumer.decorator';

/** A batch consumer's method, bound to its provider. */
export type OutboxBatchHandler = (
  events: readonly Record<string, unknown>[],
) => OutboxBatchOutcomes | Promise<OutboxBatchOutcomes>;

/**
 * Which consumers receive each kind of event: the `@OnOutboxEvent` and `@OnOutboxBatch` methods
 * of the application's providers, found once at bootstrap (as `@nestjs/event-emitter` finds
 * `@OnEvent` handlers). `OutboxService` writes one delivery row per consumer listed here.
 */
@Injectable()
export class OutboxConsumerRegistry implements OnModuleInit {
  private readonly byEvent = new Map<string, string[]>();
  private readonly ordered = new Set<string>();
  private readonly batches = new Map<string, OutboxBatchHandler>();
  private readonly perEvent = new Set<string>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    this.byEvent.clear();
    this.ordered.clear();
    this.batches.clear();
    this.perEvent.clear();
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
          this.perEvent.add(consumer);
          if (ordered) this.ordered.add(consumer);
        }
        const batch = Reflect.getMetadata(OUTBOX_BATCH_SUBSCRIPTION, method) as
          OutboxBatchSubscription | undefined;
        if (batch) {
          if (this.batches.has(batch.consumer)) {
            throw new Error(`Outbox consumer ${batch.consumer} has two @OnOutboxBatch methods`);
          }
          this.batches.set(batch.consumer, (method as OutboxBatchHandler).bind(instance));
          for (const eventName of batch.eventNames) this.add(eventName, batch.consumer);
          if (batch.ordered) this.ordered.add(batch.consumer);
        }
      }
    }
    for (const consumer of this.batches.keys()) {
      if (this.perEvent.has(consumer)) {
        throw new Error(
          `Outbox consumer ${consumer} is both a batch consumer and an @OnOutboxEvent one: choose one`,
        );
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

  isOrdered(consumer: string): boolean {
    return this.ordered.has(consumer);
  }

  /** The `@OnOutboxBatch` method of a consumer; undefined for an `@OnOutboxEvent` consumer. */
  batchHandler(consumer: string): OutboxBatchHandler | undefined {
    return this.batches.get(consumer);
  }

  private add(eventName: string, consumer: string): void {
    const consumers = this.byEvent.get(eventName) ?? [];
    if (!consumers.includes(consumer)) this.byEvent.set(eventName, [...consumers, consumer].sort());
  }
}
