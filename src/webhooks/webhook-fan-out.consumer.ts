import { Injectable } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { ContactCreatedEvent } from '../contacts/events/contact-created.event';
import { ContactDeletedEvent } from '../contacts/events/contact-deleted.event';
import type { ContactEventPayload } from '../contacts/events/contact-event-payload';
import { ContactErasedEvent } from '../contacts/events/contact-erased.event';
import { ContactMergedEvent } from '../contacts/events/contact-merged.event';
import { ContactRestoredEvent } from '../contacts/events/contact-restored.event';
import { ContactUpdatedEvent } from '../contacts/events/contact-updated.event';
import { toEnvelope } from '../event-catalogue/envelope';
import { OnOutboxBatch, type OutboxBatchOutcomes } from '../outbox/outbox-consumer.decorator';
import { type FanOutEvent, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatcher } from './webhook-dispatcher';

const CONSUMER = 'webhooks.fan-out';

/**
 * Turns each contact event into one delivery per subscribed endpoint: a claimed batch of events
 * at a time, all written in one statement. An ordered outbox consumer: a contact's events are
 * fanned out strictly in order (a batch holds at most one event per contact), so each endpoint's
 * deliveries of one contact are in the events' order (the order they are then sent in).
 * Idempotent: an event fanned out again (the outbox delivers at least once) writes nothing new.
 */
@Injectable()
export class WebhookFanOut {
  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly dispatcher: WebhookDispatcher,
    private readonly clock: Clock,
  ) {}

  @OnOutboxBatch(
    [
      ContactCreatedEvent,
      ContactUpdatedEvent,
      ContactDeletedEvent,
      ContactRestoredEvent,
      ContactMergedEvent,
      ContactErasedEvent,
    ],
    CONSUMER,
    { ordered: true },
  )
  fanOut(
    events: readonly Pick<ContactEventPayload, 'workspaceId' | 'contactId'>[],
  ): OutboxBatchOutcomes {
    // An event that cannot become an envelope fails alone; the others are written together.
    const outcomes = events.map((event): FanOutEvent | Error => {
      try {
        const envelope = toEnvelope(event);
        return { envelope, workspaceId: event.workspaceId, contactId: event.contactId };
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    });
    const written = this.deliveries
      .fanOut(
        outcomes.filter((o): o is FanOutEvent => !(o instanceof Error)),
        this.clock.now(),
      )
      .then((count) => {
        if (count > 0) this.dispatcher.kick();
      });
    return outcomes.map((o) => (o instanceof Error ? Promise.reject(o) : written));
  }
}
