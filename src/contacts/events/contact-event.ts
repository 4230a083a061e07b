import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../common/events/domain-event';
import type { ContactResponse } from '../dto/contact.response';

/** What every contact event that carries the contact has: ids, the contact after the change, its version. */
export abstract class ContactEvent implements DomainEvent {
  abstract readonly eventName: string;
  readonly eventId = randomUUID();
  readonly aggregateType = 'contact';
  readonly aggregateId: string;
  readonly contactId: string;

  constructor(
    readonly workspaceId: string,
    /** The contact after the change. */
    readonly contact: ContactResponse,
    /** The contact's version after the change. */
    readonly sequence: number,
    readonly occurredAt: string = new Date().toISOString(),
  ) {
    this.contactId = contact.id;
    this.aggregateId = contact.id;
  }
}
