import { Injectable, Logger } from '@nestjs/common';
import { ContactCreatedEvent } from '../contacts/events/contact-created.event';
import { ContactDeletedEvent } from '../contacts/events/contact-deleted.event';
import type { ContactEventPayload } from '../contacts/events/contact-event-payload';
import { ContactErasedEvent } from '../contacts/events/contact-erased.event';
import { ContactMergedEvent } from '../contacts/events/contact-merged.event';
import { ContactRestoredEvent } from '../contacts/events/contact-restored.event';
import { ContactUpdatedEvent } from '../contacts/events/contact-updated.event';
import { toEnvelope } from '../event-catalogue/envelope';
import { OnOutboxEvent } from '../outbox/outbox-consumer.decorator';
import { BrokerMessagesRepository } from './broker-messages.repository';
import { NatsStream, subjectOf } from './nats-stream';

const CONSUMER = 'broker.nats';
/** The longest a publication waits for the stream's acknowledgement. */
const PUBLISH_TIMEOUT_MS = 5000;

/**
 * Publishes every contact event to the JetStream stream (SPEC §12), an ordered outbox consumer:
 * a contact's events reach the stream in their order, each acknowledged by the stream before the
 * delivery counts as done. `Nats-Msg-Id` is the event id, so a publication repeated after a crash
 * (acknowledged, but the process died before recording it) is dropped by the stream's duplicate
 * window: stored once.
 *
 * An erasure: `contact.erased` comes after every earlier event of the contact (ordered), so when
 * it is published the contact's earlier messages are all in the stream, and are deleted from it.
 */
@Injectable()
export class BrokerPublisher {
  private readonly logger = new Logger(BrokerPublisher.name);

  constructor(
    private readonly nats: NatsStream,
    private readonly messages: BrokerMessagesRepository,
  ) {}

  @OnOutboxEvent(ContactCreatedEvent, CONSUMER, { ordered: true })
  onCreated(event: ContactCreatedEvent): Promise<void> {
    return this.publish(event);
  }

  @OnOutboxEvent(ContactUpdatedEvent, CONSUMER, { ordered: true })
  onUpdated(event: ContactUpdatedEvent): Promise<void> {
    return this.publish(event);
  }

  @OnOutboxEvent(ContactDeletedEvent, CONSUMER, { ordered: true })
  onDeleted(event: ContactDeletedEvent): Promise<void> {
    return this.publish(event);
  }

  @OnOutboxEvent(ContactRestoredEvent, CONSUMER, { ordered: true })
  onRestored(event: ContactRestoredEvent): Promise<void> {
    return this.publish(event);
  }

  @OnOutboxEvent(ContactMergedEvent, CONSUMER, { ordered: true })
  onMerged(event: ContactMergedEvent): Promise<void> {
    return this.publish(event);
  }

  @OnOutboxEvent(ContactErasedEvent, CONSUMER, { ordered: true })
  async onErased(event: ContactErasedEvent): Promise<void> {
    const { jsm } = await this.nats.clients();
    const published = await this.messages.of(event.workspaceId, event.contactId);
    for (const { stream, stream_seq } of published) {
      try {
        await jsm.streams.deleteMessage(stream, Number(stream_seq), false);
      } catch (error) {
        // Gone already (its age, a purge): nothing left to delete.
        if (!/no message found|not found/i.test(String(error))) throw error;
      }
    }
    await this.messages.forget(published.map((m) => m.event_id));
    if (published.length > 0) {
      this.logger.log(`Deleted ${published.length} messages of an erased contact from the stream`);
    }
    await this.publish(event, false);
  }

  private async publish(
    event: Pick<ContactEventPayload, 'workspaceId' | 'contactId'>,
    remember = true,
  ): Promise<void> {
    const envelope = toEnvelope(event);
    const { js } = await this.nats.clients();
    const ack = await js.publish(
      subjectOf(event.workspaceId, envelope.type),
      JSON.stringify(envelope),
      { msgID: envelope.id, timeout: PUBLISH_TIMEOUT_MS },
    );
    // A duplicate's ack names the sequence of the message stored the first time.
    if (remember) {
      await this.messages.record(
        envelope.id,
        event.workspaceId,
        event.contactId,
        ack.stream,
        ack.seq,
      );
    }
  }
}
