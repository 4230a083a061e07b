import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../common/events/domain-event';
import type { ContactResponse } from '../dto/contact.response';

export type ContactChanges = Partial<
  Record<keyof ContactResponse, { from: unknown; to: unknown }>
>;

export class ContactUpdatedEvent implements DomainEvent {
  static readonly eventName = 'contact.updated' as const;
  readonly eventName = ContactUpdatedEvent.eventName;
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
    /** Each changed field with its old and new value (`fullName` included when it moved). */
    readonly changes: ContactChanges,
  ) {
    this.contactId = contact.id;
    this.aggregateId = contact.id;
  }
}
