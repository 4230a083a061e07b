import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../common/events/domain-event';
import type { ContactResponse } from '../dto/contact.response';

export class ContactDeletedEvent implements DomainEvent {
  static readonly eventName = 'contact.deleted' as const;
  readonly eventName = ContactDeletedEvent.eventName;
  readonly eventId = randomUUID();
  readonly aggregateType = 'contact';
  readonly aggregateId: string;
  readonly contactId: string;

  constructor(
    readonly workspaceId: string,
    /** The contact as it was when deleted. */
    readonly contact: ContactResponse,
    readonly sequence: number,
    readonly occurredAt: string,
  ) {
    this.contactId = contact.id;
    this.aggregateId = contact.id;
  }
}
