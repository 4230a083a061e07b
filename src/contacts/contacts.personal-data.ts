import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type ErasureSubject,
  type PersonalDataHolder,
  PersonalDataPolicy,
} from '../privacy/personal-data';
import { ContactHistoryRepository } from './contact-history.repository';
import { ContactsRepository } from './contacts.repository';

/** The contacts module's tables, and what erasing a contact does to them. */
@Injectable()
@PersonalDataPolicy()
export class ContactsPersonalData implements PersonalDataHolder {
  readonly tables = {
    contacts:
      'the row becomes a tombstone: names, phones, emails (additional ones too), company, job title, website, notes, tags and lifecycle removed; id, workspace, erasedAt, the request id and the timestamps kept',
    contact_history:
      "every entry of the contact is deleted (its changes hold the contact's values)",
    contact_identities:
      "the contact's phones and emails: its rows go with the tombstone (the database's triggers keep them)",
    contact_changes:
      "the change feed: ids, a type and a time per change, nothing personal (the feed reads the contact's values from contacts, so an erased one reads as null)",
    workspace_contact_counts: 'counts only, no personal data',
  };

  constructor(
    private readonly contacts: ContactsRepository,
    private readonly history: ContactHistoryRepository,
  ) {}

  async erase(
    manager: EntityManager,
    { workspaceId, contactId, erasedAt, requestId }: ErasureSubject,
  ): Promise<void> {
    await this.contacts.tombstone(manager, workspaceId, contactId, erasedAt, requestId);
    await this.history.deleteForContact(manager, workspaceId, contactId);
  }
}
