import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../common/events/domain-event';

/** An erasure (SPEC §9): ids and the time only, never a personal value. */
export class ContactErasedEvent implements DomainEvent {
  static readonly eventName = 'contact.erased' as const;
  readonly eventName = ContactErasedEvent.eventName;
  readonly eventId = randomUUID();
  readonly aggregateType = 'contact';
  readonly aggregateId: string;
  readonly occurredAt: string;

  constructor(
    readonly workspaceId: string,
    readonly contactId: string,
    readonly sequence: number,
    readonly erasedAt: string,
  ) {
    this.aggregateId = contactId;
    this.occurredAt = erasedAt;
  }
}
