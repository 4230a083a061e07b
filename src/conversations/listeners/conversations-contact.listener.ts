import { Injectable } from '@nestjs/common';
import { ContactsService } from '../../contacts/contacts.service';
import type { ContactEventPayload } from '../../contacts/events/contact-event-payload';
import { ContactCreatedEvent } from '../../contacts/events/contact-created.event';
import { ContactDeletedEvent } from '../../contacts/events/contact-deleted.event';
import { ContactRestoredEvent } from '../../contacts/events/contact-restored.event';
import { ContactUpdatedEvent } from '../../contacts/events/contact-updated.event';
import { OnOutboxEvent } from '../../outbox/outbox-consumer.decorator';
import { ConversationsService } from '../conversations.service';

/**
 * Keeps conversations linked to their contacts and their contact summaries current.
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

  @OnOutboxEvent(ContactCreatedEvent, 'conversations.link-contact')
  onCreated(event: ContactEventPayload): Promise<void> {
    return this.sync(event);
  }

  @OnOutboxEvent(ContactUpdatedEvent, 'conversations.refresh-contact')
  onUpdated(event: ContactEventPayload): Promise<void> {
    return this.sync(event);
  }

  @OnOutboxEvent(ContactDeletedEvent, 'conversations.refresh-contact')
  onDeleted(event: ContactEventPayload): Promise<void> {
    return this.sync(event);
  }

  @OnOutboxEvent(ContactRestoredEvent, 'conversations.refresh-contact')
  onRestored(event: ContactEventPayload): Promise<void> {
    return this.sync(event);
  }

  private async sync({ workspaceId, contactId }: ContactEventPayload): Promise<void> {
    const contact = await this.contacts.findIncludingDeleted(workspaceId, contactId);
    if (contact) await this.conversations.syncContact(contact);
  }
}
