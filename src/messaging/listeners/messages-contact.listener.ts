import { Injectable } from '@nestjs/common';
import { ContactsService } from '../../contacts/contacts.service';
import type { ContactEventPayload } from '../../contacts/events/contact-event-payload';
import { ContactCreatedEvent } from '../../contacts/events/contact-created.event';
import { ContactRestoredEvent } from '../../contacts/events/contact-restored.event';
import { ContactUpdatedEvent } from '../../contacts/events/contact-updated.event';
import { forContactsWithConversations } from '../../conversations/contact-event-batch';
import { ConversationsService } from '../../conversations/conversations.service';
import { OnOutboxBatch, type OutboxBatchOutcomes } from '../../outbox/outbox-consumer.decorator';

/**
 * Links messages that have no contact yet to the contact of their conversation's address: the
 * conversations of the contact, or the unlinked ones at its current phone (so it does not
 * matter whether the conversations consumer ran first). Idempotent. A claimed batch of events at
 * a time: one statement finds the contacts that have conversations (a contact without any has no
 * message to link).
 */
@Injectable()
export class MessagesContactListener {
  constructor(
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
  ) {}

  @OnOutboxBatch(
    [ContactCreatedEvent, ContactUpdatedEvent, ContactRestoredEvent],
    'messaging.link-messages',
  )
  onChanged(events: readonly ContactEventPayload[]): Promise<OutboxBatchOutcomes> {
    return forContactsWithConversations(events, this.conversations, (w, c) => this.link(w, c));
  }

  private async link(workspaceId: string, contactId: string): Promise<void> {
    const contact = await this.contacts.findById(workspaceId, contactId);
    if (contact) await this.conversations.linkMessages(contact);
  }
}
