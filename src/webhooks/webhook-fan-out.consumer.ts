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
import { OnOutboxEvent } from '../outbox/outbox-consumer.decorator';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDispatcher } from './webhook-dispatcher';

const CONSUMER = 'webhooks.fan-out';

/**
 * Turns each contact event into one delivery per subscribed endpoint. An ordered outbox consumer:
 * a contact's events are fanned out strictly in order, so each endpoint's deliveries of one contact
 * are in the events' order (the order they are then sent in). Idempotent: an event fanned out
 * again (the outbox delivers at least once) writes nothing new.
 */
@Injectable()
export class WebhookFanOut {
  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly dispatcher: WebhookDispatcher,
    private readonly clock: Clock,
  ) {}

  @OnOutboxEvent(ContactCreatedEvent, CONSUMER, { ordered: true })
  onCreated(event: ContactCreatedEvent): Promise<void> {
    return this.fanOut(event);
  }

  @OnOutboxEvent(ContactUpdatedEvent, CONSUMER, { ordered: true })
  onUpdated(event: ContactUpdatedEvent): Promise<void> {
    return this.fanOut(event);
  }

  @OnOutboxEvent(ContactDeletedEvent, CONSUMER, { ordered: true })
  onDeleted(event: ContactDeletedEvent): Promise<void> {
    return this.fanOut(event);
  }

  @OnOutboxEvent(ContactRestoredEvent, CONSUMER, { ordered: true })
  onRestored(event: ContactRestoredEvent): Promise<void> {
    return this.fanOut(event);
  }

  @OnOutboxEvent(ContactMergedEvent, CONSUMER, { ordered: true })
  onMerged(event: ContactMergedEvent): Promise<void> {
    return this.fanOut(event);
  }

  @OnOutboxEvent(ContactErasedEvent, CONSUMER, { ordered: true })
  onErased(event: ContactErasedEvent): Promise<void> {
    return this.fanOut(event);
  }

  private async fanOut(
    event: Pick<ContactEventPayload, 'workspaceId' | 'contactId'>,
  ): Promise<void> {
    const written = await this.deliveries.fanOut(
      toEnvelope(event),
      event.workspaceId,
      event.contactId,
      this.clock.now(),
    );
    if (written > 0) this.dispatcher.kick();
  }
}
