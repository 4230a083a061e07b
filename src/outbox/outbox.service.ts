import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '../common/events/domain-event';
import { consumersOf } from './outbox-consumer.decorator';
import { OutboxDeliveryEntity } from './outbox-delivery.entity';
import { OutboxEventEntity } from './outbox-event.entity';

/** Writes events, and one delivery per consumer, inside the caller's transaction. */
@Injectable()
export class OutboxService {
  async enqueue(manager: EntityManager, events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await manager.insert(
      OutboxEventEntity,
      events.map((event) => ({
        id: event.eventId,
        workspaceId: event.workspaceId,
        aggregateType: event.aggregateType,
        aggregateId: event.aggregateId,
        sequence: event.sequence,
        eventName: event.eventName,
        payload: JSON.parse(JSON.stringify(event)) as object,
        occurredAt: new Date(event.occurredAt),
      })),
    );
    const deliveries = events.flatMap((event) =>
      consumersOf(event.eventName).map((consumer) => ({ eventId: event.eventId, consumer })),
    );
    if (deliveries.length > 0) await manager.insert(OutboxDeliveryEntity, deliveries);
  }
}
