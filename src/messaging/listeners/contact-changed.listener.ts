import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ContactsService } from '../../contacts/contacts.service';
import { ContactCreatedEvent } from '../../contacts/events/contact-created.event';
import { ContactUpdatedEvent } from '../../contacts/events/contact-updated.event';
import { MessageEntity } from '../../conversations/entities/message.entity';
import { OnOutboxEvent } from '../../outbox/outbox-consumer.decorator';

type ContactEventPayload = Pick<ContactCreatedEvent, 'workspaceId' | 'contactId'>;

/**
 * Links messages that have no contact yet to the contact of their conversation's address: the
 * conversations of the contact, or the unlinked ones at its current phone (so it does not
 * matter whether the conversations consumer ran first). Idempotent.
 */
@Injectable()
export class MessagesContactListener {
  constructor(
    private readonly contacts: ContactsService,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
  ) {}

  @OnOutboxEvent(ContactCreatedEvent, 'messaging.link-messages')
  onCreated(event: ContactEventPayload): Promise<void> {
    return this.link(event);
  }

  @OnOutboxEvent(ContactUpdatedEvent, 'messaging.link-messages')
  onUpdated(event: ContactEventPayload): Promise<void> {
    return this.link(event);
  }

  private async link({ workspaceId, contactId }: ContactEventPayload): Promise<void> {
    const contact = await this.contacts.findById(workspaceId, contactId);
    if (!contact) return;
    await this.messages.query(
      `UPDATE messages m SET contact_id = $2
         FROM conversations c
        WHERE m.conversation_id = c.id AND m.workspace_id = c.workspace_id
          AND c.workspace_id = $1 AND m.contact_id IS NULL
          AND (c.contact_id = $2 OR (c.contact_id IS NULL AND c.address = $3))`,
      [workspaceId, contact.id, contact.phone],
    );
  }
}
