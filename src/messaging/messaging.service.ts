import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { systemWrite } from '../common/context/write-context';
import { ErrorCode } from '../common/errors/error-code';
import { validateInput, validationException } from '../common/validation/validation';
import type { ResolvedPhone } from '../contacts/contact-identities';
import { ContactsService, type PhoneMatch } from '../contacts/contacts.service';
import type { ContactEntity } from '../contacts/entities/contact.entity';
import { ContactException } from '../contacts/exceptions/contact.exception';
import { ConversationsService } from '../conversations/conversations.service';
import type { MessageEntity } from '../conversations/entities/message.entity';
import { TransactionalEvents } from '../outbox/transactional-events';
import { SendMessageDto } from './dto/send-message.dto';
import { CHANNEL_PROVIDER, type ChannelProvider } from './providers/channel-provider';

/** Whom a message went to, and how the number found them (SPEC §10). */
export type Resolution = { contact: ContactEntity; matchedBy: PhoneMatch['matchedBy'] | 'created' };

export interface SentMessage {
  message: MessageEntity;
  resolution: { contactId: string; matchedBy: Resolution['matchedBy'] };
}

@Injectable()
export class MessagingService {
  constructor(
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
    private readonly events: TransactionalEvents,
    @Inject(CHANNEL_PROVIDER) private readonly provider: ChannelProvider,
  ) {}

  /**
   * Sends a text to a phone number. The message goes into the open conversation for that
   * address; when no contact has the number, one is created through ContactsService
   * (`source: "message"`, named after the number). Contact, conversation, message and the
   * contact's event commit together.
   */
  /** `requestId`: the request that sent it, recorded in the history of a contact it creates. */
  async send(workspaceId: string, input: unknown, requestId?: string): Promise<SentMessage> {
    const dto = validateInput(SendMessageDto, input);
    if (dto.phone !== undefined && dto.to !== undefined && dto.phone !== dto.to) {
      throw validationException([
        { field: 'to', message: 'send either phone or to, not two different numbers' },
      ]);
    }
    const field = dto.phone !== undefined ? 'phone' : 'to';
    const raw = dto.phone ?? dto.to;
    if (raw === undefined) {
      throw validationException([{ field: 'phone', message: 'phone (or to) is required' }]);
    }
    const phone = await this.contacts.normalizePhone(workspaceId, raw, field);
    const address = phone.e164;

    const { conversation, message, resolution } = await this.events.run(async (manager) => {
      const match = await this.contactFor(manager, workspaceId, phone, requestId);
      const open = await this.conversations.openFor(manager, workspaceId, address, match.contact);
      return {
        conversation: open,
        message: await this.conversations.appendMessage(manager, open, {
          direction: 'outbound',
          text: dto.text,
        }),
        resolution: { contactId: match.contact.id, matchedBy: match.matchedBy },
      };
    });

    const { status } = await this.provider.send({
      id: message.id,
      workspaceId,
      channel: conversation.channel,
      address,
      text: message.text,
    });
    await this.conversations.setMessageStatus(workspaceId, message.id, status);
    message.status = status;
    return { message, resolution };
  }

  /**
   * The live contact that holds this number (as its phone, an additional phone, or a variant of
   * either), created (inside the caller's transaction) if there is none: a merged or deleted
   * contact never gets the message, and no duplicate of a live one is made.
   */
  private async contactFor(
    manager: EntityManager,
    workspaceId: string,
    phone: ResolvedPhone,
    requestId?: string,
  ): Promise<Resolution> {
    const existing = await this.contacts.findByPhone(workspaceId, phone, manager);
    if (existing) return existing;
    try {
      const contact = await this.contacts.create(
        workspaceId,
        { firstName: phone.e164, phone: phone.e164 },
        { source: 'message', manager, context: systemWrite('messaging', requestId) },
      );
      return { contact, matchedBy: 'created' };
    } catch (error) {
      // Created by a concurrent request since we looked: use that one.
      const raced = error instanceof ContactException && error.code === ErrorCode.ContactExists;
      const match = raced ? await this.contacts.findByPhone(workspaceId, phone, manager) : null;
      if (match) return match;
      throw error;
    }
  }
}
