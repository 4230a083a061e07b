import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type ErasureSubject,
  type PersonalDataHolder,
  PersonalDataPolicy,
} from '../privacy/personal-data';
import { OutboxRepository } from './outbox.repository';

/** The outbox's tables, and what erasing a contact does to them. */
@Injectable()
@PersonalDataPolicy()
export class OutboxPersonalData implements PersonalDataHolder {
  readonly tables = {
    outbox_events:
      "the payloads of the contact's retained events (delivered or not) are replaced by their ids, name and time, marked erased",
    outbox_deliveries: 'event ids, consumer names and delivery state only',
  };

  constructor(private readonly outbox: OutboxRepository) {}

  erase(manager: EntityManager, { workspaceId, contactId }: ErasureSubject): Promise<void> {
    return this.outbox.erasePayloads(manager, workspaceId, 'contact', contactId);
  }
}
