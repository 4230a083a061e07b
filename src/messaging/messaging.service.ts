import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { ErrorCode } from '../common/errors/error-code';
import { newId } from '../common/ids/object-id';
import { validateInput, validationException } from '../common/validation/validation';
import { ContactsService } from '../contacts/contacts.service';
import type { ContactEntity } from '../contacts/entities/contact.entity';
import { ContactException } from '../contacts/exceptions/contact.exception';
import { ConversationsService } from '../conversations/conversations.service';
import { ConversationEntity } from '../conversations/entities/conversation.entity';
import { MessageEntity } from '../conversations/entities/message.entity';
import { TransactionalEvents } from '../outbox/transactional-events';
import { SendMessageDto } from './dto/send-message.dto';
import { CHANNEL_PROVIDER, type ChannelProvider } from './providers/channel-provider';

@Injectable()
export class MessagingService {
  constructor(
    private readonly contacts: ContactsService,
    private readonly conversations: ConversationsService,
    private readonly events: TransactionalEvents,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @Inject(CHANNEL_PROVIDER) private readonly provider: ChannelProvider,
  ) {}

  /**
   * Sends a text to a phone number. The message goes into the open conversation for that
   * address; when no contact has the number, one is created through ContactsService
   * (`source: "message"`, named after the number). Contact, conversation, message and the
   * contact's event commit together.
   */
  async send(workspaceId: string, input: unknown): Promise<MessageEntity> {
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

    const message = await this.events.run(async (manager) => {
      const contact = await this.contactFor(manager, workspaceId, address);
      const conversation = await this.conversations.openFor(manager, workspaceId, address, contact);
      const created = manager.create(MessageEntity, {
        id: newId(),
        workspaceId,
        conversationId: conversation.id,
        contactId: conversation.contactId,
        direction: 'outbound',
        text: dto.text,
        status: 'queued',
        createdAt: new Date(),
      });
      await manager.insert(MessageEntity, created);
      await manager.update(ConversationEntity, { id: conversation.id }, { lastMessageAt: created.createdAt });
      return created;
    });

    const { status } = await this.provider.send({
      id: message.id,
      workspaceId,
      channel: 'whatsapp',
      address,
      text: message.text,
    });
    await this.messages.update({ id: message.id }, { status });
    message.status = status;
    return message;
  }

  /** The contact with this number, created (inside the caller's transaction) if there is none. */
  private async contactFor(manager: EntityManager, workspaceId: string, address: string): Promise<ContactEntity | null> {
    const existing = await this.contacts.findByPhone(workspaceId, address, manager);
    if (existing) return existing;
    try {
      return await this.contacts.create(workspaceId, { firstName: address, phone: address }, { source: 'message', manager });
    } catch (error) {
      // Created by a concurrent request since we looked: use that one.
      if (error instanceof ContactException && error.code === ErrorCode.ContactExists) {
        return this.contacts.findByPhone(workspaceId, address, manager);
      }
      throw error;
    }
  }
}
