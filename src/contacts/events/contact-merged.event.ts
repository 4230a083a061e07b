import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../common/events/domain-event';

/** Duplicates merged into a target (SPEC §10); the target's `contact.updated` follows. */
export class ContactMergedEvent implements DomainEvent {
  static readonly eventName = 'contact.merged' as const;
  readonly eventName = ContactMergedEvent.eventName;
  readonly eventId = randomUUID();
  readonly aggregateType = 'contact';
  readonly aggregateId: string;
  readonly contactId: string;

  constructor(
    readonly workspaceId: string,
    readonly targetId: string,
    readonly sourceIds: string[],
    readonly sequence: number,
    readonly occurredAt: string,
  ) {
    this.aggregateId = targetId;
    this.contactId = targetId;
  }
}
