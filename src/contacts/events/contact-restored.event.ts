import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../common/events/domain-event';
import type { ContactResponse } from '../dto/contact.response';

export class ContactRestoredEvent implements DomainEvent {
  static readonly eventName = 'contact.restored' as const;
  readonly eventName = ContactRestoredEvent.eventName;
  readonly eventId = randomUUID();
  readonly aggregateType = 'contact';
  readonly aggregateId: string;
  readonly contactId: string;

  constructor(
    readonly workspaceId: string,
    /** The contact, live again. */
    readonly contact: ContactResponse,
    readonly sequence: number,
    readonly occurredAt: string,
  ) {
    this.contactId = contact.id;
    this.aggregateId = contact.id;
  }
}
