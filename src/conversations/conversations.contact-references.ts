import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type ContactReferenceHolder,
  ReferencesContacts,
} from '../contacts/references/contact-references';
import { ConversationsService } from './conversations.service';

/** What a contact merge moves in conversations: the sources' conversations and messages. */
@Injectable()
@ReferencesContacts()
export class ConversationsContactReferences implements ContactReferenceHolder {
  constructor(private readonly conversations: ConversationsService) {}

  count(workspaceId: string, contactIds: string[]): Promise<Record<string, number>> {
    return this.conversations.countOfContacts(workspaceId, contactIds);
  }

  move(
    manager: EntityManager,
    workspaceId: string,
    fromIds: string[],
    toId: string,
  ): Promise<Record<string, number>> {
    return this.conversations.moveContacts(manager, workspaceId, fromIds, toId);
  }
}
