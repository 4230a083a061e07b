import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { systemWrite } from '../common/context/write-context';
import { ErrorCode } from '../common/errors/error-code';
import { validateInput, validationException } from '../common/validation/validation';
import { ContactsService } from '../contacts/contacts.service';
import type { ContactEntity } from '../contacts/entities/contact.entity';
import { ContactException } from '../contacts/exceptions/contact.exception';
import { ConversationsService } from '../conversations/conversations.service';
import type { MessageEntity } from '../conversations/entities/message.entity';
import { TransactionalEvents } from '../outbox/transactional-events';
import { SendMessageDto } from './dto/send-message.dto';
import { CHANNEL_PROVIDER, type ChannelProvider } from './providers/channel-provider';

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
  async send(workspaceId: string, input: unknown, requestId?: string): Promise<MessageEntity> {
    const dto = validateInput(SendMessageDto, input);
    if (dto.phone !== undefined && dto.to !== undefined && dto.phone !== dto.to) {
      throw validationException([{ field: 'to', message: 'send either phone or to, not two different numbers' }]);
    }
    const field = dto.phone !== undefined ? 'phone' : 'to';
    const raw = dto.phone ?? dto.to;
    if (raw === undefined) {
      throw validationException([{ field: 'phone', message: 'phone (or to) is required' }]);
    }
    const address = await this.contacts.normalizePhone(workspaceId, raw, field);

    const { conversation, message } = await this.events.run(async (manager) => {
      const contact = await this.contactFor(manager, workspaceId, address, requestId);
      const open = await this.conversations.openFor(manager, workspaceId, address, contact);
      return {
        conversation: open,
        message: await this.conversations.appendMessage(manager, open, { direction: 'outbound', text: dto.text }),
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
    return message;
  }

  /** The contact with this number, created (inside the caller's transaction) if there is none. */
  private async contactFor(manager: EntityManager, workspaceId: string, address: string, requestId?: string): Promise<ContactEntity | null> {
    const existing = await this.contacts.findByPhone(workspaceId, address, manager);
    if (existing) return existing;
    try {
      return await this.contacts.create(
        workspaceId,
        { firstName: address, phone: address },
        { source: 'message', manager, context: systemWrite('messaging', requestId) },
      );
    } catch (error) {
      // Created by a concurrent request since we looked: use that one.
      if (error instanceof ContactException && error.code === ErrorCode.ContactExists) {
        return this.contacts.findByPhone(workspaceId, address, manager);
      }
      throw error;
    }
  }
}
