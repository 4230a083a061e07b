import { Injectable } from '@nestjs/common';
import { ContactsService } from '../../contacts/contacts.service';
import type { ContactEventPayload } from '../../contacts/events/contact-event-payload';
import { ContactCreatedEvent } from '../../contacts/events/contact-created.event';
import { ContactRestoredEvent } from '../../contacts/events/contact-restored.event';
import { ContactUpdatedEvent } from '../../contacts/events/contact-updated.event';
import { ConversationsService } from '../../conversations/conversations.service';
import { OnOutboxEvent } from '../../outbox/outbox-consumer.decorator';

/**
 * Links messages that have no contact yet to the contact of their conversation's address: the
 * conversations of the contact, or the unlinked ones at its current phone (so it does not
 * matter whether the conversations consumer ran first). Idempotent.
 */
@Injectable()
export class MessagesContactListener {
  constructor(
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
  ) {}

  @OnOutboxEvent(ContactCreatedEvent, 'messaging.link-messages')
  onCreated(event: ContactEventPayload): Promise<void> {
    return this.link(event);
  }

  @OnOutboxEvent(ContactUpdatedEvent, 'messaging.link-messages')
  onUpdated(event: ContactEventPayload): Promise<void> {
    return this.link(event);
  }

  @OnOutboxEvent(ContactRestoredEvent, 'messaging.link-messages')
  onRestored(event: ContactEventPayload): Promise<void> {
    return this.link(event);
  }

  private async link({ workspaceId, contactId }: ContactEventPayload): Promise<void> {
    const contact = await this.contacts.findById(workspaceId, contactId);
    if (contact) await this.conversations.linkMessages(contact);
  }
}
