import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, IsNull, Repository } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { isId, newId } from '../common/ids/object-id';
import { PaginationQueryDto, type Page, toPage } from '../common/validation/pagination.dto';
import { validateInput } from '../common/validation/validation';
import { fullNameOf } from '../contacts/dto/contact.response';
import type { ContactEntity } from '../contacts/entities/contact.entity';
import { ListConversationsQueryDto } from './dto/list-conversations.query.dto';
import {
  type ContactSummary,
  ConversationEntity,
  DEFAULT_CHANNEL,
} from './entities/conversation.entity';
import {
  type MessageDirection,
  MessageEntity,
  type MessageStatus,
} from './entities/message.entity';
import { ERASED_TEXT } from '../privacy/personal-data';

export interface NewMessage {
  direction: MessageDirection;
  text: string;
}

export function contactSummaryOf(contact: ContactEntity): ContactSummary {
  return {
    id: contact.id,
    fullName: fullNameOf(contact.firstName, contact.lastName),
    phone: contact.phone,
    email: contact.email,
    state: contact.deletedAt ? 'deleted' : 'active',
  };
}

/** Every number of a contact: its phone and its additional ones. */
function phonesOf(contact: ContactEntity): string[] {
  return [...(contact.phone ? [contact.phone] : []), ...(contact.additionalPhones ?? [])];
}

/** How `contactsWithConversations` names a contact. */
export function contactKey(workspaceId: string, contactId: string): string {
  return `${workspaceId}/${contactId}`;
}

function conversationNotFound(): DomainException {
  return new DomainException(ErrorCode.ConversationNotFound, 'Conversation not found');
}

/**
 * Conversations and their messages: the one writer of both tables (messaging writes through it).
 * Every query is scoped to a workspace.
 */
@Injectable()
export class ConversationsService {
  constructor(
    @InjectRepository(ConversationEntity)
    private readonly conversations: Repository<ConversationEntity>,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
  ) {}

  /**
   * The open conversation at this address, opened if there is none (race-safe: the unique index
   * on open conversations decides). A contact given here is linked when the conversation is new
   * or not linked yet. When the open conversation belongs to another contact (the number changed
   * hands: that contact was deleted, or moved to another number), it is closed and a new one is
   * opened for this contact: a thread never mixes two people.
   */
  async openFor(
    manager: EntityManager,
    workspaceId: string,
    address: string,
    contact: ContactEntity | null,
    channel = DEFAULT_CHANNEL,
  ): Promise<ConversationEntity> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ConversationEntity)
      .values({
        id: newId(),
        workspaceId,
        channel,
        address,
        status: 'open',
        contactId: contact?.id ?? null,
        contactSummary: contact ? contactSummaryOf(contact) : null,
        createdAt: new Date(),
      })
      .orIgnore()
      .execute();
    const conversation = await manager.findOneOrFail(ConversationEntity, {
      where: { workspaceId, channel, address, status: 'open' },
      lock: { mode: 'pessimistic_write' },
    });
    if (contact && conversation.contactId && conversation.contactId !== contact.id) {
      await manager.update(ConversationEntity, { id: conversation.id }, { status: 'closed' });
      return this.openFor(manager, workspaceId, address, contact, channel);
    }
    if (contact && !conversation.contactId) {
      conversation.contactId = contact.id;
      conversation.contactSummary = contactSummaryOf(contact);
      await manager.update(
        ConversationEntity,
        { id: conversation.id },
        { contactId: contact.id, contactSummary: conversation.contactSummary },
      );
    }
    return conversation;
  }

  /**
   * Adds a message to a conversation (inside the caller's transaction), linked to the
   * conversation's contact, and moves the conversation's `lastMessageAt`.
   */
  async appendMessage(
    manager: EntityManager,
    conversation: ConversationEntity,
    message: NewMessage,
  ): Promise<MessageEntity> {
    const created = manager.create(MessageEntity, {
      id: newId(),
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      contactId: conversation.contactId,
      direction: message.direction,
      text: message.text,
      status: 'queued',
      createdAt: new Date(),
    });
    await manager.insert(MessageEntity, created);
    await manager.update(
      ConversationEntity,
      { id: conversation.id },
      { lastMessageAt: created.createdAt },
    );
    return created;
  }

  /**
   * Deletes every conversation of the workspace, with its messages; how many. For
   * `seed:demo --reset`, before the workspace itself goes: a message's contact cannot be deleted
   * before the message (the foreign key does not cascade), so they go first.
   */
  async removeAll(workspaceId: string): Promise<number> {
    const { affected } = await this.conversations.delete({ workspaceId });
    return affected ?? 0;
  }

  async setMessageStatus(
    workspaceId: string,
    messageId: string,
    status: MessageStatus,
  ): Promise<void> {
    await this.messages.update({ workspaceId, id: messageId }, { status });
  }

  async list(workspaceId: string, input: unknown): Promise<Page<ConversationEntity>> {
    const query = validateInput(ListConversationsQueryDto, input);
    const where = query.contactId ? { workspaceId, contactId: query.contactId } : { workspaceId };
    const [items, total] = await this.conversations.findAndCount({
      where,
      order: { lastMessageAt: { direction: 'DESC', nulls: 'LAST' }, id: 'DESC' },
      skip: (query.page - 1) * query.limit,
      take: query.limit,
    });
    return toPage(items, total, query);
  }

  async get(workspaceId: string, id: string): Promise<ConversationEntity> {
    const conversation = isId(id) ? await this.conversations.findOneBy({ workspaceId, id }) : null;
    if (!conversation) throw conversationNotFound();
    return conversation;
  }

  /** Oldest first. */
  async listMessages(
    workspaceId: string,
    conversationId: string,
    input: unknown,
  ): Promise<Page<MessageEntity>> {
    const query = validateInput(PaginationQueryDto, input);
    await this.get(workspaceId, conversationId);
    const [items, total] = await this.messages.findAndCount({
      where: { workspaceId, conversationId },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: (query.page - 1) * query.limit,
      take: query.limit,
    });
    return toPage(items, total, query);
  }

  /**
   * Links the conversations at the contact's phone that have no contact yet, and refreshes the
   * summary on every conversation of the contact from its current data. Idempotent, and
   * independent of the order events arrive in: it reads the contact as it is now.
   */
  async syncContact(contact: ContactEntity): Promise<void> {
    const summary = contactSummaryOf(contact);
    // Only a live contact takes over the unlinked conversations at its numbers.
    const phones = phonesOf(contact);
    if (phones.length > 0 && !contact.deletedAt) {
      await this.conversations.update(
        { workspaceId: contact.workspaceId, address: In(phones), contactId: IsNull() },
        { contactId: contact.id, contactSummary: summary },
      );
    }
    await this.conversations
      .createQueryBuilder()
      .update()
      .set({ contactSummary: summary })
      .where('workspace_id = :workspaceId AND contact_id = :contactId', {
        workspaceId: contact.workspaceId,
        contactId: contact.id,
      })
      .andWhere('contact_summary IS DISTINCT FROM :summary::jsonb', {
        summary: JSON.stringify(summary),
      })
      .execute();
  }

  /**
   * Of these contacts, those that have anything for `syncContact` or `linkMessages` to do: a
   * conversation linked to them, or an unlinked one at one of the numbers given. One statement of
   * index probes for the whole list, so that a batch of contact events with nothing to link costs
   * that one statement. Answers `workspaceId/contactId` keys (see `contactKey`).
   */
  async contactsWithConversations(
    contacts: { workspaceId: string; contactId: string; phones: readonly string[] }[],
  ): Promise<Set<string>> {
    if (contacts.length === 0) return new Set();
    const numbers = contacts.flatMap((c) => c.phones.map((phone) => ({ ...c, phone })));
    const rows = await this.conversations.query<{ workspace_id: string; contact_id: string }[]>(
      `SELECT q.workspace_id, q.contact_id FROM unnest($1::varchar[], $2::varchar[]) AS q(workspace_id, contact_id)
        WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.workspace_id = q.workspace_id AND c.contact_id = q.contact_id)
       UNION
       SELECT p.workspace_id, p.contact_id FROM unnest($3::varchar[], $4::varchar[], $5::varchar[]) AS p(workspace_id, contact_id, address)
        WHERE EXISTS (SELECT 1 FROM conversations c
                       WHERE c.workspace_id = p.workspace_id AND c.address = p.address AND c.contact_id IS NULL)`,
      [
        contacts.map((c) => c.workspaceId),
        contacts.map((c) => c.contactId),
        numbers.map((n) => n.workspaceId),
        numbers.map((n) => n.contactId),
        numbers.map((n) => n.phone),
      ],
    );
    return new Set(rows.map((row) => contactKey(row.workspace_id, row.contact_id)));
  }

  /**
   * Links the messages that have no contact yet to this contact: those of its conversations, and
   * those of unlinked conversations at its current phones (whichever consumer runs first).
   * Idempotent.
   */
  async linkMessages(contact: ContactEntity): Promise<void> {
    await this.messages.query(
      `UPDATE messages m SET contact_id = $2
         FROM conversations c
        WHERE m.conversation_id = c.id AND m.workspace_id = c.workspace_id
          AND c.workspace_id = $1 AND m.contact_id IS NULL
          AND (c.contact_id = $2 OR (c.contact_id IS NULL AND c.address = ANY($3::text[])))`,
      [contact.workspaceId, contact.id, phonesOf(contact)],
    );
  }

  /**
   * Erases a contact's personal values from conversations and messages (SPEC §9), inside the
   * erasure's transaction: its conversations, and the unlinked ones at its numbers, lose their
   * address (and are closed) and show the contact as erased; their messages' text is replaced.
   */
  async eraseContact(
    manager: EntityManager,
    workspaceId: string,
    contactId: string,
    phones: string[],
  ): Promise<void> {
    const theirs = `c.workspace_id = $1 AND (c.contact_id = $2 OR (c.contact_id IS NULL AND c.address = ANY($3::text[])))`;
    await manager.query(
      `UPDATE messages m SET text = $4
         FROM conversations c
        WHERE m.conversation_id = c.id AND m.workspace_id = c.workspace_id AND ${theirs}`,
      [workspaceId, contactId, phones, ERASED_TEXT],
    );
    await manager.query(
      `UPDATE messages SET text = $3 WHERE workspace_id = $1 AND contact_id = $2`,
      [workspaceId, contactId, ERASED_TEXT],
    );
    await manager.query(
      `UPDATE conversations c
          SET address = NULL, status = 'closed',
              contact_summary = CASE WHEN c.contact_id IS NULL THEN NULL
                ELSE jsonb_build_object('id', c.contact_id, 'fullName', '', 'phone', NULL, 'email', NULL, 'state', 'erased') END
        WHERE ${theirs}`,
      [workspaceId, contactId, phones],
    );
  }

  /** The conversations and messages of these contacts (what merging them would move). */
  async countOfContacts(
    workspaceId: string,
    contactIds: string[],
  ): Promise<{ conversations: number; messages: number }> {
    const [row] = await this.conversations.query<{ conversations: string; messages: string }[]>(
      `SELECT (SELECT count(*) FROM conversations WHERE workspace_id = $1 AND contact_id = ANY($2::text[])) AS conversations,
              (SELECT count(*) FROM messages WHERE workspace_id = $1 AND contact_id = ANY($2::text[])) AS messages`,
      [workspaceId, contactIds],
    );
    return { conversations: Number(row.conversations), messages: Number(row.messages) };
  }

  /**
   * A merge: the conversations and messages of `fromIds` go to `toId` (their summaries are
   * refreshed by the consumer of the target's `contact.updated`). Returns how many of each moved.
   */
  async moveContacts(
    manager: EntityManager,
    workspaceId: string,
    fromIds: string[],
    toId: string,
  ): Promise<{ conversations: number; messages: number }> {
    const move = async (
      entity: typeof ConversationEntity | typeof MessageEntity,
    ): Promise<number> => {
      const { affected } = await manager
        .createQueryBuilder()
        .update(entity)
        .set({ contactId: toId })
        .where({ workspaceId, contactId: In(fromIds) })
        .execute();
      return affected ?? 0;
    };
    return { conversations: await move(ConversationEntity), messages: await move(MessageEntity) };
  }
}
