import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type ErasureSubject,
  type PersonalDataHolder,
  PersonalDataPolicy,
} from '../privacy/personal-data';
import { ConversationsService } from './conversations.service';

/** The conversations module's tables, and what erasing a contact does to them. */
@Injectable()
@PersonalDataPolicy()
export class ConversationsPersonalData implements PersonalDataHolder {
  readonly tables = {
    conversations:
      "the contact's conversations, and unlinked ones at its numbers, lose their address and are closed; their contact summary shows the contact as erased",
    messages:
      "the text of every message of those conversations, and of every message linked to the contact, becomes '[erased]'",
  };

  constructor(private readonly conversations: ConversationsService) {}

  erase(manager: EntityManager, { workspaceId, contactId, phones }: ErasureSubject): Promise<void> {
    return this.conversations.eraseContact(manager, workspaceId, contactId, phones);
  }
}
