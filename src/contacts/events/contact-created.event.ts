import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../common/events/domain-event';
import type { ContactResponse } from '../dto/contact.response';

export class ContactCreatedEvent implements DomainEvent {
  static readonly eventName = 'contact.created' as const;
  readonly eventName = ContactCreatedEvent.eventName;
  readonly eventId = randomUUID();
  readonly occurredAt = new Date().toISOString();
  readonly aggregateType = 'contact';
  readonly aggregateId: string;
  readonly contactId: string;

  constructor(
    readonly workspaceId: string,
    /** The contact after the change. */
    readonly contact: ContactResponse,
    /** The contact's version after the change. */
    readonly sequence: number,
  ) {
    this.contactId = contact.id;
    this.aggregateId = contact.id;
  }
}
