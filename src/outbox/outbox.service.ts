import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../common/events/domain-event';
import { OutboxConsumerRegistry } from './outbox-consumer.registry';
import { OutboxRepository } from './outbox.repository';

/** Writes events, and one delivery per consumer, inside the caller's transaction. */
@Injectable()
export class OutboxService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly consumers: OutboxConsumerRegistry,
  ) {}

  enqueue(manager: EntityManager, events: DomainEvent[]): Promise<void> {
    return this.outbox.enqueue(manager, events, (eventName) =>
      this.consumers.consumersOf(eventName),
    );
  }
}
