import { Injectable, Logger } from '@nestjs/common';
import type { PubAck } from '@nats-io/jetstream';
import { ContactCreatedEvent } from '../contacts/events/contact-created.event';
import { ContactDeletedEvent } from '../contacts/events/contact-deleted.event';
import type { ContactEventPayload } from '../contacts/events/contact-event-payload';
import { ContactErasedEvent } from '../contacts/events/contact-erased.event';
import { ContactMergedEvent } from '../contacts/events/contact-merged.event';
import { ContactRestoredEvent } from '../contacts/events/contact-restored.event';
import { ContactUpdatedEvent } from '../contacts/events/contact-updated.event';
import { toEnvelope } from '../event-catalogue/envelope';
import { OnOutboxBatch, type OutboxBatchOutcomes } from '../outbox/outbox-consumer.decorator';
import { BrokerMessagesRepository, type PublishedMessage } from './broker-messages.repository';
import { NatsStream, subjectOf } from './nats-stream';

const CONSUMER = 'broker.nats';
/** The longest a publication waits for the stream's acknowledgement. */
const PUBLISH_TIMEOUT_MS = 5000;

type Published = Pick<ContactEventPayload, 'eventId' | 'eventName' | 'workspaceId' | 'contactId'>;

/**
 * Publishes every contact event to the JetStream stream (SPEC §12), an ordered outbox consumer
 * that takes a claimed batch at a time: a contact's events reach the stream in their order (a
 * batch holds at most one event per contact), each acknowledged by the stream before its delivery
 * counts as done. The batch's publications are pipelined (sent together, their acknowledgements
 * awaited together) and where they went is recorded in one statement. `Nats-Msg-Id` is the event
 * id, so a publication repeated after a crash (acknowledged, but the process died before
 * recording it) is dropped by the stream's duplicate window: stored once.
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
  async publishBatch(events: readonly Published[]): Promise<OutboxBatchOutcomes> {
    const { js } = await this.nats.clients();
    const publish = (event: Published): Promise<PubAck> => {
      const envelope = toEnvelope(event);
      return js.publish(subjectOf(event.workspaceId, envelope.type), JSON.stringify(envelope), {
        msgID: envelope.id,
        timeout: PUBLISH_TIMEOUT_MS,
      });
    };
    const acks = events.map(async (event) =>
      event.eventName === ContactErasedEvent.eventName
        ? this.erase(event).then(() => publish(event))
        : publish(event),
    );
    // Where each acknowledged event went (a duplicate's ack names the sequence of the message
    // stored the first time), in one statement once every publication has settled.
    const recorded = Promise.allSettled(acks).then((settled) =>
      this.messages.record(
        settled.flatMap((result, i): PublishedMessage[] => {
          const event = events[i];
          if (result.status === 'rejected' || event.eventName === ContactErasedEvent.eventName) {
            return [];
          }
          return [
            {
              eventId: event.eventId,
              workspaceId: event.workspaceId,
              contactId: event.contactId,
              stream: result.value.stream,
              seq: result.value.seq,
            },
          ];
        }),
      ),
    );
    return acks.map((ack) => ack.then(() => recorded));
  }

  /** Deletes the contact's earlier messages from the stream, and forgets them. */
  private async erase(event: Published): Promise<void> {
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
  }
}
