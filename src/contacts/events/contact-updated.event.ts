import type { ContactResponse } from '../dto/contact.response';
import { ContactEvent } from './contact-event';

export type ContactChanges = Partial<Record<keyof ContactResponse, { from: unknown; to: unknown }>>;

export class ContactUpdatedEvent extends ContactEvent {
  static readonly eventName = 'contact.updated' as const;
  readonly eventName = ContactUpdatedEvent.eventName;

  constructor(
    workspaceId: string,
    contact: ContactResponse,
    sequence: number,
    /** Each changed field with its old and new value (`fullName` included when it moved). */
    readonly changes: ContactChanges,
  ) {
    super(workspaceId, contact, sequence);
  }
}
