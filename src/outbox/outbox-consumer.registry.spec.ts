import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { DomainEvent } from '../common/events/domain-event';
import { OnOutboxBatch, OnOutboxEvent } from './outbox-consumer.decorator';
import { OutboxConsumerRegistry } from './outbox-consumer.registry';

class ThingCreated implements DomainEvent {
  static readonly eventName: string = 'thing.created';
  readonly eventName: string = ThingCreated.eventName;
  readonly eventId = 'e';
  readonly workspaceId = 'w';
  readonly occurredAt = '';
  readonly aggregateType = 'thing';
  readonly aggregateId = 'a';
  readonly sequence = 1;
}

class ThingUpdated extends ThingCreated {
  static override readonly eventName = 'thing.updated';
}

@Injectable()
class IndexListener {
  @OnOutboxEvent(ThingCreated, 'search.index')
  @OnOutboxEvent(ThingUpdated, 'search.index')
  index(): Promise<void> {
    return Promise.resolve();
  }
}

@Injectable()
class MailListener {
  @OnOutboxEvent(ThingCreated, 'mail.welcome')
  welcome(): Promise<void> {
    return Promise.resolve();
  }
}

@Injectable()
class Publisher {
  readonly seen: string[] = [];

  @OnOutboxBatch([ThingCreated, ThingUpdated], 'broker.things', { ordered: true })
  publish(events: readonly ThingCreated[]): Promise<void>[] {
    this.seen.push(...events.map((e) => e.eventId));
    return events.map(() => Promise.resolve());
  }
}

@Injectable()
class Confused {
  @OnOutboxEvent(ThingCreated, 'both.kinds')
  one(): Promise<void> {
    return Promise.resolve();
  }

  @OnOutboxBatch([ThingUpdated], 'both.kinds')
  many(events: readonly ThingUpdated[]): Promise<void>[] {
    return events.map(() => Promise.resolve());
  }
}

@Module({ providers: [Publisher] })
class BrokerModule {}

@Module({ providers: [Confused] })
class ConfusedModule {}

@Module({ providers: [IndexListener] })
class SearchModule {}

@Module({ providers: [MailListener] })
class MailModule {}

async function registryOf(...imports: (typeof SearchModule)[]): Promise<OutboxConsumerRegistry> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule, ...imports],
    providers: [OutboxConsumerRegistry],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(OutboxConsumerRegistry);
}

describe('OutboxConsumerRegistry', () => {
  it('finds every @OnOutboxEvent method of the imported modules, each consumer once per event', async () => {
    const registry = await registryOf(SearchModule, MailModule);
    expect(registry.consumersOf('thing.created')).toEqual(['mail.welcome', 'search.index']);
    expect(registry.consumersOf('thing.updated')).toEqual(['search.index']);
    expect(registry.consumersOf('thing.deleted')).toEqual([]);
  });

  it('knows only the consumers of modules the application imports', async () => {
    const registry = await registryOf(SearchModule);
    expect(registry.consumersOf('thing.created')).toEqual(['search.index']);
  });

  it('finds @OnOutboxBatch methods: a consumer of each of their events, ordered if asked, called with the batch on its provider', async () => {
    const registry = await registryOf(SearchModule, BrokerModule);
    expect(registry.consumersOf('thing.created')).toEqual(['broker.things', 'search.index']);
    expect(registry.consumersOf('thing.updated')).toEqual(['broker.things', 'search.index']);
    expect(registry.orderedConsumers()).toEqual(['broker.things']);
    expect(registry.isOrdered('search.index')).toBe(false);
    expect(registry.batchHandler('search.index')).toBeUndefined();
    const handler = registry.batchHandler('broker.things');
    expect(handler).toBeDefined();
    const outcomes = await handler?.([{ eventId: 'x' }, { eventId: 'y' }]);
    expect(outcomes).toHaveLength(2);
  });

  it('refuses a consumer that is both a batch consumer and a per-event one', async () => {
    await expect(registryOf(ConfusedModule)).rejects.toThrow(/both a batch consumer/);
  });

  it('refuses a consumer name that could not name a delivery row', () => {
    expect(() => OnOutboxEvent(ThingCreated, 'Bad Name')).toThrow(/Invalid consumer name/);
  });
});
