import { Injectable } from '@nestjs/common';
import { ContactsService } from '../../contacts/contacts.service';
import type { ContactEventPayload } from '../../contacts/events/contact-event-payload';
import { ContactCreatedEvent } from '../../contacts/events/contact-created.event';
import { ContactDeletedEvent } from '../../contacts/events/contact-deleted.event';
import { ContactRestoredEvent } from '../../contacts/events/contact-restored.event';
import { ContactUpdatedEvent } from '../../contacts/events/contact-updated.event';
import { OnOutboxBatch, type OutboxBatchOutcomes } from '../../outbox/outbox-consumer.decorator';
import { forContactsWithConversations } from '../contact-event-batch';
import { ConversationsService } from '../conversations.service';

/**
 * Keeps conversations linked to their contacts and their contact summaries current, a claimed
 * batch of events at a time (one statement finds the contacts that have conversations; a batch
 * with none costs nothing more).
 * On `contact.created`: conversations at the contact's phone with no contact are linked.
 * On `contact.updated`: the summary on the contact's conversations is refreshed, and
 * conversations at a new phone with no contact are linked.
 * On `contact.deleted` / `contact.restored`: the summary shows the contact as deleted / active.
 * All read the contact as it is now, so a repeated or late event changes nothing. (An erasure
 * rewrites the conversations in its own transaction: no consumer is needed.)
 */
@Injectable()
export class ConversationsContactListener {
  constructor(
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
  ) {}

  @OnOutboxBatch([ContactCreatedEvent], 'conversations.link-contact')
  onCreated(events: readonly ContactEventPayload[]): Promise<OutboxBatchOutcomes> {
    return forContactsWithConversations(events, this.conversations, (w, c) => this.sync(w, c));
  }

  @OnOutboxBatch(
    [ContactUpdatedEvent, ContactDeletedEvent, ContactRestoredEvent],
    'conversations.refresh-contact',
  )
  onChanged(events: readonly ContactEventPayload[]): Promise<OutboxBatchOutcomes> {
    return forContactsWithConversations(events, this.conversations, (w, c) => this.sync(w, c));
  }

  private async sync(workspaceId: string, contactId: string): Promise<void> {
    const contact = await this.contacts.findIncludingDeleted(workspaceId, contactId);
    if (contact) await this.conversations.syncContact(contact);
  }
}
